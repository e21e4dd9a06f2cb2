package io.mdw.api.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorSummaryTest {

    @Test
    void theRootCauseMessageOfAStoredStackTrace() {
        String exit = """
                org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'scopedTarget.seriesReader': Factory method 'seriesReader' threw exception with message: POLYGON_API_KEY is not set: export your Polygon API key
                \tat org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:657)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                """;
        assertThat(ErrorSummary.of(exit)).isEqualTo("POLYGON_API_KEY is not set: export your Polygon API key");
    }

    @Test
    void theLastCauseWins() {
        String exit = """
                java.lang.IllegalStateException: load failed
                \tat a.B.c(B.java:1)
                Caused by: java.io.UncheckedIOException: wrapped
                Caused by: java.net.SocketTimeoutException: Read timed out
                \tat a.B.d(B.java:2)
                """;
        assertThat(ErrorSummary.of(exit)).isEqualTo("Read timed out");
    }

    @Test
    void plainMessagesStayAndBlankIsNone() {
        assertThat(ErrorSummary.of("Polygon answered 403")).isEqualTo("Polygon answered 403");
        assertThat(ErrorSummary.of("  ")).isNull();
        assertThat(ErrorSummary.of(null)).isNull();
    }

    @Test
    void aStepStoppedByItsNodesShutdownSaysSo() {
        assertThat(ErrorSummary.of("org.springframework.batch.core.job.JobInterruptedException"))
                .isEqualTo("stopped before it finished, as its node shut down; a restart resumes it");
    }
}
