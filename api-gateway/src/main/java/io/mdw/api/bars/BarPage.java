package io.mdw.api.bars;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A JSON page of bars. {@code symbol} is set for one series (the old historical answer), {@code symbols}
 * for several; {@code next} is the link to the following page when the limit cut the answer short.
 */
record BarPage(
        @JsonInclude(JsonInclude.Include.NON_NULL) String symbol,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> symbols,
        String timeframe,
        String startDate,
        String endDate,
        int count,
        List<Bar> data,
        String next) {
}
