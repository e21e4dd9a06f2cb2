package io.mdw.api.bars;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.mdw.api.errors.ApiProblem;
import io.mdw.calendar.WarehouseDates;

/**
 * A position in a listing: the bar at {@code time} of {@code symbol}. As the {@code cursor} parameter (opaque to
 * clients) the next page starts after it; a limited stream also reads its rows up to one. The parameter also names
 * the listing it was made for, so that it is not taken as a position in another one (a listing of the same symbols
 * in another order would skip the symbols before it).
 */
record Cursor(String symbol, Instant time) {

    private static final String INVALID = "Invalid cursor: pass the 'next' link of a previous answer unchanged";

    /** @param listing what {@link #listing} gave for the request whose next page this is */
    String encode(String listing) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((symbol + "|" + time + "|" + listing).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a request for that listing, or null without one. */
    static Cursor decode(String value, List<String> symbols, BarRequest request) {
        if (value == null) {
            return null;
        }
        Cursor cursor;
        String madeFor;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                throw ApiProblem.badRequest(INVALID);
            }
            cursor = new Cursor(parts[0], Instant.parse(parts[1]));
            madeFor = parts[2];
        } catch (IllegalArgumentException | DateTimeException e) {
            throw ApiProblem.badRequest(INVALID);
        }
        if (!madeFor.equals(listing(symbols, request)) || !symbols.contains(cursor.symbol())) {
            throw ApiProblem.badRequest("Invalid cursor: it belongs to another listing (other symbols or order, "
                    + "timeframe, range or quality filter); pass the 'next' link of this listing unchanged");
        }
        // the time of a bar in the range, as in every cursor the API hands out (a year beyond PostgreSQL's was a 500)
        if (cursor.time().isBefore(request.from()) || !cursor.time().isBefore(request.toExclusive())
                || !WarehouseDates.isToTheMicrosecond(cursor.time())) {
            throw ApiProblem.badRequest(INVALID);
        }
        return cursor;
    }

    /**
     * A short digest of what decides the order and content of a listing: the symbols in their order, the timeframe,
     * the range and the quality filter (not the format, the limit or the features, which a next page may change).
     */
    static String listing(List<String> symbols, BarRequest request) {
        String definition = String.join(",", symbols) + "|" + request.timeframe().code() + "|" + request.from() + "|"
                + request.toExclusive() + "|"
                + (request.minQuality() == null ? "all" : request.minQuality().stripTrailingZeros().toPlainString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
