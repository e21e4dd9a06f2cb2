package io.mdw.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void aValueIsCutShortAtWholeCharactersWithTheCutMarked() {
        assertThat(Params.abbreviate("AAPL", 4)).isEqualTo("AAPL");
        assertThat(Params.abbreviate("AAPLX", 4)).isEqualTo("AAPL…");
        // "ab" then two emoji, each a surrogate pair: a cut at 3 would leave half of the first
        assertThat(Params.abbreviate("ab\uD83D\uDE00\uD83D\uDE00", 3)).isEqualTo("ab…");
        assertThat(Params.abbreviate("ab\uD83D\uDE00\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00…");
        assertThat(Params.abbreviate(null, 4)).isEmpty();
    }
}
