package io.mdw.api.bars;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A JSON page of bars as the OpenAPI description documents it ({@link BarWriter#jsonPage} writes it streamed).
 * {@code symbol} is set for one series (the old historical answer), {@code symbols} for several; {@code next}
 * is the link to the following page when the limit cut the answer short.
 */
@NullMarked
record BarPage(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String symbol,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> symbols,
        String timeframe,
        String startDate,
        String endDate,
        int count,
        List<Bar> data,
        @Nullable String next) {
}
