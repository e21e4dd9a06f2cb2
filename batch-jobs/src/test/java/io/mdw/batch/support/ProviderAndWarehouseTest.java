package io.mdw.batch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mdw.calendar.TradingCalendar;
import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.AssetClass;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.pipeline.Accepted;
import io.mdw.pipeline.OutsideWindow;
import io.mdw.pipeline.SeriesPipeline;
import io.mdw.quality.ValidationThresholds;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The batch application against a real PostgreSQL and a local stand-in for the provider over HTTP, with retries
 * fast enough for tests. One stub and one application context serve every test class extending this.
 */
@SpringBootTest(properties = {
        "polygon.api-key=" + PolygonStub.KEY,
        "polygon.calls-per-minute=100000",
        "polygon.request-timeout=1s",
        "polygon.max-attempts=6",
        "polygon.initial-backoff=10ms",
        "polygon.max-backoff=50ms",
        "polygon.circuit-open-wait=100ms",
        "mdw.batch.chunk-size=50",
        // Quartz registers a scheduler's DataSource JVM-wide under its name: the contexts the CLI tests start and
        // close in this JVM are named "mdw", and closing one would close this context's scheduler store
        "spring.quartz.scheduler-name=mdw-provider-tests" })
public abstract class ProviderAndWarehouseTest {

    /** Serves 100 bars a page; lives as long as the test JVM, like the embedded warehouse. */
    protected static final PolygonStub provider = PolygonStub.start(100);

    @DynamicPropertySource
    static void warehouseAndProvider(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", TestWarehouse::newDatabaseUrl);
        registry.add("polygon.base-url", provider::baseUrl);
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected CircuitBreaker circuitBreaker;

    /** An empty warehouse, the sample served, a healthy provider and a closed breaker. */
    @BeforeEach
    void freshStart() {
        // in the order the node's staleness refresh locks them (symbols, quality_daily, then bars): holding bars first,
        // the TRUNCATE and a refresh running at that moment each waited for the other, and PostgreSQL failed the test
        jdbc.execute("TRUNCATE symbols, quality_daily, bars, bar_features, rejected_bars, provider_requests");
        provider.heal();
        provider.clearRequests();
        provider.serve(SampleBars.TICKER, SampleBars.load());
        provider.pageSize(100);
        provider.requireKey(PolygonStub.KEY);
        circuitBreaker.reset();
    }

    /** Every row's version: a load that changed nothing leaves them all as they were. */
    protected List<Map<String, Object>> rowVersions() {
        return jdbc.queryForList("""
                SELECT 'bars' AS t, xmin::text AS v, ingested_at::text AS at FROM bars
                UNION ALL SELECT 'features', xmin::text, NULL FROM bar_features
                UNION ALL SELECT 'quality', xmin::text, updated_at::text FROM quality_daily
                UNION ALL SELECT 'rejects', xmin::text, NULL FROM rejected_bars
                ORDER BY 1, 2""");
    }

    /** The stored features and scores equal, bit for bit, those of one pass of the pipeline over the whole series. */
    protected void assertFeaturesEqualAFullRunOf(String symbol, Timeframe timeframe, Instant from, Instant to,
                                               List<RawBar> sent) {
        SeriesPipeline full = new SeriesPipeline(timeframe,
                TradingCalendar.forAssetClass(AssetClass.CRYPTO, Set.of()), ValidationThresholds.DEFAULTS,
                from, to, OutsideWindow.REJECTED, List.of(), null);
        List<Map<String, Object>> stored = jdbc.queryForList("""
                SELECT f.ema_26, f.macd_signal, f.rsi_14, f.atr_14, f.volatility_50, f.sma_50, f.ret_1,
                       b.quality_score, cardinality(b.flags) AS flags
                FROM bar_features f JOIN bars b USING (symbol, timeframe, time)
                WHERE symbol = ? ORDER BY time""", symbol);
        assertThat(stored).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Accepted accepted = (Accepted) full.process(sent.get(i));
            var features = accepted.features();
            assertThat((BigDecimal) stored.get(i).get("quality_score")).as("bar %d", i)
                    .isEqualByComparingTo(accepted.assessment().qualityScore());
            assertThat(stored.get(i)).as("bar %d", i).containsEntry("ret_1", features.ret1())
                    .containsEntry("flags", accepted.assessment().flags().size())
                    .containsEntry("ema_26", features.ema26())
                    .containsEntry("macd_signal", features.macdSignal()).containsEntry("rsi_14", features.rsi14())
                    .containsEntry("atr_14", features.atr14()).containsEntry("volatility_50", features.volatility50())
                    .containsEntry("sma_50", features.sma50());
        }
    }

    /** Runs the work on a thread of its own (a load, a stop), for a test to act while it runs. */
    protected static <T> CompletableFuture<T> inBackground(Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, runnable -> new Thread(runnable, "test-background").start());
    }
}
