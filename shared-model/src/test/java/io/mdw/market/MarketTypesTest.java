package io.mdw.market;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    @Test
    void rawBarPayloadKeepsNumbersAsSentAndQuotesEverythingElse() {
        RawBar raw = new RawBar("1678730400000", "1677.0", null, "abc\"\\", "NaN", "-1e-3", null, "12");

        String payload = raw.toPayload();

        assertThat(payload).isEqualTo(
                "{\"t\":1678730400000,\"o\":1677.0,\"l\":\"abc\\\"\\\\\",\"c\":\"NaN\",\"v\":-1e-3,\"n\":12}");
        JsonNode parsed = JsonMapper.builder().build().readTree(payload);
        assertThat(parsed.get("l").asString()).isEqualTo("abc\"\\");
        assertThat(new RawBar(null, null, null, null, null, null, null, null).toPayload()).isEqualTo("{}");
    }
}
