package io.mdw.api.errors;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.reactivestreams.Publisher;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a JSON request body in the client's terms: the field as sent (its JSON path, snake_case)
 * and the JSON type expected there. Jackson's and Spring's own messages name Java types and methods instead.
 */
final class RequestBodyProblems {

    private static final String OBJECT_REQUIRED = "A JSON object is required as the request body";

    private static final String TRAILING_VALUE = "The request body goes on after its JSON object; send one object";

    private RequestBodyProblems() {
    }

    /** What to fix in the body, or null when the failure is not the body's. */
    static String describe(ServerWebInputException input) {
        // Spring's reason for an empty body and for a body of just 'null'
        if (input.getReason() != null && input.getReason().startsWith("No request body")) {
            return OBJECT_REQUIRED;
        }
        if (!(input.getCause() instanceof DecodingException decoding)) {
            return null;
        }
        Throwable cause = decoding.getCause();
        if (cause instanceof CharacterCodingException) {
            return decoding.getMessage();   // io.mdw.api.web.JsonCodecs says where the body is not UTF-8
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "Unknown field '" + path(unknown.getPath()) + "'; known fields are " + String.join(", ", known);
        }
        if (cause instanceof UnprintableCharacterException unprintable) {
            return "'" + path(unprintable.getPath()) + "' " + unprintable.getOriginalMessage();
        }
        if (cause instanceof DatabindException mismatch) {
            return wrongType(mismatch, input.getMethodParameter());
        }
        if (cause instanceof JacksonException syntax) {
            TokenStreamLocation at = syntax.getLocation();
            return "The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + withoutParserSettings(syntax.getOriginalMessage());
        }
        return "The request body could not be read; send a JSON object (Content-Type: application/json)";
    }

    /**
     * Jackson's message up to where it starts on its own input source or settings (a client cannot change
     * {@code JsonReadFeature}s or {@code StreamReadConstraints}): "Unexpected end-of-input: expected close marker for
     * Object", "Non-standard token 'NaN'", "Document nesting depth (501) exceeds the maximum allowed (500", "maybe a
     * (non-standard) comment?".
     */
    static String withoutParserSettings(String message) {
        int end = message.length();
        for (String internal : List.of("\n", " (start marker", " (not recognized as one since", ": enable `", "; enable `",
                ", from `", "`")) {
            int at = message.indexOf(internal);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String text = message.substring(0, end).strip();
        long open = text.chars().filter(c -> c == '(').count() - text.chars().filter(c -> c == ')').count();
        return open > 0 ? text + ")" : text;
    }

    /**
     * A value of the wrong JSON type. A wrong element is reported as its list ('symbols' must be a list of strings),
     * which is what the client wrote.
     */
    private static String wrongType(DatabindException mismatch, MethodParameter body) {
        List<JacksonException.Reference> path = new ArrayList<>(mismatch.getPath());
        while (!path.isEmpty() && path.get(path.size() - 1).getPropertyName() == null) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty()) {
            return mismatch.getOriginalMessage().startsWith("Trailing token") ? TRAILING_VALUE : OBJECT_REQUIRED;
        }
        ResolvableType expected = body == null ? ResolvableType.NONE : declaredType(bodyType(body), path);
        return "'" + path(path) + "' must be "
                + (expected == ResolvableType.NONE ? "of another JSON type" : kind(expected).one());
    }

    /** The type the body is read as: a body taken as a Mono of a type is read as that type. */
    private static ResolvableType bodyType(MethodParameter body) {
        ResolvableType declared = ResolvableType.forMethodParameter(body);
        return Publisher.class.isAssignableFrom(declared.toClass()) ? declared.getGeneric(0) : declared;
    }

    /**
     * The type the body's records declare at this path, or NONE. A component is matched to its JSON name without case
     * and underscores: asset_class is assetClass.
     */
    private static ResolvableType declaredType(ResolvableType root, List<JacksonException.Reference> path) {
        ResolvableType type = root;
        for (JacksonException.Reference step : path) {
            Class<?> raw = type.resolve();
            if (step.getPropertyName() == null) {
                type = type.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
            } else if (raw != null && raw.isRecord()) {
                String name = step.getPropertyName().replace("_", "");
                type = Arrays.stream(raw.getRecordComponents())
                        .filter(component -> component.getName().equalsIgnoreCase(name))
                        .map(component -> ResolvableType.forType(component.getGenericType()))
                        .findFirst().orElse(ResolvableType.NONE);
            } else {
                return ResolvableType.NONE;
            }
        }
        return type;
    }

    private record Kind(String one, String many) {
    }

    private static Kind kind(ResolvableType type) {
        if (type.isArray() || type.asCollection() != ResolvableType.NONE) {
            ResolvableType element = type.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
            return new Kind("a list of " + kind(element).many(), "lists");
        }
        Class<?> raw = type.toClass();
        if (raw == Boolean.class || raw == boolean.class) {
            return new Kind("true or false", "true/false values");
        }
        if (CharSequence.class.isAssignableFrom(raw)) {
            return new Kind("a string", "strings");
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return new Kind("a number", "numbers");
        }
        return new Kind("a JSON object", "JSON objects");
    }

    /** The JSON path as sent: symbols, symbols[1], a.b. */
    private static String path(List<JacksonException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() == null) {
                text.append('[').append(step.getIndex()).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(step.getPropertyName());
            }
        }
        return text.toString();
    }
}
