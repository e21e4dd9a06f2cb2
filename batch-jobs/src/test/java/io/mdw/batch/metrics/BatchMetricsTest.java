package io.mdw.batch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mdw.batch.load.LoadLauncher;
import io.mdw.batch.support.PolygonStub;
import io.mdw.batch.support.PolygonStub.Fault;
import io.mdw.batch.support.SampleBars;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.calendar.TradingCalendar;
import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.AssetClass;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The batch node's metrics after real job runs (a local provider stub over HTTP, a real PostgreSQL), read the way
 * Prometheus reads them: from the Prometheus registry's scrape. Each test loads its own ticker, so the counters it
 * reads are its own.
 */
@SpringBootTest(properties = {
        "polygon.api-key=" + PolygonStub.KEY,
        "polygon.calls-per-minute=100000",
        "polygon.request-timeout=1s",
        "polygon.initial-backoff=10ms",
        "polygon.max-backoff=50ms",
        "polygon.circuit-open-wait=100ms",
        "mdw.batch.chunk-size=100",
        "mdw.metrics.staleness-refresh=1h" })
class BatchMetricsTest {

    private static final Instant FROM = Instant.parse("2023-03-13T00:00:00Z");
    private static final Instant TO = Instant.parse("2023-03-16T00:00:00Z");
    private static final PolygonStub provider = PolygonStub.start(100);

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", TestWarehouse::newDatabaseUrl);
        registry.add("polygon.base-url", provider::baseUrl);
    }

    @Autowired
    LoadLauncher launcher;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    StalenessGauges staleness;

    @Autowired
    SymbolRepository symbols;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void countsBarsScoresFlagsAndProviderRequestsOfALoad() throws Exception {
        List<RawBar> bars = new ArrayList<>(SampleBars.load());
        bars.add(20, new RawBar("1678740060000", null, "1", "1", "1", "1", null, null));
        bars.add(30, new RawBar("1678740120000", "1", "1", "1", "1", "-5", null, null));
        provider.serve("X:ETHUSD", bars);
        provider.script(Fault.rateLimited("0"), Fault.status(500));
        PrometheusText before = scrape();

        assertThat(load("X:ETHUSD").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        PrometheusText scrape = scrape();
        PrometheusText.Delta delta = scrape.since(before);
        String[] series = {"symbol", "X:ETHUSD", "timeframe", "5m", "source", "polygon"};
        assertThat(scrape.sum("mdw_bars_read_total", series)).isEqualTo(582);
        assertThat(scrape.sum("mdw_bars_written_total", series)).isEqualTo(580);
        assertThat(scrape.sum("mdw_bars_rejected_total", series)).isEqualTo(2);

        String[] eth = {"symbol", "X:ETHUSD", "timeframe", "5m"};
        assertThat(scrape.sum("mdw_bar_quality_score_percent_count", eth)).isEqualTo(580);
        assertThat(scrape.sum("mdw_bar_quality_score_percent_sum", eth)).isEqualTo(jdbc.queryForObject(
                "SELECT sum(quality_score) * 100 FROM bars WHERE symbol = 'X:ETHUSD'", Double.class));
        for (String bound : List.of("50", "85", "90", "95")) {
            assertThat(scrape.sum("mdw_bar_quality_score_percent_bucket", "symbol", "X:ETHUSD", "le", bound + ".0"))
                    .as("bars scored at most %s%%", bound).isEqualTo(jdbc.queryForObject(
                            "SELECT count(*) FROM bars WHERE symbol = 'X:ETHUSD' AND quality_score * 100 <= " + bound,
                            Double.class));
        }
        assertThat(scrape.sum("mdw_bar_quality_score_percent_bucket", "symbol", "X:ETHUSD", "le", "100.0"))
                .isEqualTo(580);
        List<Map<String, Object>> flags = jdbc.queryForList(
                "SELECT flag, count(*)::float8 AS n FROM bars, unnest(flags) AS flag WHERE symbol = 'X:ETHUSD' GROUP BY flag");
        assertThat(flags).isNotEmpty();
        for (Map<String, Object> flag : flags) {
            assertThat(scrape.sum("mdw_bar_flags_total", "symbol", "X:ETHUSD", "flag", (String) flag.get("flag")))
                    .as("bars flagged %s", flag.get("flag")).isEqualTo((Double) flag.get("n"));
        }

        String[] polygon = {"provider", "polygon", "timeframe", "5m"};
        assertThat(delta.sum("mdw_provider_requests_seconds_count", "status", "200", "outcome", "success")).isEqualTo(6);
        assertThat(delta.sum("mdw_provider_requests_seconds_count", "status", "429", "outcome", "error")).isEqualTo(1);
        assertThat(delta.sum("mdw_provider_requests_seconds_count", "status", "500", "outcome", "error")).isEqualTo(1);
        assertThat(scrape.find("mdw_provider_requests_seconds_bucket", polygon)).as("a latency histogram").isNotEmpty();
        assertThat(delta.sum("mdw_provider_rate_limit_wait_seconds_count")).isEqualTo(8);
        assertThat(delta.sum("mdw_provider_retry_backoff_seconds_count")).isEqualTo(2);
        assertThat(delta.sum("resilience4j_retry_calls_total", "name", "polygon", "kind", "successful_with_retry"))
                .isEqualTo(1);
        assertThat(scrape.sum("resilience4j_circuitbreaker_state", "name", "polygon", "state", "closed")).isEqualTo(1);
        assertThat(scrape.find("resilience4j_ratelimiter_available_permissions", "name", "polygon")).hasSize(1);
        assertThat(scrape.find("resilience4j_ratelimiter_waiting_threads", "name", "polygon")).hasSize(1);

        assertThat(delta.sum("spring_batch_job_seconds_count", "spring_batch_job_name", "loadBars",
                "spring_batch_job_status", "COMPLETED")).isEqualTo(1);
        assertThat(scrape.sum("spring_batch_step_seconds_count", "spring_batch_step_name", "loadSeries:X:ETHUSD@5m",
                "spring_batch_step_status", "COMPLETED")).isEqualTo(1);
        assertThat(scrape.find("spring_batch_job_active_seconds_count", "spring_batch_job_name", "loadBars"))
                .as("jobs running now").isNotEmpty();
        assertThat(scrape.sum("spring_batch_chunk_write_seconds_count",
                "spring_batch_chunk_write_step_name", "loadSeries:X:ETHUSD@5m")).isEqualTo(6);
        assertThat(scrape.sum("spring_batch_chunk_write_seconds_bucket",
                "spring_batch_chunk_write_step_name", "loadSeries:X:ETHUSD@5m", "le", "10.0")).isEqualTo(6);
        assertThat(scrape.sum("spring_batch_item_read_seconds_count",
                "spring_batch_item_read_step_name", "loadSeries:X:ETHUSD@5m")).isGreaterThanOrEqualTo(582);
    }

    @Test
    void aFailedJobIsCountedAsFailed() throws Exception {
        provider.serve("X:LTCUSD", SampleBars.load());
        provider.failFromRequest(1);
        try {
            assertThat(load("X:LTCUSD").getStatus()).isEqualTo(BatchStatus.FAILED);
        } finally {
            provider.heal();
        }

        PrometheusText scrape = scrape();
        assertThat(scrape.sum("spring_batch_job_seconds_count", "spring_batch_job_name", "loadBars",
                "spring_batch_job_status", "FAILED")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("spring_batch_step_seconds_count", "spring_batch_step_name", "loadSeries:X:LTCUSD@5m",
                "spring_batch_step_status", "FAILED")).isEqualTo(1);
        assertThat(scrape.sum("mdw_provider_requests_seconds_count", "status", "503", "outcome", "error"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("mdw_bars_written_total", "symbol", "X:LTCUSD")).isZero();
    }

    @Test
    void aLoadThatCouldNotStartIsCountedAsAFailedJob() {
        PrometheusText before = scrape();

        launcher.recordFailedStart(new LoadRequest(UUID.randomUUID().toString(), List.of("X:SOLUSD"),
                List.of(Timeframe.FIVE_MINUTES), FROM, TO, LoadRequest.POLYGON), "POLYGON_API_KEY is not set");

        PrometheusText.Delta delta = scrape().since(before);
        assertThat(delta.sum("spring_batch_job_seconds_count", "spring_batch_job_name", "loadBars",
                "spring_batch_job_status", "FAILED", "error", "none")).as("what the load-failed alert counts").isEqualTo(1);
    }

    @Test
    void stalenessCountsTheBarsTheCalendarExpectsSinceTheLastStoredOne() throws Exception {
        provider.serve("X:ETHEUR", SampleBars.load());
        assertThat(load("X:ETHEUR").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        symbols.register("MSFT", AssetClass.STOCK, List.of(Timeframe.ONE_DAY), null);
        Instant lastBar = jdbc.queryForObject("SELECT max(time) FROM bars WHERE symbol = 'X:ETHEUR'", Instant.class);
        TradingCalendar crypto = TradingCalendar.forAssetClass(AssetClass.CRYPTO, Set.of());

        long before = crypto.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.now());
        staleness.refresh();
        long after = crypto.barsBehind(Timeframe.FIVE_MINUTES, lastBar, Instant.now());

        PrometheusText scrape = scrape();
        String[] ethEur = {"symbol", "X:ETHEUR", "timeframe", "5m", "asset_class", "crypto"};
        assertThat(scrape.sum("mdw_series_bars_behind", ethEur)).isBetween((double) before, (double) after);
        assertThat(scrape.sum("mdw_series_last_bar_age_seconds", ethEur)).isGreaterThan(3 * 365 * 86400.0);
        assertThat(scrape.sum("mdw_series_staleness", "symbol", "X:ETHEUR", "state", "stale")).isEqualTo(1);
        assertThat(scrape.sum("mdw_series_staleness", "symbol", "X:ETHEUR", "state", "fresh")).isZero();
        assertThat(scrape.sum("mdw_series_staleness", "symbol", "MSFT", "timeframe", "1d", "state", "missing"))
                .isEqualTo(1);
        assertThat(scrape.find("mdw_series_bars_behind", "symbol", "MSFT")).as("no bar, no count").isEmpty();
    }

    private JobExecution load(String ticker) throws Exception {
        return launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of(ticker),
                List.of(Timeframe.FIVE_MINUTES), FROM, TO, LoadRequest.POLYGON), null);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(prometheus.scrape());
    }
}
