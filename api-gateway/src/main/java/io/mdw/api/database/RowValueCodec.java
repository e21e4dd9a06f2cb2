package io.mdw.api.database;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.message.Format;

/**
 * Decodes a row value (PostgreSQL's anonymous {@code record}) from the binary wire format into a {@link RowValue}.
 * The driver's per-column work (a buffer slice, a reference count and a codec lookup for each column of each row)
 * is paid once for a bar read as one row value instead of fourteen times: a fifth less API CPU per bars answer
 * (`mdw bench api`), for a little more PostgreSQL CPU (it forms each record). Fields are decoded by their
 * type: NUMERIC to its exact decimal text ({@link DecimalText}), {@code timestamptz} to {@link Instant}, integers,
 * booleans, floats, text and text arrays to their Java types. Read-only.
 */
final class RowValueCodec implements DecodeOnlyCodec<RowValue> {

    /** The oid of the anonymous {@code record} type (the driver's PostgresqlObjectId does not list it). */
    private static final int RECORD = 2249;
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in seconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return dataType == RECORD && type == RowValue.class;
    }

    @Override
    public RowValue decode(ByteBuf buffer, int dataType, Format format, Class<? extends RowValue> type) {
        if (format != Format.FORMAT_BINARY) {
            throw new IllegalArgumentException("A row value is read in binary format only: the query needs bind "
                    + "parameters (the driver sends a query without them as text) and the forceBinary option");
        }
        Object[] fields = new Object[buffer.readInt()];
        for (int i = 0; i < fields.length; i++) {
            int fieldType = buffer.readInt();
            fields[i] = field(buffer, fieldType);
        }
        return new RowValue(fields);
    }

    /** One length-prefixed value (a field of a record or an element of an array); null when the length is -1. */
    private static Object field(ByteBuf buffer, int type) {
        int length = buffer.readInt();
        if (length < 0) {
            return null;
        }
        int end = buffer.readerIndex() + length;
        Object value = switch (type) {
            case 1700 -> DecimalText.fromBinary(buffer);                    // numeric
            case 1184 -> instant(buffer.readLong());                        // timestamptz
            case 20 -> buffer.readLong();                                   // int8
            case 23 -> buffer.readInt();                                    // int4
            case 21 -> buffer.readShort();                                  // int2
            case 16 -> buffer.readByte() != 0;                              // bool
            case 701 -> buffer.readDouble();                                // float8
            case 700 -> buffer.readFloat();                                 // float4
            case 25, 1043 -> buffer.toString(buffer.readerIndex(), length, StandardCharsets.UTF_8); // text, varchar
            case 1009, 1015 -> textArray(buffer);                           // text[], varchar[]
            default -> throw new IllegalArgumentException("A row value field of type oid " + type
                    + " cannot be decoded; cast it to text, numeric, bigint or timestamptz in the query");
        };
        buffer.readerIndex(end);
        return value;
    }

    /** A one-dimensional array of text (an empty array has no dimensions). */
    private static String[] textArray(ByteBuf buffer) {
        int dimensions = buffer.readInt();
        buffer.skipBytes(4);                                // has-nulls flag
        int elementType = buffer.readInt();
        if (dimensions == 0) {
            return new String[0];
        }
        if (dimensions != 1) {
            throw new IllegalArgumentException("A text array with " + dimensions + " dimensions cannot be decoded");
        }
        String[] elements = new String[buffer.readInt()];
        buffer.skipBytes(4);                                // lower bound
        for (int i = 0; i < elements.length; i++) {
            elements[i] = (String) field(buffer, elementType);
        }
        return elements;
    }

    private static Instant instant(long microsSincePostgresEpoch) {
        if (microsSincePostgresEpoch == Long.MAX_VALUE) {
            return Instant.MAX;
        }
        if (microsSincePostgresEpoch == Long.MIN_VALUE) {
            return Instant.MIN;
        }
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(microsSincePostgresEpoch, 1_000_000L),
                Math.floorMod(microsSincePostgresEpoch, 1_000_000L) * 1_000L);
    }
}
