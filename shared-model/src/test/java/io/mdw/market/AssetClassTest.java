package io.mdw.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssetClassTest {

    @Test
    void aTickersPrefixSaysWhatItIs() {
        assertThat(AssetClass.ofTicker("X:BTCUSD")).isEqualTo(AssetClass.CRYPTO);
        assertThat(AssetClass.ofTicker("C:EURUSD")).isEqualTo(AssetClass.FOREX);
        assertThat(AssetClass.ofTicker("SPY")).isEqualTo(AssetClass.STOCK);
    }

    @Test
    void aRecordedClassOutranksWhatTheTickerImplies() {
        assertThat(AssetClass.ofSymbol("SPY", "etf")).isEqualTo(AssetClass.ETF);
        assertThat(AssetClass.ofSymbol("X:BTCUSD", "ETF")).isEqualTo(AssetClass.ETF);
        assertThat(AssetClass.ofSymbol("X:BTCUSD", null)).isEqualTo(AssetClass.CRYPTO);
    }
}
