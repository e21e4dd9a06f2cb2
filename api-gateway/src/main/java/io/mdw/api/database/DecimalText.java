package io.mdw.api.database;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.message.Format;

/**
 * Decodes a NUMERIC as its exact decimal text, the text PostgreSQL itself prints ({@code numeric_out}), straight from
 * the binary wire format: prices reach the JSON as they were stored without a BigDecimal made and printed for each.
 * Read-only: asked for a {@code String} from a NUMERIC column, and for nothing else.
 */
final class DecimalText implements Codec<String> {

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
        int[] digits = new int[ndigits];
        for (int i = 0; i < ndigits; i++) {
            digits[i] = buffer.readShort();
        }
        StringBuilder text = new StringBuilder(Math.max(weight + 1, 1) * 4 + dscale + 2);
        if (sign == NEGATIVE) {
            text.append('-');
        }
        // as numeric_out: the integer part without leading zeros, then exactly dscale fraction digits
        int group = 0;
        if (weight < 0) {
            text.append('0');
            group = weight + 1;
        } else {
            text.append(digit(digits, 0));
            for (group = 1; group <= weight; group++) {
                appendFourDigits(text, digit(digits, group));
            }
        }
        if (dscale > 0) {
            text.append('.');
            int end = text.length() + dscale;
            for (int written = 0; written < dscale; written += 4, group++) {
                appendFourDigits(text, digit(digits, group));
            }
            text.setLength(end);
        }
        return text.toString();
    }

    private static int digit(int[] digits, int group) {
        return group >= 0 && group < digits.length ? digits[group] : 0;
    }

    private static void appendFourDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 1000))
                .append((char) ('0' + value / 100 % 10))
                .append((char) ('0' + value / 10 % 10))
                .append((char) ('0' + value % 10));
    }

    @Override
    public boolean canEncode(Object value) {
        return false;
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    public EncodedParameter encode(Object value) {
        throw new UnsupportedOperationException("DecimalText only decodes");
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        throw new UnsupportedOperationException("DecimalText only decodes");
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new UnsupportedOperationException("DecimalText only decodes");
    }
}
