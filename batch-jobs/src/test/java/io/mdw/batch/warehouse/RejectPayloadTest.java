package io.mdw.batch.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.market.RawBar;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RejectPayloadTest {

    @Test
    void anItemOfAJsonResponseKeepsItsNumbersAsSentAndQuotesEverythingElse() {
        RawBar raw = new RawBar("1678730400000", "1677.0", null, "abc\"\\", "NaN", "-1e-3", null, "12");

        String payload = RejectPayload.of(raw);

        assertThat(payload).isEqualTo(
                "{\"t\":1678730400000,\"o\":1677.0,\"l\":\"abc\\\"\\\\\",\"c\":\"NaN\",\"v\":-1e-3,\"n\":12}");
        assertThat(RejectPayload.of(new RawBar(null, null, null, null, null, null, null, null))).isEqualTo("{}");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedAndReadBackAsSent() {
        String sent = "a\"b\\c/d\te\nf\u0001g\u000bh";
        RawBar raw = new RawBar("1678730400000", "1", "1", "1", "1", "1", null, sent);

        String payload = RejectPayload.of(raw);

        assertThat(payload).isEqualTo("{\"t\":1678730400000,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,"
                + "\"n\":\"a\\\"b\\\\c/d\\te\\nf\\u0001g\\u000bh\"}");
        assertThat(JsonMapper.builder().build().readTree(payload).get("n").asString()).isEqualTo(sent);
    }

    @Test
    void aRowOfATextFileIsKeptAsItStandsThere() {
        RawBar row = new RawBar("2023-03-13", "1", "abc", "1", "1", "1", null, null,
                new RawBar.SourceLine(7, "2023-03-13,1,abc,1,1,1", null));

        assertThat(RejectPayload.of(row)).isEqualTo("2023-03-13,1,abc,1,1,1");
        assertThat(RejectPayload.of(RawBar.unreadable(3, "1,2,\"3", "3 fields, expected 6"))).isEqualTo("1,2,\"3");
    }
}
