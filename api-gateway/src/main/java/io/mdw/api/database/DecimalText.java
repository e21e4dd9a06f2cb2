package io.mdw.api.database;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.message.Format;

/**
 * Decodes a NUMERIC as its exact decimal text, the text PostgreSQL itself prints ({@code numeric_out}), straight from
 * the binary wire format: prices reach the JSON as they were stored without a BigDecimal made and printed for each.
 * Read-only: asked for a {@code String} from a NUMERIC column, and for nothing else.
 */
final class DecimalText implements DecodeOnlyCodec<String> {

    private static final int NUMERIC = PostgresqlObjectId.NUMERIC.getObjectId();
    // the sign word of the binary format
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int POSITIVE_INFINITY = 0xD000;
    private static final int NEGATIVE_INFINITY = 0xF000;

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return dataType == NUMERIC && type == String.class;
    }

    @Override
    public String decode(ByteBuf buffer, int dataType, Format format, Class<? extends String> type) {
        if (format == Format.FORMAT_TEXT) {
            return buffer.toString(StandardCharsets.US_ASCII);
        }
        return fromBinary(buffer);
    }

    /** The decimal text of a NUMERIC in PostgreSQL's binary format, read from the buffer's reader index. */
    static String fromBinary(ByteBuf buffer) {
        // ndigits base-10000 digits, the first worth 10000^weight; dscale digits after the decimal point
        int ndigits = buffer.readShort();
        int weight = buffer.readShort();
        int sign = buffer.readUnsignedShort();
        int dscale = buffer.readUnsignedShort();
        switch (sign) {
            case NAN:
                return "NaN";
            case POSITIVE_INFINITY:
                return "Infinity";
            case NEGATIVE_INFINITY:
                return "-Infinity";
            default:
                break;
        }
        int firstDigit = buffer.readerIndex();
        // as numeric_out: an optional sign, the integer part without leading zeros, exactly dscale fraction digits
        byte[] text = new byte[1 + Math.max(weight + 1, 1) * 4 + 1 + dscale + 4];
        int length = 0;
        if (sign == NEGATIVE) {
            text[length++] = '-';
        }
        int group;
        if (weight < 0) {
            text[length++] = '0';
            group = weight + 1;
        } else {
            int leading = digit(buffer, firstDigit, ndigits, 0);
            length = writeDigits(text, length, leading, leading >= 1000 ? 4 : leading >= 100 ? 3 : leading >= 10 ? 2 : 1);
            for (group = 1; group <= weight; group++) {
                length = writeDigits(text, length, digit(buffer, firstDigit, ndigits, group), 4);
            }
        }
        if (dscale > 0) {
            text[length++] = '.';
            int end = length + dscale;
            for (; length < end; group++) {
                length = writeDigits(text, length, digit(buffer, firstDigit, ndigits, group), 4);
            }
            length = end;
        }
        buffer.skipBytes(ndigits * 2);
        return new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    /** The base-10000 digit of that group (0 beyond the stored ones: trailing and leading zeros are not sent). */
    private static int digit(ByteBuf buffer, int firstDigit, int ndigits, int group) {
        return group >= 0 && group < ndigits ? buffer.getShort(firstDigit + group * 2) : 0;
    }

    private static int writeDigits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
