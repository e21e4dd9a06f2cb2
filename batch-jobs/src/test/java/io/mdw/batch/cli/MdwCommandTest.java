package io.mdw.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The command line as a user runs it: exit status, progress, the summary, and one-line errors. */
@ExtendWith(OutputCaptureExtension.class)
class MdwCommandTest extends CommandLineTest {

    /** Four consecutive NYSE trading days, Tuesday 2024-01-02 to Friday 2024-01-05, time given as a date. */
    private static final String DAYS_2024_01_02_TO_05 = """
            time,open,high,low,close,volume
            2024-01-02,187.15,188.44,183.885,185.64,82488674
            2024-01-03,184.22,185.88,183.43,184.25,58414460
            2024-01-04,182.15,183.0872,180.88,181.91,71983570
            2024-01-05,181.99,182.76,180.17,181.18,62303272
            """;

    @Test
    void backfillLoadsTheBundledSampleAndPrintsProgressAndTheSummary(CapturedOutput console) {
        int status = mdw("backfill", "--source", "sample");

        assertThat(status).isZero();
        assertThat(console.getOut())
                .contains("X:ETHUSD     5m  loading 2023-03-13 .. 2023-03-15")
                .containsPattern("X:ETHUSD     5m  stored 580  rejected 0  validated [0-9.]+%  gaps \\d+  \\[COMPLETED in");
        assertThat(out.toString())
                .contains("done: stored 580 bars, rejected 0, validated ")
                .containsPattern("job execution \\d+, request load-[0-9a-f-]{36}: COMPLETED");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void importLoadsACsvFileThroughTheSamePipeline(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("aapl.csv");
        Files.writeString(csv, """
                time,open,high,low,close,volume
                2024-01-02,187.15,188.44,183.885,185.64,82488674
                2024-01-03,184.22,185.88,183.43,184.25,58414460
                2024-01-04,182.15,183.0872,180.88,181.91,71983570
                2024-01-05,181.99,182.76,180.17,181.18,not-a-number
                """);

        int status = mdw("import", csv.toString(), "--symbol", "AAPL", "--timeframe", "1d");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 3 bars, rejected 1");
    }

    /** A stock's day starts at New York midnight, where Polygon starts its daily bar; crypto's at UTC midnight. */
    @ParameterizedTest
    @CsvSource({"TESTD, 05:00:00Z", "X:TESTUSD, 00:00:00Z"})
    void dailyBarsGivenAsDatesStartWhereTheirCalendarStartsTheDaySoConsecutiveDaysHaveNoGaps(String symbol,
            String dayStart, @TempDir Path dir) throws Exception {
        Path csv = dir.resolve("days.csv");
        Files.writeString(csv, DAYS_2024_01_02_TO_05);

        int status = mdw("import", csv.toString(), "--symbol", symbol, "--timeframe", "1d");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 4 bars, rejected 0, validated 100.0%, gaps 0");
        assertThat(storedTimes(symbol)).containsExactly("2024-01-02T" + dayStart, "2024-01-03T" + dayStart,
                "2024-01-04T" + dayStart, "2024-01-05T" + dayStart);
        assertThat(flaggedBars(symbol)).isZero();
    }

    @Test
    void aFileWithoutBarsStoresNoneAndHasNoValidatedShare(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("empty.csv");
        Files.writeString(csv, "time,open,high,low,close,volume\n");

        int status = mdw("import", csv.toString(), "--symbol", "X:EMPTYUSD", "--timeframe", "1d");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("done: stored 0 bars, rejected 0, validated n/a, gaps 0");
    }


    @Test
    void anImportDoesNotTrackItsSymbolForTheNightlyLoadNorUntrackOne(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("days.csv");
        Files.writeString(csv, DAYS_2024_01_02_TO_05);
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--timeframes", "1h")).isZero();

        assertThat(mdw("import", csv.toString(), "--symbol", "TESTD", "--timeframe", "1d")).isZero();
        assertThat(mdw("import", csv.toString(), "--symbol", "X:BTCUSD", "--timeframe", "1d")).isZero();

        out.getBuffer().setLength(0);
        assertThat(mdw("symbols", "list")).isZero();
        assertThat(out.toString())
                .containsPattern("(?m)^TESTD +stock +TESTD +- +no \\(file load\\)$")
                .containsPattern("(?m)^X:BTCUSD +crypto +X:BTCUSD +1h +- +yes$");
    }

    @Test
    void aMalformedRowIsKeptWithItsLineAndReasonAndTheRowsAfterItLoadAlsoWhenImportedAgain(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("cols.csv");
        Files.writeString(csv, """
                time,open,high,low,close,volume
                2024-01-03,1,2,0.5,1.5,10
                2024-01-04,1,2,0.5,1.5,10,5,6,7,8
                2024-01-05,1,2,0.5,1.5
                "unterminated,1,2,3

                2024-01-08,1,2,0.5,1.5,10
                1,2
                1,2
                2024-01-10,1,2,0.5,1.5,1\u00000
                """);

        assertThat(mdw("import", csv.toString(), "--symbol", "X:COLS", "--timeframe", "1d")).isZero();

        assertThat(out.toString()).contains("done: stored 2 bars, rejected 6");
        List<String> kept = List.of(
                "3|line 3: 10 fields, expected 6|2024-01-04,1,2,0.5,1.5,10,5,6,7,8",
                "4|line 4: 5 fields, expected 6|2024-01-05,1,2,0.5,1.5",
                "5|line 5: not a CSV row (Missing closing quote for value)|\"unterminated,1,2,3",
                "8|line 8: 2 fields, expected 6|1,2",
                "9|line 9: 2 fields, expected 6|1,2",
                // PostgreSQL's text cannot hold a NUL: kept as U+2400, the symbol for it
                "10|line 10: field 'v' is not numeric: '1\u24000'|2024-01-10,1,2,0.5,1.5,1\u24000");
        assertThat(rejects("X:COLS")).containsExactlyElementsOf(kept);
        assertThat(storedTimes("X:COLS")).containsExactly("2024-01-03T00:00:00Z", "2024-01-08T00:00:00Z");

        assertThat(mdw("import", csv.toString(), "--symbol", "X:COLS", "--timeframe", "1d")).isZero();
        assertThat(rejects("X:COLS")).as("a re-run adds nothing").containsExactlyElementsOf(kept);
        assertThat(storedTimes("X:COLS")).hasSize(2);
    }

    @Test
    void aHeaderWithoutTheColumnsOfABarFailsTheImportInOneLineAndKeepsNothing(@TempDir Path dir,
            CapturedOutput console) throws Exception {
        Path csv = dir.resolve("badheader.csv");
        Files.writeString(csv, "foo,bar\n1,2\n3,4\n");

        int status = mdw("import", csv.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("load failed: X:SOLUSD@1h: the header "
                + "has the columns foo,bar; expected t|time|timestamp,o|open,h|high,l|low,c|close,v|volume (and "
                + "optionally vw|vwap,n|trades|trade_count)");
        assertThat(out.toString()).contains("failed: stored 0 bars, rejected 0").contains(": FAILED");
        assertThat(console.getOut()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(rejects("X:SOLUSD")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hello.json | {\"hello\":1}             | the file has no \"status\"; expected a Polygon aggregates response",
            "notes.txt  | just some notes          | the file is not JSON (",
            "cut.json   | {\"status\":\"OK\",\"results\":[ | the file is not JSON (Unexpected end-of-input: expected close marker for Array; a file not named .csv is read as JSON)",
            "blank.csv  | '  '                     | the file is empty: expected a header row such as time,open,"})
    void aFileThatHoldsNoBarsFailsTheImportInOneLine(String name, String content, String reason, @TempDir Path dir,
            CapturedOutput console) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);

        int status = mdw("import", file.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("load failed: X:SOLUSD@1h: " + reason);
        assertThat(console.getOut()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPolygonErrorResponseOrAHeaderNamingAFieldTwiceFailsTheImportInOneLine(@TempDir Path dir) throws Exception {
        Path error = dir.resolve("error.json");
        Files.writeString(error, "{\"status\": \"ERROR\", \"error\": \"Unknown API Key\", \"request_id\": \"x\"}");
        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "t,o,h,l,c,v,volume\n1678730400000,1,2,0.5,1.5,10,11\n");

        // a NUL quoted in a failure must not keep it from being recorded: its job would never end
        Path nul = dir.resolve("nul.json");
        Files.writeString(nul, "{\"status\": \"ERR\\u0000OR\", \"results\": []}");

        assertThat(mdw("import", error.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(1);
        assertThat(mdw("import", twice.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(1);
        assertThat(mdw("import", nul.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(1);

        assertThat(err.toString().lines()).hasSize(3);
        assertThat(warehouse().queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC"
                + " LIMIT 3", String.class)).containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(err.toString()).contains("load failed: X:SOLUSD@1h: the file is a Polygon error response (\"status\":"
                + " \"ERROR\"), not bars; expected a Polygon aggregates response")
                .contains("load failed: X:SOLUSD@1h: the header has the columns t,o,h,l,c,v,volume, naming v|volume 2"
                        + " times; name each field once");
        assertThat(storedTimes("X:SOLUSD")).isEmpty();
    }

    @Test
    void aBinaryFileFailsTheImportInOneLineAndItsJobEndsFailed(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[5000];
        new java.util.Random(7).nextBytes(bytes);
        System.arraycopy(new byte[] {0, 1, 2, 'P', 'K', 3, 4}, 0, bytes, 0, 7);
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, bytes);

        assertThat(mdw("import", binary.toString(), "--symbol", "X:BINUSD", "--timeframe", "5m")).isEqualTo(1);

        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("\u0000")
                .startsWith("load failed: X:BINUSD@5m: the header has the columns \\u0000\\u0001\\u0002PK\\u0003\\u0004");
        assertThat(out.toString()).doesNotContain("\u0000").contains(": FAILED");
        // its failure is recorded, so that the job ends and a restart can take it up
        assertThat(warehouse().queryForList("SELECT status FROM batch_step_execution", String.class))
                .isNotEmpty().doesNotContain("STARTED");
        assertThat(warehouse().queryForObject("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC"
                + " LIMIT 1", String.class)).isEqualTo("FAILED");

        // restarted by its job id, it fails as before (the file has not changed), and ends failed again
        String jobId = out.toString().replaceAll("(?s).*request (load-[0-9a-f-]+): FAILED.*", "$1");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(mdw("restart", jobId)).isEqualTo(1);
        assertThat(out.toString()).contains("(request " + jobId + ")").contains(jobId + ": FAILED");
        assertThat(err.toString().strip()).startsWith("load failed: X:BINUSD@5m: the header has the columns");
    }

    @Test
    void aDirectoryOrAMissingFileIsRefusedBeforeAnyJobStarts(@TempDir Path dir) throws Exception {
        assertThat(mdw("import", dir.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mdw import: " + dir + " is a directory, not a file (see --help)");

        err.getBuffer().setLength(0);
        Path missing = dir.resolve("missing.csv");
        assertThat(mdw("import", missing.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mdw import: cannot read " + missing + ": no such file (see --help)");

        err.getBuffer().setLength(0);
        assertThat(mdw("import", "", "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(2);
        assertThat(mdw("import", "/dev/null", "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "mdw import: the file's path is empty; give the path of a .json or .csv file (see --help)",
                "mdw import: /dev/null is not a regular file (a device or a pipe?); give the path of a .json or .csv"
                        + " file (see --help)");

        // an empty file: no job, so that the symbol's status does not turn to error and ./mdw restart has nothing to redo
        err.getBuffer().setLength(0);
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThat(mdw("import", empty.toString(), "--symbol", "X:SOLUSD", "--timeframe", "1h")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mdw import: " + empty + " is empty; give a Polygon aggregates"
                + " response (.json) or a .csv file with a header row such as time,open,high,low,close,volume (see --help)");

        err.getBuffer().setLength(0);
        assertThat(mdw("restart")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no failed or stopped load to restart");
    }

    @Test
    void everyBadOptionExitsWithTwoAndPointsToTheHelp() {
        assertThat(mdw("submit", "--from", "2024-01-02")).isEqualTo(2);
        assertThat(mdw("submit", "--symbols", "AAPL")).isEqualTo(2);
        assertThat(mdw("backfill", "--symbols", "AAPL", "--from", "2024-02-01", "--to", "2024-01-01")).isEqualTo(2);
        assertThat(mdw("backfill", "--source", "nope")).isEqualTo(2);
        assertThat(mdw("submit", "--symbols", "AAPL", "--from", "2024-01-01T00:00:00.123456789Z")).isEqualTo(2);
        assertThat(mdw("backfill", "--symbols", "AAPL\nrm", "--from", "2024-01-01")).isEqualTo(2);
        assertThat(mdw("jobs", "--limit", "0")).isEqualTo(2);
        assertThat(mdw("backfill", "--timeframe", "1d")).isEqualTo(2);
        assertThat(mdw("jbos")).isEqualTo(2);

        assertThat(err.toString().lines()).hasSize(9).allMatch(line -> line.endsWith("(see --help)"));
        assertThat(err.toString()).contains("mdw submit: --from is required, e.g. --from 2024-01-01")
                .contains("mdw backfill: --from 2024-02-01 --to 2024-01-01 is an empty window")
                .contains("mdw submit: --from '2024-01-01T00:00:00.123456789Z' is finer than the microsecond")
                .contains("Invalid symbol 'AAPL\\u000Arm'")
                .contains("mdw jobs: --limit must be at least 1")
                // a mistyped option gets the nearest ones
                .contains("mdw backfill: Unknown options: '--timeframe', '1d'; did you mean --timeframes")
                // not a mistyped command: picocli's likeness would offer 'symbols' for 'jbos'
                .contains("mdw: Unmatched argument at index 0: 'jbos' (see --help)");
    }

    @Test
    void theHelpOfACommandListsTheExitStatuses() {
        assertThat(mdw("import", "--help")).isZero();

        assertThat(out.toString()).containsPattern("Exit status:\\s+0\\s+success\\s+1\\s+failure: the reason on one line")
                .containsPattern("2\\s+a bad option or argument");
    }

    @Test
    void eachLoadCommandsHelpGivesItsOwnWindowDefaults() {
        assertThat(mdw("submit", "--help")).isZero();
        assertThat(mdw("backfill", "--help")).isZero();
        assertThat(mdw("import", "--help")).isZero();

        // as read, not as wrapped to the terminal's width
        String[] helps = out.toString().replaceAll("\\s+", " ").split("Usage: mdw ");
        assertThat(helps[1]).startsWith("submit").contains("(--from is required, --to defaults to today)");
        assertThat(helps[2]).startsWith("backfill").contains(
                "from Polygon (--from is required, --to defaults to today) or the bundled sample (by default all of it)");
        assertThat(helps[3]).startsWith("import").contains("as one series: all of it, or its bars from --from to --to")
                .doesNotContain("today");
    }

    @Test
    void symbolsAddRefusesASinceThatIsNoDateOrIsNotFrom1900ToToday() {
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--since", "2020-13-01")).isEqualTo(2);
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--since", "2999-01-01")).isEqualTo(2);
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--since", "1000-01-01")).isEqualTo(2);
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--since", "-5000-01-01")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "mdw symbols add: Invalid value for option '--since': '2020-13-01' is not a date (YYYY-MM-DD) (see --help)",
                "mdw symbols add: Invalid value for option '--since': 2999-01-01 is after today ("
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "); history starts in the past (see --help)",
                "mdw symbols add: Invalid value for option '--since': 1000-01-01 is before 1900-01-01; the warehouse"
                        + " holds no history before it (see --help)",
                "mdw symbols add: Invalid value for option '--since': -5000-01-01 is before 1900-01-01; the warehouse"
                        + " holds no history before it (see --help)");
    }

    @Test
    void aBadTimeframeIsRefusedWithTheValidOnes() {
        int status = mdw("backfill", "--symbols", "AAPL", "--timeframes", "1d,2h", "--from", "2024-01-01");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("Invalid timeframe '2h'; valid timeframes: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w");
    }

    @Test
    void aSymbolIsATickerInUpperCaseAndAPathIsRefused() {
        assertThat(mdw("symbols", "add", "brk.b", "--asset-class", "STOCK")).as("as the API, in any case").isZero();
        assertThat(out.toString()).containsPattern("BRK.B +stock");

        int status = mdw("submit", "--symbols", "AAPL,A/..", "--from", "2024-01-02");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("Invalid symbol 'A/..': expected a ticker such as AAPL, BRK.B or X:BTCUSD");
    }

    /** A load does not reclassify a stored symbol: its resampled history would follow another calendar. */
    @Test
    void aLoadNamingAnotherAssetClassThanTheStoredOneIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        assertThat(mdw("symbols", "add", "ZCLS", "--asset-class", "etf")).isZero();
        Path csv = dir.resolve("zcls.csv");
        Files.writeString(csv, "time,open,high,low,close,volume\n2024-03-04,10,11,9,10.5,1000\n");
        err.getBuffer().setLength(0);

        assertThat(mdw("import", csv.toString(), "--symbol", "ZCLS", "--timeframe", "1d", "--asset-class", "crypto"))
                .isEqualTo(1);

        assertThat(err.toString().strip()).isEqualTo("mdw import: ZCLS is stored as etf, not crypto; a load does not"
                + " change a symbol's asset class (its resampled bars, gaps and staleness would follow another"
                + " calendar): leave the asset class out, or change it first with PUT /api/v1/admin/symbols/ZCLS"
                + " {\"asset_class\":\"crypto\"} or ./mdw symbols add ZCLS --asset-class crypto");
        assertThat(warehouse().queryForObject("SELECT asset_class FROM symbols WHERE symbol = 'ZCLS'", String.class))
                .isEqualTo("etf");
        assertThat(storedTimes("ZCLS")).isEmpty();
        // the stored class, named or left out, loads
        assertThat(mdw("import", csv.toString(), "--symbol", "ZCLS", "--timeframe", "1d", "--asset-class", "etf"))
                .isZero();
        assertThat(storedTimes("ZCLS")).hasSize(1);
    }

    @Test
    void thePolygonSourceWithoutAKeySaysWhatToSet() {
        assumeTrue(System.getenv("POLYGON_API_KEY") == null, "POLYGON_API_KEY is set in this environment");

        int status = mdw("backfill", "--symbols", "AAPL", "--from", "2024-01-01");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("POLYGON_API_KEY is not set");
    }

    @Test
    void backfillReportsAWrongOptionBeforeAMissingPolygonKey() {
        int status = mdw("backfill", "--symbols", "AAPL", "--from", "2024-13-01");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mdw backfill: --from '2024-13-01' is not a date (YYYY-MM-DD) "
                + "or an instant (2024-01-01T00:00:00Z) (see --help)");

        // a window in the years the warehouse deals in, as the API's (a day before 1582 is another day in PostgreSQL)
        for (List<String> window : List.of(List.of("--from", "1000-01-01"), List.of("--from", "+300000-01-01T00:00:00Z"),
                List.of("--from", "2024-01-01", "--to", "3000-01-01"))) {
            err.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of("submit", "--symbols", "AAPL"));
            args.addAll(window);
            assertThat(mdw(args.toArray(String[]::new))).isEqualTo(2);
            String option = window.get(window.size() - 2);
            String value = window.get(window.size() - 1);
            assertThat(err.toString().strip()).isEqualTo("mdw submit: " + option + " '" + value
                    + "' is outside the years 1900 to 2999 (see --help)");
        }

        err.getBuffer().setLength(0);
        assertThat(mdw("backfill")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mdw backfill: --symbols is required, e.g. --symbols AAPL,X:BTCUSD (see --help)");
    }

    @Test
    void restartWithNothingFailedSaysSo() {
        int status = mdw("restart");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("there is no failed or stopped load to restart");

        assertThat(mdw("restart", "load-nope")).isEqualTo(1);
        assertThat(err.toString()).contains("mdw restart: there is no load job load-nope (./mdw jobs lists the recent ones)");
    }

    @Test
    void symbolsAreTrackedListedAndDeactivated() {
        assertThat(mdw("symbols", "add", "X:BTCUSD", "--timeframes", "1d,1h", "--since", "2024-01-01")).isZero();
        assertThat(out.toString()).containsPattern("X:BTCUSD +crypto +X:BTCUSD +1d,1h +2024-01-01 +yes");

        assertThat(mdw("symbols", "add", "X:BTCUSD", "--timeframes", "5m")).isZero();
        assertThat(mdw("symbols", "deactivate", "x:btcusd")).as("as tracked, in upper case").isZero();
        assertThat(out.toString()).contains("X:BTCUSD deactivated");

        out.getBuffer().setLength(0);
        assertThat(mdw("symbols", "list")).isZero();
        String listed = out.toString().lines().filter(line -> line.startsWith("X:BTCUSD")).findFirst().orElseThrow();
        assertThat(listed).contains("1d", "1h", "5m", "2024-01-01").endsWith("no");

        assertThat(mdw("symbols", "deactivate", "X:BTCUSD")).isZero();
        assertThat(out.toString()).contains("X:BTCUSD was already deactivated");

        assertThat(mdw("symbols", "deactivate", "NOPE")).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("mdw symbols deactivate: symbol NOPE is not tracked (see ./mdw symbols list)");

        err.getBuffer().setLength(0);
        assertThat(mdw("backfill", "--source", "sample")).isZero();
        assertThat(mdw("symbols", "deactivate", "X:ETHUSD")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("mdw symbols deactivate: symbol X:ETHUSD is not tracked: it was"
                + " only loaded from a file (./mdw symbols add tracks it)");
    }

    @Test
    void submitQueuesALoadOnceAndJobsListsItQueued() {
        assertThat(mdw("submit", "--symbols", "AAPL", "--from", "2024-01-02", "--to", "2024-01-05")).isZero();
        String jobId = out.toString().strip().replaceAll(".*: job ", "");
        assertThat(out.toString()).startsWith("queued at ");

        out.getBuffer().setLength(0);
        assertThat(mdw("submit", "--symbols", "AAPL,aapl", "--timeframes", "1d,1d", "--from", "2024-01-02", "--to",
                "2024-01-05")).isZero();
        assertThat(out.toString().strip()).isEqualTo("already queued or running: job " + jobId);

        // more series than that job loads: none is queued, and it says so
        out.getBuffer().setLength(0);
        assertThat(mdw("submit", "--symbols", "AAPL,MSFT", "--from", "2024-01-02", "--to", "2024-01-05")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("mdw submit: nothing queued: job " + jobId + ", queued or running,"
                + " already loads AAPL 1d from 2024-01-02T00:00:00Z to 2024-01-06T00:00:00Z of this request; submit the"
                + " rest without those series, or once it has ended");

        // the same series over other days: those days would be lost as well
        err.getBuffer().setLength(0);
        assertThat(mdw("submit", "--symbols", "AAPL", "--from", "2020-01-02", "--to", "2020-12-31")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("mdw submit: nothing queued: job " + jobId)
                .endsWith("of this request; submit it again once it has ended" + System.lineSeparator());

        out.getBuffer().setLength(0);
        assertThat(mdw("jobs")).isZero();
        String listed = out.toString().lines().filter(line -> line.startsWith(jobId)).findFirst().orElseThrow();
        assertThat(listed).containsPattern(jobId + " +QUEUED .*AAPL");
        String header = out.toString().lines().findFirst().orElseThrow();
        assertThat(listed.indexOf("QUEUED")).as("columns line up").isEqualTo(header.indexOf("STATUS"));
        assertThat(out.toString()).doesNotContain("MSFT");
    }

    @Test
    void jobsListsASubmittedLoadAsQueuedAlsoWhileItsTriggerIsPaused() {
        assertThat(mdw("submit", "--symbols", "X:PAUSEUSD", "--from", "2024-01-01")).isZero();
        Matcher submitted = Pattern.compile("queued at \\S+: job (\\S+)").matcher(out.toString());
        assertThat(submitted.find()).isTrue();
        String jobId = submitted.group(1);
        // an operator paused its trigger: it still waits to run
        warehouse().update("UPDATE qrtz_triggers SET trigger_state = 'PAUSED' WHERE job_name = ?", jobId);
        out.getBuffer().setLength(0);

        assertThat(mdw("jobs")).isZero();

        assertThat(out.toString()).containsPattern(Pattern.quote(jobId) + " +QUEUED .* X:PAUSEUSD 1d");
    }

    /** Bars the validator marked down: a flag, a gap before them or a score below 1. */
    private long flaggedBars(String symbol) {
        return warehouse().queryForObject("SELECT count(*) FROM bars WHERE symbol = ? "
                + "AND (flags <> '{}' OR missing_bars > 0 OR quality_score < 1)", Long.class, symbol);
    }

    /** The series' rejects as line|reason|raw text, in the order of the file. */
    private List<String> rejects(String symbol) {
        return warehouse().queryForList("SELECT source_line || '|' || reason || '|' || raw_payload FROM rejected_bars "
                + "WHERE symbol = ? ORDER BY source_line", String.class, symbol);
    }
}
