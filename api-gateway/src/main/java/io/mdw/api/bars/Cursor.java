package io.mdw.api.bars;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import io.mdw.calendar.WarehouseDates;

/**
 * A position in a listing: the bar at {@code time} of {@code symbol}. As the {@code cursor} parameter (opaque to
 * clients) the next page starts after it; a limited stream also reads its rows up to one.
 */
record Cursor(String symbol, Instant time) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((symbol + "|" + time).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String value) {
        if (value == null) {
            return null;
        }
        Cursor cursor;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            int separator = decoded.lastIndexOf('|');
            cursor = new Cursor(decoded.substring(0, separator), Instant.parse(decoded.substring(separator + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
            throw invalid();
        }
        // the time of a bar in a range, as in every cursor the API hands out (a year beyond PostgreSQL's was a 500)
        if (!Params.isToTheMicrosecond(cursor.time()) || !WarehouseDates.isInRange(cursor.time())) {
            throw invalid();
        }
        return cursor;
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("Invalid cursor: pass the 'next' link of a previous answer unchanged");
    }
}
