package io.mdw.batch.warehouse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds rows in PostgreSQL's binary COPY format, for rows of text, timestamptz and double precision columns.
 * Doubles travel as their 8 bytes: exact, with no formatting here nor parsing in the server.
 */
final class CopyBinary {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in seconds since 1970. */
    private static final long POSTGRES_EPOCH = 946_684_800L;

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

    /** A String (text), Instant (timestamptz), Double (double precision) or null. */
    CopyBinary value(Object value) {
        if (value == null) {
            putInt(-1);
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
