package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A file load's window picks the bars of the file to load: the others are skipped, not rejected. Without a window an
 * import reads the whole file, over the years the warehouse holds.
 */
@ExtendWith(OutputCaptureExtension.class)
class FileLoadWindowTest extends CommandLineTest {

    @Test
    void reloadingOneDayOfTheSampleSkipsItsOtherDaysWithoutRejectingAStoredBar(CapturedOutput console) {
        assertThat(mdw("backfill", "--source", "sample")).isZero();

        assertThat(mdw("backfill", "--source", "sample", "--from", "2023-03-14", "--to", "2023-03-14")).isZero();

        assertThat(console.getOut()).containsPattern(
                "X:ETHUSD     5m  stored 288  rejected 0  validated [0-9.]+%  gaps 0  skipped 292 outside the window");
        assertThat(out.toString()).containsPattern(
                "done: stored 288 bars, rejected 0, validated [0-9.]+%, gaps 0, skipped 292 outside the window \\(");
        assertThat(warehouse().queryForObject("SELECT count(*) FROM rejected_bars", Long.class)).isZero();
        assertThat(warehouse().queryForList("SELECT day || ' records ' || records || ' rejected ' || rejected_records"
                + " FROM quality_daily WHERE symbol = 'X:ETHUSD' ORDER BY day", String.class)).containsExactly(
                "2023-03-13 records 72 rejected 0", "2023-03-14 records 288 rejected 0",
                "2023-03-15 records 220 rejected 0");
    }

    @Test
    void importingOneDayOfAFileSkipsItsOtherRowsTheirFaultsIncluded(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("days.csv");
        Files.writeString(csv, """
                time,open,high,low,close,volume
                2024-01-02,187.15,188.44,183.885,185.64,82488674
                2024-01-03,184.22,185.88,183.43,184.25,58414460
                2024-01-04,182.15,183.0872,180.88,181.91,-71983570
                2024-01-05,181.99,182.76,180.17,181.18,62303272
                """);

        int status = mdw("import", csv.toString(), "--symbol", "X:DAYSUSD", "--timeframe", "1d",
                "--from", "2024-01-03", "--to", "2024-01-03");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 1 bars, rejected 0, validated 100.0%, gaps 0, skipped 3"
                + " outside the window (");
        assertThat(storedTimes("X:DAYSUSD")).containsExactly("2024-01-03T00:00:00Z");
        assertThat(rejects("X:DAYSUSD")).isEmpty();
    }

    @Test
    void theNextFileOfASeriesImportedWithoutAWindowGoesOnFromTheBarsStoredBeforeIt(@TempDir Path dir) throws Exception {
        // an hour of minutes a file, the second starting an hour after the first ends
        StringBuilder first = new StringBuilder("t,o,h,l,c,v\n");
        StringBuilder second = new StringBuilder("t,o,h,l,c,v\n");
        StringBuilder whole = new StringBuilder("t,o,h,l,c,v\n");
        for (int minute = 0; minute < 180; minute++) {
            if (minute >= 60 && minute < 120) {
                continue;
            }
            String row = (1_709_251_200_000L + minute * 60_000L) + "," + (100 + minute % 7) + "," + (108 + minute % 5)
                    + ",99," + (101 + minute % 6) + "," + (10 + minute % 3) + "\n";
            (minute < 60 ? first : second).append(row);
            whole.append(row);
        }
        Files.writeString(dir.resolve("first.csv"), first);
        Files.writeString(dir.resolve("second.csv"), second);
        Files.writeString(dir.resolve("whole.csv"), whole);

        assertThat(mdw("import", dir.resolve("whole.csv").toString(), "--symbol", "X:ONEUSD", "--timeframe", "1m"))
                .isZero();
        assertThat(mdw("import", dir.resolve("first.csv").toString(), "--symbol", "X:TWOUSD", "--timeframe", "1m"))
                .isZero();
        out.getBuffer().setLength(0);
        assertThat(mdw("import", dir.resolve("second.csv").toString(), "--symbol", "X:TWOUSD", "--timeframe", "1m"))
                .isZero();

        // the hole before the second file is flagged, and its bars have the features of the one file with both
        assertThat(out.toString()).contains("gaps 1");
        String series = "SELECT b.time, array_to_string(b.flags, ',') AS flags, b.missing_bars, b.quality_score,"
                + " f.ret_1, f.sma_50, f.ema_26, f.rsi_14 FROM bars b JOIN bar_features f USING (symbol, timeframe, time)"
                + " WHERE symbol = ? ORDER BY time";
        assertThat(warehouse().queryForList(series, "X:TWOUSD")).isEqualTo(warehouse().queryForList(series, "X:ONEUSD"));

        // imported again, the second file changes nothing
        List<Map<String, Object>> before = warehouse().queryForList(series, "X:TWOUSD");
        assertThat(mdw("import", dir.resolve("second.csv").toString(), "--symbol", "X:TWOUSD", "--timeframe", "1m"))
                .isZero();
        assertThat(warehouse().queryForList(series, "X:TWOUSD")).isEqualTo(before);
    }

    @Test
    void importWithoutAWindowLoadsTheRowsBefore1970AndRejectsOnlyThoseBefore1900(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("old.csv");
        Files.writeString(csv, """
                time,open,high,low,close,volume
                1899-12-31,10,11,9,10.5,100
                1900-01-01,10.5,11,10,10.75,100
                1969-12-31,10.75,11,10.5,11,100
                1970-01-01,11,11.5,10.75,11.25,100
                """);

        int status = mdw("import", csv.toString(), "--symbol", "X:OLDUSD", "--timeframe", "1d");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 3 bars, rejected 1,");
        assertThat(storedTimes("X:OLDUSD")).containsExactly("1900-01-01T00:00:00Z", "1969-12-31T00:00:00Z",
                "1970-01-01T00:00:00Z");
        assertThat(rejects("X:OLDUSD")).containsExactly(
                "2|line 2: timestamp 1899-12-31T00:00:00Z is outside the years 1900 to 2999 the warehouse holds");
    }

    @Test
    void aFileWithTimesInSecondsIsRejectedRowByRowWithTheLikelyCause(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("seconds.csv");
        Files.writeString(csv, """
                t,o,h,l,c,v
                1678730400,1677.5,1678.92,1676.4,1677.48,101.2304
                1678730700,1677.48,1679.2,1677.1,1678.5,88.01
                """);

        int status = mdw("import", csv.toString(), "--symbol", "X:SECUSD", "--timeframe", "5m");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 0 bars, rejected 2,");
        assertThat(storedTimes("X:SECUSD")).isEmpty();
        assertThat(rejects("X:SECUSD")).containsExactly(
                "2|line 2: starts at 1970-01-20T10:18:50.400Z, not on a whole minute"
                        + " (a time in seconds where milliseconds are expected?)",
                "3|line 3: starts at 1970-01-20T10:18:50.700Z, not on a whole minute"
                        + " (a time in seconds where milliseconds are expected?)");
        // the summary says why, without a look at the warehouse's tables
        assertThat(out.toString()).contains("rejected X:SECUSD 5m: line 2: starts at 1970-01-20T10:18:50.400Z, not on a"
                + " whole minute (a time in seconds where milliseconds are expected?)" + System.lineSeparator()
                + "rejected X:SECUSD 5m: line 3: starts at");
    }

    @Test
    void theSummaryGivesTheFirstFiveReasonsAndWhereTheOthersAreKept(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder("time,open,high,low,close,volume\n");
        for (int day = 1; day <= 7; day++) {
            // before the years the warehouse holds: refused
            rows.append("1899-01-0").append(day).append(",10,11,9,10,100\n");
        }
        Path csv = dir.resolve("too-old.csv");
        Files.writeString(csv, rows);

        assertThat(mdw("import", csv.toString(), "--symbol", "X:BADUSD", "--timeframe", "1d")).isZero();

        List<String> lines = out.toString().lines().toList();
        List<String> reasons = lines.stream().filter(line -> line.startsWith("rejected X:BADUSD 1d: ")).toList();
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).startsWith("rejected X:BADUSD 1d: line 2: ");
        assertThat(reasons.get(4)).startsWith("rejected X:BADUSD 1d: line 6: ");
        assertThat(lines).anyMatch(line -> line.matches(
                "and 2 more, kept with their reasons in the warehouse's rejected_bars \\(job_execution_id \\d+\\)"));
        assertThat(rejects("X:BADUSD")).hasSize(7);
    }

    /** The series' rejects as line|reason, in the order of the file. */
    private List<String> rejects(String symbol) {
        return warehouse().queryForList("SELECT source_line || '|' || reason FROM rejected_bars WHERE symbol = ?"
                + " ORDER BY source_line", String.class, symbol);
    }
}
