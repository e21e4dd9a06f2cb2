package io.mdw.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void controlCharactersAreEscapedAndEverythingElseKept() {
        assertThat(ControlCharacters.escape("AAPL\nrm")).isEqualTo("AAPL\\u000Arm");
        assertThat(ControlCharacters.escape("\u0000\u0001PK\u007F\u0085")).isEqualTo("\\u0000\\u0001PK\\u007F\\u0085");
        assertThat(ControlCharacters.escape("X:ÉTH €1 ✓ 😀")).isEqualTo("X:ÉTH €1 ✓ 😀");
    }
}
