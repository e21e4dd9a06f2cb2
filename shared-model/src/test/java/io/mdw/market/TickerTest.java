package io.mdw.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TickerTest {

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "F", "BRK.B", "X:BTCUSD", "C:EURUSD", "I:SPX", "O:SPY251219C00650000",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void providerTickersAreValid(String ticker) {
        assertThat(Ticker.isValid(ticker)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X:", "C:", "X:-", "AAPL.", "-AAPL", ".AAPL", "AA/PL", "aapl", "AAPL\t",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void aPrefixAloneASeparatorAtEitherEndAndOtherCharactersAreNot(String ticker) {
        assertThat(Ticker.isValid(ticker)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl", " AAPL ", "Aapl"})
    void symbolsAreStoredUpperCaseWithoutSurroundingBlanks(String given) {
        assertThat(Ticker.normalize(given)).isEqualTo("AAPL");
    }

    @ParameterizedTest
    @CsvSource({"x:ethu\u017Fd, X:ETHU\u017FD", "\uFB00, \uFB00", "stra\u00DFe, STRA\u00DFE",
            "h\u0131stk, H\u0131STK", "\uFF41apl, \uFF41APL"})
    void lettersBeyondAsciiStayAsGivenAndSoMakeNoOtherTicker(String given, String normalized) {
        assertThat(Ticker.normalize(given)).isEqualTo(normalized);
        assertThat(Ticker.isValid(normalized)).isFalse();
    }
}
