package io.mdw.api.web;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How query and path values are read. Numbers are ASCII digits only: Java's own parsing, which Spring's uses, also
 * takes other scripts' digits (limit=٣ read as 3), and Spring's takes hex (0x10) too, so a client could not tell what
 * was understood; a decimal may have an exponent of up to three digits (min_quality=1e-1), as the old service read it. Booleans are the
 * spellings the old service (pydantic) took: true/false, t/f, yes/no, y/n, on/off, 1/0, in any case. Anything else is
 * a 400 naming the parameter. Editors rather than converters, since Spring falls back to its default editors when a
 * converter refuses a value.
 */
@ControllerAdvice
class ParameterValues {

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    // an exponent of at most three digits: 1e999999999 would be a number of a billion digits once printed
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");
    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "off", "0");

    @InitBinder
    void readValues(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new AsciiNumberEditor(Integer.class, WHOLE));
        binder.registerCustomEditor(Integer.class, new AsciiNumberEditor(Integer.class, WHOLE));
        binder.registerCustomEditor(long.class, new AsciiNumberEditor(Long.class, WHOLE));
        binder.registerCustomEditor(Long.class, new AsciiNumberEditor(Long.class, WHOLE));
        binder.registerCustomEditor(BigDecimal.class, new AsciiNumberEditor(BigDecimal.class, DECIMAL));
        binder.registerCustomEditor(boolean.class, new BooleanEditor());
        binder.registerCustomEditor(Boolean.class, new BooleanEditor());
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

    private static final class BooleanEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            String spelled = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (spelled.isEmpty()) {
                // blank is no value, as with Spring's own editor (a parameter's default then applies)
                setValue(null);
            } else if (TRUE.contains(spelled) || FALSE.contains(spelled)) {
                setValue(TRUE.contains(spelled));
            } else {
                throw new IllegalArgumentException("not a boolean: " + text);
            }
        }
    }
}
