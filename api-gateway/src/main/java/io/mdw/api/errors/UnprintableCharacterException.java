package io.mdw.api.errors;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A string in a JSON request body holds a character no value may hold; {@link RequestBodyProblems} names its field. */
public class UnprintableCharacterException extends MismatchedInputException {

    /** @param what the character, as in "the control character U+0000" */
    public UnprintableCharacterException(JsonParser parser, String what) {
        super(parser, "holds " + what + "; send the value without it", String.class);
    }
}
