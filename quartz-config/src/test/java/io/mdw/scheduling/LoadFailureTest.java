package io.mdw.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadFailureTest {

    @Test
    void theRootCauseMessageOfAStoredStackTrace() {
        String exit = """
                org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'scopedTarget.seriesReader': Factory method 'seriesReader' threw exception with message: POLYGON_API_KEY is not set: export your Polygon API key
                \tat org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:657)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                """;
        assertThat(LoadFailure.summary(exit)).isEqualTo("POLYGON_API_KEY is not set: export your Polygon API key");
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
        assertThat(LoadFailure.summary(exit)).isEqualTo("Read timed out");
    }

    @Test
    void plainMessagesStayAndBlankIsNone() {
        assertThat(LoadFailure.summary("Polygon answered 403")).isEqualTo("Polygon answered 403");
        assertThat(LoadFailure.summary("  ")).isNull();
        assertThat(LoadFailure.summary(null)).isNull();
    }

    @Test
    void aStepStoppedByItsProcessShuttingDownSaysSoInTheLoadsWords() {
        assertThat(LoadFailure.summary("org.springframework.batch.core.job.JobInterruptedException"))
                .isEqualTo(LoadFailure.STOPPED_BY_SHUTDOWN)
                .startsWith("stopped before it finished, as its process shut down");
    }
}
