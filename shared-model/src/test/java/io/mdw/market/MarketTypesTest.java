package io.mdw.market;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketTypesTest {

    @Test
    void assetClassesAreParsedFromTheirCodes() {
        assertThat(AssetClass.fromCode("stock")).isEqualTo(AssetClass.STOCK);
        assertThat(AssetClass.fromCode("crypto").code()).isEqualTo("crypto");
        assertThatThrownBy(() -> AssetClass.fromCode("bond"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown asset class 'bond'; expected one of: stock, etf, crypto, forex");
    }

    @Test
    void timeframesKnowTheirDurationAndPolygonRequestParameters() {
        assertThat(Timeframe.fromCode("4h")).isEqualTo(Timeframe.FOUR_HOURS);
        assertThat(Timeframe.FOUR_HOURS.polygonMultiplier()).isEqualTo(4);
        assertThat(Timeframe.FOUR_HOURS.polygonTimespan()).isEqualTo("hour");
        assertThat(Timeframe.FIFTEEN_MINUTES.polygonTimespan()).isEqualTo("minute");
        assertThat(Timeframe.ONE_WEEK.duration()).isEqualTo(Duration.ofDays(7));
        assertThat(Timeframe.ONE_WEEK.polygonTimespan()).isEqualTo("week");
        assertThat(Timeframe.ONE_DAY.polygonTimespan()).isEqualTo("day");
        assertThat(Timeframe.FOUR_HOURS.isIntraday()).isTrue();
        assertThat(Timeframe.ONE_DAY.isIntraday()).isFalse();
        assertThat(Timeframe.validCodes()).isEqualTo("1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w");
        assertThat(Timeframe.ONE_HOUR.aggregatesFrom(Timeframe.FIVE_MINUTES)).isTrue();
        assertThat(Timeframe.ONE_WEEK.aggregatesFrom(Timeframe.ONE_DAY)).isTrue();
        assertThat(Timeframe.ONE_HOUR.aggregatesFrom(Timeframe.ONE_HOUR)).isFalse();
        assertThat(Timeframe.FIVE_MINUTES.aggregatesFrom(Timeframe.ONE_HOUR)).isFalse();
        assertThatThrownBy(() -> Timeframe.fromCode("2h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid timeframe '2h'; valid timeframes: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w");
    }
}
