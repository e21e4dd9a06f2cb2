package io.mdw.batch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.db.testing.TestWarehouse;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node recomputes the staleness gauges by itself, every MDW_METRICS_STALENESS_REFRESH. */
@SpringBootTest(properties = "mdw.metrics.staleness-refresh=200ms")
class StalenessScheduleTest {

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("mdw.db.url", TestWarehouse::newDatabaseUrl);
    }

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    SymbolRepository symbols;

    @Test
    void aSeriesTrackedAfterStartUpShowsInTheGaugesWithoutAnyoneAskingForARefresh() {
        symbols.register("MSFT", AssetClass.STOCK, List.of(Timeframe.ONE_DAY), null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                PrometheusText.parse(prometheus.scrape()).sum("mdw_series_staleness", "symbol", "MSFT",
                        "timeframe", "1d", "state", "missing")).isEqualTo(1));
    }
}
