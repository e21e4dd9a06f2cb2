package io.mdw.batch.warehouse;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Builds rows in PostgreSQL's binary COPY format: values travel in the server's own representation, so nothing
 * is formatted here nor parsed there, and doubles and decimals arrive exactly as they were.
 */
final class CopyBinary {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in seconds since 1970. */
    private static final long POSTGRES_EPOCH = 946_684_800L;
    private static final int TEXT_OID = 25;

    private byte[] bytes = new byte[1 << 16];
    private int length;

    CopyBinary() {
        put(SIGNATURE);
        putInt(0); // flags
        putInt(0); // header extension length
    }

    /** Starts a row of {@code columns} values. */
    CopyBinary row(int columns) {
        putShort(columns);
        return this;
    }

    /**
     * A String (text), Instant (timestamptz), Double (double precision), BigDecimal (numeric), Long (bigint),
     * Integer (integer), Boolean (boolean), List of String (text[]) or null.
     */
    CopyBinary value(Object value) {
        if (value == null) {
            putInt(-1);
        } else if (value instanceof BigDecimal decimal) {
            numeric(decimal);
        } else if (value instanceof Long l) {
            putInt(8);
            putLong(l);
        } else if (value instanceof Integer i) {
            putInt(4);
            putInt(i);
        } else if (value instanceof Boolean b) {
            putInt(1);
            ensure(1);
            bytes[length++] = (byte) (b ? 1 : 0);
        } else if (value instanceof List<?> list) {
            textArray(list);
        } else if (value instanceof Double d) {
            putInt(8);
            putLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Instant instant) {
            putInt(8);
            putLong(Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L),
                    instant.getNano() / 1000));
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            putInt(utf8.length);
            put(utf8);
        } else {
            throw new IllegalArgumentException("no binary COPY encoding for " + value.getClass().getName());
        }
        return this;
    }

    /** The rows, closed by the format's trailer. */
    InputStream finish() {
        putShort(-1);
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** numeric: digit count, weight and sign, display scale, then the digits in base 10000, most significant first. */
    private void numeric(BigDecimal value) {
        int displayScale = Math.max(value.scale(), 0);
        BigDecimal scaled = value.scale() < 0 ? value.setScale(0) : value;
        StringBuilder digits = new StringBuilder(scaled.unscaledValue().abs().toString());
        int fraction = scaled.scale();
        while (digits.length() < fraction) {
            digits.insert(0, '0');
        }
        int integer = digits.length() - fraction;
        int leftPad = (4 - integer % 4) % 4;
        for (int i = 0; i < leftPad; i++) {
            digits.insert(0, '0');
        }
        for (int i = 0; i < (4 - fraction % 4) % 4; i++) {
            digits.append('0');
        }
        int weight = (integer + leftPad) / 4 - 1;
        int first = 0;
        int end = digits.length() / 4;
        while (first < end && isZeroGroup(digits, first)) {
            first++;
            weight--;
        }
        while (end > first && isZeroGroup(digits, end - 1)) {
            end--;
        }
        if (first == end) {
            weight = 0;
        }
        putInt(8 + 2 * (end - first));
        putShort(end - first);
        putShort(weight);
        putShort(value.signum() < 0 ? 0x4000 : 0);
        putShort(displayScale);
        for (int group = first; group < end; group++) {
            putShort(Integer.parseInt(digits, group * 4, group * 4 + 4, 10));
        }
    }

    private static boolean isZeroGroup(CharSequence digits, int group) {
        for (int i = group * 4; i < group * 4 + 4; i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** text[]: one dimension (none when empty), no nulls, element type text, then each element. */
    private void textArray(List<?> elements) {
        byte[][] utf8 = new byte[elements.size()][];
        int size = 12 + (elements.isEmpty() ? 0 : 8);
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = String.valueOf(elements.get(i)).getBytes(StandardCharsets.UTF_8);
            size += 4 + utf8[i].length;
        }
        putInt(size);
        putInt(elements.isEmpty() ? 0 : 1);
        putInt(0);
        putInt(TEXT_OID);
        if (!elements.isEmpty()) {
            putInt(utf8.length);
            putInt(1);
        }
        for (byte[] element : utf8) {
            putInt(element.length);
            put(element);
        }
    }

    private void put(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, bytes, length, values.length);
        length += values.length;
    }

    private void putShort(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
