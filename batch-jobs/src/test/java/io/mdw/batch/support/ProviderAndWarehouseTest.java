package io.mdw.batch.support;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mdw.db.testing.TestWarehouse;
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
}
