package io.mdw.batch.load;

import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mdw.batch.source.polygon.ProviderException;
import io.mdw.batch.support.PolygonStub;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.PolygonStub.Fault;
import io.mdw.batch.support.SampleBars;
import io.mdw.batch.support.SyntheticBars;
import io.mdw.calendar.TradingCalendar;
import io.mdw.market.AssetClass;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.OutsideWindow;
import io.mdw.pipeline.SeriesPipeline;
import io.mdw.quality.ValidationThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The load job against a local stand-in for the provider over real HTTP, into a real PostgreSQL: pagination,
 * faults, restart, idempotence and incremental runs, checked in the warehouse's rows.
 */
class PolygonLoadJobTest extends ProviderAndWarehouseTest {

    private static final Instant FROM = Instant.parse("2023-03-13T00:00:00Z");
    private static final Instant TO = Instant.parse("2023-03-16T00:00:00Z");
    @Autowired
    LoadLauncher launcher;

    @Autowired
    LoadJobHistory history;

    @Test
    void loadsEveryBarOnceWithThePricesTheProviderSent() throws Exception {
        JobExecution execution = load(SampleBars.TICKER, FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<RawBar> sent = SampleBars.load();
        List<Map<String, Object>> stored = jdbc.queryForList("""
                SELECT (extract(epoch FROM time) * 1000)::bigint AS t, open::text AS o, high::text AS h,
                       low::text AS l, close::text AS c, volume::text AS v
                FROM bars WHERE symbol = ? ORDER BY time""", SampleBars.TICKER);
        assertThat(stored).hasSize(580);
        for (int i = 0; i < sent.size(); i++) {
            RawBar raw = sent.get(i);
            assertThat(stored.get(i)).containsEntry("t", Long.parseLong(raw.t())).containsEntry("o", raw.o())
                    .containsEntry("h", raw.h()).containsEntry("l", raw.l()).containsEntry("c", raw.c())
                    .containsEntry("v", raw.v());
        }
        assertThat(provider.requests()).hasSize(6).allMatch(path -> path.startsWith("/v2/aggs/ticker/X:ETHUSD/range/5/minute/"));
        // each answer's bars, as fetched and as written
        assertThat(jdbc.queryForList("SELECT records_fetched || '/' || records_inserted FROM provider_requests ORDER BY id",
                String.class)).containsExactly("100/100", "100/100", "100/100", "100/100", "100/100", "80/80");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bar_features WHERE symbol = ?", Long.class,
                SampleBars.TICKER)).isEqualTo(580);
    }

    /** A mistyped ticker loads nothing and completes: its progress line says so, rather than looking a success. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSeriesTheProviderHasNoBarsOfSaysSoWhenItCompletes(CapturedOutput output) throws Exception {
        JobExecution execution = load("X:ETHUDS", FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(output.getAll()).containsPattern("X:ETHUDS +5m +stored 0  rejected 0  validated n/a  gaps 0  \\["
                + "COMPLETED in [0-9.]+ s: the provider has no bars of it in this window \\(a mistyped ticker, or no"
                + " trading then\\?\\)]");
    }

    @Test
    void storesTheFlagsAndScoresTheRulesGive() throws Exception {
        load(SampleBars.TICKER, FROM, TO);

        SeriesPipeline expected = new SeriesPipeline(Timeframe.FIVE_MINUTES,
                TradingCalendar.forAssetClass(AssetClass.CRYPTO, java.util.Set.of()), ValidationThresholds.DEFAULTS,
                FROM, TO, OutsideWindow.REJECTED, List.of(), null);
        List<Map<String, Object>> stored = jdbc.queryForList(
                "SELECT quality_score, validated, array_to_string(flags, ',') AS flags FROM bars ORDER BY time");
        List<RawBar> sent = SampleBars.load();
        for (int i = 0; i < sent.size(); i++) {
            Accepted bar = (Accepted) expected.process(sent.get(i));
            assertThat(stored.get(i).get("quality_score")).isEqualTo(bar.assessment().qualityScore());
            assertThat(stored.get(i).get("validated")).isEqualTo(bar.assessment().validated());
            assertThat(stored.get(i).get("flags")).isEqualTo(String.join(",", bar.assessment().flagCodes()));
        }
        assertThat(jdbc.queryForList("SELECT day::text, records, expected_records FROM quality_daily ORDER BY day"))
                .extracting(row -> row.get("day") + " " + row.get("records") + "/" + row.get("expected_records"))
                .containsExactly("2023-03-13 72/288", "2023-03-14 288/288", "2023-03-15 220/288");
        // the counts the API's status and symbol reports sum instead of scanning bars are those of the stored bars
        assertThat(jdbc.queryForList("""
                SELECT day::text, records, validated_records, gap_detected_records FROM quality_daily ORDER BY day"""))
                .isEqualTo(jdbc.queryForList("""
                        SELECT (time AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS records,
                               (count(*) FILTER (WHERE validated))::int AS validated_records,
                               (count(*) FILTER (WHERE flags && '{price_gap,missing_bars}'))::int AS gap_detected_records
                        FROM bars GROUP BY 1 ORDER BY 1"""));
    }

    @Test
    void rides_out_rate_limits_server_errors_truncated_bodies_and_timeouts() throws Exception {
        provider.script(Fault.rateLimited("1"), Fault.status(500), Fault.truncatedBody(), Fault.slow(1500),
                Fault.status(502));

        JobExecution execution = load(SampleBars.TICKER, FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("bars")).isEqualTo(580);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_requests WHERE NOT success", Long.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_requests WHERE NOT success"
                + " AND records_inserted IS NULL", Long.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT sum(records_inserted) FROM provider_requests", Long.class))
                .isEqualTo(580);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_requests WHERE success", Long.class))
                .isEqualTo(6);
    }

    @Test
    void followsANextUrlOnAnotherHostOnlyOnTheConfiguredProviderSoTheKeyGoesNowhereElse() throws Exception {
        provider.nextUrlOrigin("https://api.elsewhere.example:8443");

        JobExecution execution = load(SampleBars.TICKER, FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("bars")).isEqualTo(580);
        assertThat(provider.requests()).hasSize(6).last().asString().endsWith("?cursor=500");
    }

    @Test
    void loadsPagesOfSeveralThousandBars() throws Exception {
        List<RawBar> minutes = SyntheticBars.every(Duration.ofMinutes(1), Instant.parse("2024-01-01T00:00:00Z"), 12_000);
        provider.serve("X:BTCUSD", minutes);
        provider.pageSize(5_000);

        JobExecution execution = launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of("X:BTCUSD"),
                List.of(Timeframe.ONE_MINUTE), Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-10T00:00:00Z"), LoadRequest.POLYGON), null);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT time) FROM bars WHERE symbol = 'X:BTCUSD'", Long.class))
                .isEqualTo(12_000);
    }

    @Test
    void aFailedLoadRestartsAfterItsLastCommittedChunkWithoutRefetchingCommittedPages() throws Exception {
        provider.failFromRequest(4);

        JobExecution failed = load(SampleBars.TICKER, FROM, TO);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(LoadLauncher.failureReason(failed)).contains("X:ETHUSD@5m").contains("503");
        // what the API's job list and ./mdw jobs read back: the cause, not the partitioned step's generic failure
        String stored = jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, failed.getId());
        assertThat(stored).isEqualTo(LoadLauncher.failureReason(failed)).doesNotContain("Partition handler");
        assertThat(count("bars")).isEqualTo(300);

        provider.heal();
        provider.clearRequests();
        circuitBreaker.reset(); // ./mdw restart is a new process, with a closed breaker
        JobExecution resumed = launcher.restart(launcher.lastRestartable().orElseThrow());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("bars")).isEqualTo(580);
        assertThat(provider.requests()).extracting(path -> path.replaceAll(".*cursor=", ""))
                .containsExactly("300", "400", "500");
        assertThat(history.countersOf(resumed).stored()).isEqualTo(580);
        // the failed run's answers count what its committed chunks kept; the restart's, the rest
        assertThat(jdbc.queryForList("""
                        SELECT job_execution_id || ': ' || sum(records_inserted) FROM provider_requests
                        WHERE success GROUP BY job_execution_id ORDER BY job_execution_id""", String.class))
                .containsExactly(failed.getId() + ": 300", resumed.getId() + ": 280");
        assertFeaturesEqualAFullRunOf(SampleBars.TICKER, SampleBars.load());
    }

    @Test
    void aChunkWhoseCommitFailsIsLoadedAgainOnRestartAndCountedOnce() throws Exception {
        // PostgreSQL refuses the commit of the transaction that wrote the 161st bar (the fourth chunk of 50): every
        // statement in it succeeded, the step's context was saved in it, and then the commit failed
        jdbc.execute("""
                CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'commit refused'; END $$;
                CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON bars DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW.time = to_timestamp(%d / 1000.0)) EXECUTE FUNCTION refuse_commit()"""
                .formatted(Long.parseLong(SampleBars.load().get(160).t())));
        try {
            JobExecution failed = load(SampleBars.TICKER, FROM, TO);

            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(LoadLauncher.failureReason(failed)).contains("commit refused");
            assertThat(count("bars")).isEqualTo(150);
            assertThat(history.countersOf(failed).stored()).isEqualTo(150);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_commit ON bars; DROP FUNCTION refuse_commit()");
        }

        JobExecution resumed = launcher.restart(launcher.lastRestartable().orElseThrow());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("bars")).isEqualTo(580);
        assertThat(history.countersOf(resumed).stored()).isEqualTo(580);
        assertFeaturesEqualAFullRunOf(SampleBars.TICKER, SampleBars.load());
    }

    @Test
    void reRunningAWindowChangesNoRow() throws Exception {
        load(SampleBars.TICKER, FROM, TO);
        List<Map<String, Object>> before = rowVersions();

        JobExecution again = load(SampleBars.TICKER, FROM, TO);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rowVersions()).isEqualTo(before);
    }

    @Test
    void anIncrementalRunGivesTheFeaturesOfAFullRebuild() throws Exception {
        load(SampleBars.TICKER, FROM, Instant.parse("2023-03-14T12:00:00Z"));
        load(SampleBars.TICKER, Instant.parse("2023-03-14T11:40:00Z"), TO);

        assertThat(count("bars")).isEqualTo(580);
        assertFeaturesEqualAFullRunOf(SampleBars.TICKER, SampleBars.load());
    }

    @Test
    void loadingEarlierBarsAfterLaterOnesGivesTheLaterOnesTheFeaturesOfAFullRebuild() throws Exception {
        load(SampleBars.TICKER, Instant.parse("2023-03-14T12:00:00Z"), TO);
        load(SampleBars.TICKER, FROM, Instant.parse("2023-03-14T12:00:00Z"));

        assertThat(count("bars")).isEqualTo(580);
        assertFeaturesEqualAFullRunOf(SampleBars.TICKER, SampleBars.load());
    }

    @Test
    void goingOverTheBarsAfterALoadFailsWithItsSeriesAndARestartTakesItUp() throws Exception {
        load(SampleBars.TICKER, Instant.parse("2023-03-14T12:00:00Z"), TO);
        // the features stored after the earlier window cannot be changed, for now
        jdbc.execute("""
                CREATE FUNCTION refuse_feature_updates() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'features are read-only for now'; END $$;
                CREATE TRIGGER refuse_feature_updates BEFORE UPDATE ON bar_features
                FOR EACH ROW EXECUTE FUNCTION refuse_feature_updates()""");
        try {
            JobExecution failed = load(SampleBars.TICKER, FROM, Instant.parse("2023-03-14T12:00:00Z"));

            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(LoadLauncher.failureReason(failed))
                    .startsWith("X:ETHUSD@5m, the stored bars after those loaded: ")
                    .contains("features are read-only for now");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_feature_updates ON bar_features;"
                    + " DROP FUNCTION refuse_feature_updates()");
        }

        JobExecution resumed = launcher.restart(launcher.lastRestartable().orElseThrow());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertFeaturesEqualAFullRunOf(SampleBars.TICKER, SampleBars.load());
    }

    @Test
    void aBarLoadedAgainAfterTheProviderCorrectedItGivesTheBarsAfterItTheFeaturesOfAFullRebuild() throws Exception {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Instant end = Instant.parse("2024-01-04T00:00:00Z");
        List<RawBar> minutes = SyntheticBars.every(Duration.ofMinutes(1), start, 3_000);
        provider.serve("X:BTCUSD", minutes);
        provider.pageSize(5_000);
        loadMinutes(start, end);
        RawBar wrong = minutes.get(100);
        BigDecimal close = new BigDecimal(wrong.c()).multiply(new BigDecimal("1.01"));
        List<RawBar> corrected = new ArrayList<>(minutes);
        corrected.set(100, new RawBar(wrong.t(), wrong.o(), new BigDecimal(wrong.h()).max(close).toPlainString(),
                wrong.l(), close.toPlainString(), wrong.v(), wrong.vw(), wrong.n()));
        provider.serve("X:BTCUSD", corrected);
        Instant correctedTime = Instant.ofEpochMilli(Long.parseLong(wrong.t()));

        JobExecution again = loadMinutes(correctedTime, correctedTime.plusSeconds(60));

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertFeaturesEqualAFullRunOf("X:BTCUSD", Timeframe.ONE_MINUTE, start, end, corrected);
        // the bars after it are gone over until they come out as stored (the averages forget the change in a few
        // hundred bars), not to the series' end
        long goneOver = jdbc.queryForObject("SELECT sum(read_count) FROM batch_step_execution"
                + " WHERE job_execution_id = ? AND step_name LIKE 'refreshSeries:%'", Long.class, again.getId());
        assertThat(goneOver).isBetween(400L, 1_500L);
    }

    @Test
    void keepsMalformedItemsWithTheirReasonAndLoadsTheRest() throws Exception {
        List<RawBar> bars = new ArrayList<>(SampleBars.load());
        RawBar first = bars.get(0);
        bars.add(10, new RawBar(bars.get(9).t(), first.o(), first.h(), first.l(), first.c(), first.v(), null, null));
        // each at a minute of its own (20:41 to 20:44), where the sample has no bar
        bars.add(20, new RawBar("1678740060000", null, "1", "1", "1", "1", null, null));
        bars.add(30, new RawBar("1678740120000", "1", "abc", "1", "1", "1", null, null));
        bars.add(40, new RawBar("1678740180000", "1", "1", "1", "1", "-5", null, null));
        bars.add(50, new RawBar("1678740240000", "1", "1", "1", "NaN", "1", null, null));
        provider.serve(SampleBars.TICKER, bars);

        load(SampleBars.TICKER, FROM, TO);
        load(SampleBars.TICKER, FROM, TO);

        assertThat(count("bars")).isEqualTo(580);
        // an answer's rejects are fetched, not stored; a second run changes no bar, so it stores none
        assertThat(jdbc.queryForList("""
                        SELECT sum(records_fetched) || '/' || sum(records_inserted) FROM provider_requests
                        GROUP BY job_execution_id ORDER BY job_execution_id""", String.class))
                .containsExactly("585/580", "585/0");
        assertThat(jdbc.queryForList("SELECT reason FROM rejected_bars ORDER BY id", String.class))
                .hasSize(5)
                .anyMatch(r -> r.startsWith("duplicate or out-of-order timestamp"))
                .anyMatch(r -> r.contains("missing field 'o'"))
                .anyMatch(r -> r.contains("'h' is not numeric"))
                .anyMatch(r -> r.contains("negative volume"))
                .anyMatch(r -> r.contains("'c' is not a finite number"));
    }

    @Test
    void aRefusedKeyFailsTheJobWithAReasonThatSaysWhatToSet() throws Exception {
        provider.requireKey("another-key");

        JobExecution execution = load(SampleBars.TICKER, FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(LoadLauncher.failureReason(execution)).contains("401").contains("POLYGON_API_KEY");
        assertThat(provider.requests()).hasSize(1);
        assertThat(count("bars")).isZero();
    }

    /**
     * Once 10 calls in a row failed, the breaker opens: a load then waits out its open state (100 ms here) before its
     * next attempt, and makes one trial call, instead of calling on every attempt, or failing at once without a call.
     */
    @Test
    void theCircuitBreakerSpacesTheCallsToAFailingProvider() throws Exception {
        provider.failFromRequest(1);

        JobExecution execution = load(SampleBars.TICKER, FROM, TO);
        JobExecution second = load(SampleBars.TICKER, FROM, TO);
        JobExecution third = load(SampleBars.TICKER, FROM, TO);

        assertThat(List.of(execution.getStatus(), second.getStatus(), third.getStatus()))
                .containsOnly(BatchStatus.FAILED);
        assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // its last attempt a trial call, or, where a busy machine let its first one come after the open wait, refused
        assertThat(history.recent(1).get(0).load().error()).isIn(
                SampleBars.TICKER + "@5m: the provider at " + provider.baseUrl() + " answered 503 (after 6 attempts)",
                SampleBars.TICKER + "@5m: not calling the provider at " + provider.baseUrl() + ": too many of its"
                        + " recent calls failed (circuit breaker 'polygon' is OPEN) (after 6 attempts)");
        // of the 18 attempts, 6 + 4 called until it opened after the 10th call; after it, no two calls came closer
        // than its open wait, and the third load still tried (a trial call every other attempt: 14 calls in all, more
        // only where a machine too busy to keep the 10-50 ms backoffs let an attempt come after the open wait)
        List<Duration> afterOpening = provider.requestSpacings().subList(9, provider.requests().size() - 1);
        assertThat(afterOpening).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(spacing -> assertThat(spacing).isGreaterThanOrEqualTo(Duration.ofMillis(100)));
        assertThat(provider.requests()).hasSizeBetween(14, 18);
    }

    @Test
    void aProviderThatIsDownFailsTheLoadWithAReasonNamingItsAddressAndTheRefusal() throws Exception {
        provider.goDown();

        JobExecution execution = load(SampleBars.TICKER, FROM, TO);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        String reason = "cannot reach the provider at " + provider.baseUrl() + ": connection refused (after 6 attempts)";
        // what ./mdw jobs and the API's job list show
        assertThat(history.recent(1).get(0).load().error()).isEqualTo(SampleBars.TICKER + "@5m: " + reason);
        // the partition's error in the API's job view: its stored failure, a stack trace, in the same words
        String stored = jdbc.queryForObject("SELECT exit_message FROM batch_step_execution"
                + " WHERE step_name LIKE 'loadSeries:%' AND job_execution_id = ?", String.class, execution.getId());
        assertThat(stored.lines().findFirst()).contains(ProviderException.class.getName() + ": " + reason);
        assertThat(LoadFailure.summary(stored)).isEqualTo(reason);
        assertThat(jdbc.queryForList("SELECT error FROM provider_requests", String.class))
                .hasSize(6).containsOnly("connection refused");
    }

    private JobExecution load(String ticker, Instant from, Instant to) throws Exception {
        return launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of(ticker),
                List.of(Timeframe.FIVE_MINUTES), from, to, LoadRequest.POLYGON), null);
    }

    private JobExecution loadMinutes(Instant from, Instant to) throws Exception {
        return launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of("X:BTCUSD"),
                List.of(Timeframe.ONE_MINUTE), from, to, LoadRequest.POLYGON), null);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private void assertFeaturesEqualAFullRunOf(String symbol, List<RawBar> sent) {
        assertFeaturesEqualAFullRunOf(symbol, Timeframe.FIVE_MINUTES, FROM, TO, sent);
    }
}
