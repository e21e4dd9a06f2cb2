package io.mdw.api.database;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.message.Format;

/**
 * Decodes a NUMERIC as its exact decimal text, the text PostgreSQL itself prints ({@code numeric_out}), straight from
 * the binary wire format: prices reach the JSON as they were stored without a BigDecimal made and printed for each.
 * NaN and the infinities, which a NUMERIC may hold but no JSON or CSV number can be, are read as null: an undefined
 * value. Read-only: asked for a {@code String} from a NUMERIC column, and for nothing else.
 */
final class DecimalText implements DecodeOnlyCodec<String> {

    private static final int NUMERIC = PostgresqlObjectId.NUMERIC.getObjectId();
    // the sign word of the binary format
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int POSITIVE_INFINITY = 0xD000;
    private static final int NEGATIVE_INFINITY = 0xF000;
    private static final Set<String> NOT_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    /** "0000" to "9999", four bytes each: a base-10000 digit's decimal text is read, not computed. */
    private static final byte[] FOUR_DIGITS = new byte[10_000 * 4];

    static {
        for (int value = 0; value < 10_000; value++) {
            byte[] digits = String.format("%04d", value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, FOUR_DIGITS, value * 4, 4);
        }
    }

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return dataType == NUMERIC && type == String.class;
    }

    @Override
    public String decode(ByteBuf buffer, int dataType, Format format, Class<? extends String> type) {
        if (format == Format.FORMAT_TEXT) {
            String text = buffer.toString(StandardCharsets.US_ASCII);
            return NOT_FINITE.contains(text) ? null : text;
        }
        return fromBinary(buffer);
    }

    /**
     * The decimal text of a NUMERIC in PostgreSQL's binary format, read from the buffer's reader index; null for NaN and
     * the infinities.
     */
    static String fromBinary(ByteBuf buffer) {
        // ndigits base-10000 digits, the first worth 10000^weight; dscale digits after the decimal point
        int ndigits = buffer.readShort();
        int weight = buffer.readShort();
        int sign = buffer.readUnsignedShort();
        int dscale = buffer.readUnsignedShort();
        if (sign == NAN || sign == POSITIVE_INFINITY || sign == NEGATIVE_INFINITY) {
            return null;
        }
        int firstDigit = buffer.readerIndex();
        // as numeric_out: an optional sign, the integer part without leading zeros, exactly dscale fraction digits;
        // sized exactly from the header, digits copied from a table: no arithmetic per decimal digit
        int leading = weight < 0 ? 0 : digit(buffer, firstDigit, ndigits, 0);
        int leadingWidth = leading >= 1000 ? 4 : leading >= 100 ? 3 : leading >= 10 ? 2 : 1;
        int integerWidth = leadingWidth + 4 * Math.max(weight, 0);
        byte[] text = new byte[(sign == NEGATIVE ? 1 : 0) + integerWidth + (dscale > 0 ? 1 + dscale : 0)];
        int at = 0;
        if (sign == NEGATIVE) {
            text[at++] = '-';
        }
        // below 1 the leading digit is 0, written as "0"
        at = writeDigits(text, at, leading, 4 - leadingWidth, leadingWidth);
        for (int group = 1; group <= weight; group++) {
            at = writeDigits(text, at, digit(buffer, firstDigit, ndigits, group), 0, 4);
        }
        if (dscale > 0) {
            text[at++] = '.';
            for (int group = weight + 1; at < text.length; group++) {
                at = writeDigits(text, at, digit(buffer, firstDigit, ndigits, group), 0, Math.min(4, text.length - at));
            }
        }
        buffer.skipBytes(ndigits * 2);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** The base-10000 digit of that group (0 beyond the stored ones: trailing and leading zeros are not sent). */
    private static int digit(ByteBuf buffer, int firstDigit, int ndigits, int group) {
        return group >= 0 && group < ndigits ? buffer.getShort(firstDigit + group * 2) : 0;
    }

    /** Writes {@code count} of the four decimal digits of a base-10000 digit, from the {@code skip}-th on. */
    private static int writeDigits(byte[] text, int at, int value, int skip, int count) {
        int from = value * 4 + skip;
        for (int i = 0; i < count; i++) {
            text[at + i] = FOUR_DIGITS[from + i];
        }
        return at + count;
    }
}
