package io.mdw.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Builds rows in PostgreSQL's COPY text format (tab-separated, \N for null). */
final class CopyText {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;

    CopyText value(Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Instant instant) {
            text.append(instant);
        } else if (value instanceof List<?> list) {
            text.append('{');
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ",");
                escape(String.valueOf(list.get(i)));
            }
            text.append('}');
        } else {
            escape(value.toString());
        }
        return this;
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
