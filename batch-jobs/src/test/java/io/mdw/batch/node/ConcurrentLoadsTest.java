package io.mdw.batch.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.mdw.batch.load.LoadJobHistory;
import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SyntheticBars;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRecord;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Loads that nodes start at the same moment, as a cluster's scheduler threads do with simultaneous triggers. */
class ConcurrentLoadsTest extends ProviderAndWarehouseTest {

    private static final int LOADS = 8;

    @Autowired
    BatchLoadJobRunner runner;

    @Autowired
    LoadJobHistory history;

    @Test
    void loadsStartedAtTheSameMomentAllComplete() throws Exception {
        List<LoadRequest> requests = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            // new symbols, two partitions each: every start creates its instance, execution and step executions
            requests.add(new LoadRequest(UUID.randomUUID().toString(), List.of("X:SAME" + i + "USD"),
                    List.of(Timeframe.ONE_DAY, Timeframe.ONE_HOUR), Instant.parse("2023-03-13T00:00:00Z"),
                    Instant.parse("2023-03-14T00:00:00Z"), LoadRequest.POLYGON));
        }

        assertThat(runTogether(requests)).isEmpty();

        assertAllCompleted(requests);
    }

    /**
     * Loads of one series over overlapping windows at once (the API and the nightly refuse such a load; the command line
     * can start it): they run one after the other, each from what the one before stored, and all complete.
     */
    @Test
    void loadsOfOneSeriesOverOverlappingWindowsAtTheSameMomentAllComplete() throws Exception {
        Instant start = Instant.parse("2023-03-01T00:00:00Z");
        List<RawBar> bars = SyntheticBars.every(Duration.ofHours(1), start, 240);
        provider.serve("X:ONEUSD", bars);
        List<LoadRequest> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(new LoadRequest(UUID.randomUUID().toString(), List.of("X:ONEUSD"),
                    List.of(Timeframe.ONE_HOUR), start.plus(Duration.ofDays(i)), start.plus(Duration.ofDays(10 - i)),
                    LoadRequest.POLYGON));
        }

        assertThat(runTogether(requests)).isEmpty();

        assertAllCompleted(requests);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bars WHERE symbol = 'X:ONEUSD'", Long.class))
                .isEqualTo(bars.size());
    }

    /** Runs the loads at the same moment; returns those that ended failed, with the reason each gave. */
    private Map<LoadRequest, String> runTogether(List<LoadRequest> requests) throws Exception {
        CyclicBarrier together = new CyclicBarrier(requests.size());
        ExecutorService nodes = Executors.newFixedThreadPool(requests.size());
        try {
            Map<LoadRequest, Future<Void>> runs = new LinkedHashMap<>();
            for (LoadRequest request : requests) {
                runs.put(request, nodes.submit((Callable<Void>) () -> {
                    together.await();
                    runner.run(request, false);
                    return null;
                }));
            }
            Map<LoadRequest, String> failed = new LinkedHashMap<>();
            for (Map.Entry<LoadRequest, Future<Void>> run : runs.entrySet()) {
                try {
                    run.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ended) {
                    // BatchLoadJobRunner throws for a load that ended failed, saying why
                    assertThat(ended.getCause()).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(" ended FAILED: ");
                    failed.put(run.getKey(), ended.getCause().getMessage());
                }
            }
            return failed;
        } finally {
            nodes.shutdownNow();
        }
    }

    private void assertAllCompleted(List<LoadRequest> requests) {
        List<String> ids = requests.stream().map(LoadRequest::requestId).toList();
        assertThat(history.recent(50)).extracting(LoadJobHistory.LoadSummary::load)
                .filteredOn(load -> ids.contains(load.requestId()))
                .extracting(LoadRecord::status)
                .containsExactlyElementsOf(ids.stream().map(id -> LoadStatus.COMPLETED).toList());
    }
}
