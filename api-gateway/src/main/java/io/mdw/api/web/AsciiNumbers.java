package io.mdw.api.web;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers in query parameters and paths are ASCII digits only. Java's own parsing, which Spring's uses, also takes
 * other scripts' digits (limit=٣ read as 3), and Spring's takes hex (0x10) too: a client could not tell what was
 * understood. Anything else is a 400 naming the parameter. An editor rather than a converter, since Spring falls back
 * to its default editors when a converter refuses a value.
 */
@ControllerAdvice
class AsciiNumbers {

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    @InitBinder
    void asciiDigitsOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new AsciiNumberEditor(Integer.class, WHOLE));
        binder.registerCustomEditor(Integer.class, new AsciiNumberEditor(Integer.class, WHOLE));
        binder.registerCustomEditor(long.class, new AsciiNumberEditor(Long.class, WHOLE));
        binder.registerCustomEditor(Long.class, new AsciiNumberEditor(Long.class, WHOLE));
        binder.registerCustomEditor(BigDecimal.class, new AsciiNumberEditor(BigDecimal.class, DECIMAL));
    }

    private static final class AsciiNumberEditor extends CustomNumberEditor {

        private final Pattern ascii;

        AsciiNumberEditor(Class<? extends Number> type, Pattern ascii) {
            // blank is no value, as with Spring's own editors (a parameter's default then applies)
            super(type, true);
            this.ascii = ascii;
        }

        @Override
        public void setAsText(String text) {
            if (text != null && !text.isBlank() && !ascii.matcher(text.trim()).matches()) {
                throw new IllegalArgumentException("not a number in ASCII digits: " + text);
            }
            super.setAsText(text);
        }
    }
}
