package io.mdw.batch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.mdw.batch.cli.MdwCommand;
import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EtlBenchCommandTest {

    @Test
    void printsThePipelineAndCopyRatesTheirRatioAndThePeakHeapThenDropsItsScratchDatabase() throws Exception {
        String server = TestWarehouse.newDatabaseUrl();
        StringWriter out = new StringWriter();
        CommandLine mdw = new CommandLine(new MdwCommand()).setOut(new PrintWriter(out));

        int status = mdw.execute("bench", "etl", "--bars", "2000", "--series", "2", "--page-size", "300",
                "--chunk-size", "250", "--server", server);

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("mdw bench etl: 2,000 bars of 1m in 2 series, pages of 300, concurrency 2, chunks of 250, best of 2 runs each")
                .containsPattern("pipeline \\(HTTP -> job -> warehouse\\) +2,000 +\\d+\\.\\d\\d +[\\d,]+\n")
                .containsPattern("COPY \\(bars \\+ bar_features\\) +2,000 +\\d+\\.\\d\\d +[\\d,]+\n")
                .containsPattern("ratio pipeline / COPY +\\d+\\.\\d\\d \\(goal >= 0.70\\)\n")
                .containsPattern("peak heap used +[\\d,]+ MB \\(max heap [\\d,]+ MB\\)\n");
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement();
             ResultSet scratch = statement.executeQuery(
                     "SELECT count(*) FROM pg_database WHERE datname LIKE 'mdw\\_bench\\_%'")) {
            scratch.next();
            assertThat(scratch.getInt(1)).isZero();
        }
    }

    @Test
    void refusesAPageLargerThanTheBatchNodeTakesNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine mdw = new CommandLine(new MdwCommand()).setErr(new PrintWriter(err));

        int status = mdw.execute("bench", "etl", "--page-size", "50001");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--page-size must be at most 50000, the batch node's largest provider page")
                .doesNotContain("polygon.page-limit");
    }

    @Test
    void refusesAnUnknownTimeframeAndNonPositiveSizesAsUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine mdw = new CommandLine(new MdwCommand()).setErr(new PrintWriter(err));

        assertThat(mdw.execute("bench", "etl", "--timeframe", "2m")).isEqualTo(2);
        assertThat(mdw.execute("bench", "etl", "--runs", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("Invalid timeframe '2m'; valid timeframes: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w")
                .contains("need --series >= 1, --bars >= --series, and positive sizes");
    }
}
