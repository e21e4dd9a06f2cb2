package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SampleBars;
import io.mdw.market.AssetClass;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partition's reader as the job builds it (step-scoped, from the partition's context), against the provider's
 * stand-in serving the sample in pages of 100: what it reads, and where a restarted step's reader takes up from the
 * cursor the last committed chunk saved.
 */
@SpringBatchTest
class PolygonSeriesReaderTest extends ProviderAndWarehouseTest {

    private static final SeriesWindow SAMPLE = new SeriesWindow(SampleBars.TICKER, SampleBars.TICKER,
            AssetClass.CRYPTO, Timeframe.FIVE_MINUTES, Instant.parse("2023-03-13T00:00:00Z"),
            Instant.parse("2023-03-16T00:00:00Z"));

    @Autowired
    ItemStreamReader<RawBar> seriesReader;

    /** The step the reader of each test is built for (the scope {@code @SpringBatchTest} opens around a test). */
    StepExecution getStepExecution() {
        return partitionStep();
    }

    @Test
    void readsTheWholeSeriesPageByPageInTheProvidersOrder() throws Exception {
        seriesReader.open(new ExecutionContext());

        assertThat(times(readAll(seriesReader))).isEqualTo(times(SampleBars.load()));
        assertThat(provider.requests()).hasSize(6);
    }

    @Test
    void aRestartedStepsReaderResumesInsideThePageItStoppedIn() throws Exception {
        List<RawBar> sample = SampleBars.load();
        ExecutionContext committed = new ExecutionContext();
        seriesReader.open(committed);
        for (int i = 0; i < 250; i++) {
            seriesReader.read();
        }
        seriesReader.update(committed);
        seriesReader.close();
        String firstPage = provider.requests().get(0);
        provider.clearRequests();

        List<RawBar> resumed = StepScopeTestUtils.doInStepScope(partitionStep(), () -> {
            seriesReader.open(committed);
            return readAll(seriesReader);
        });

        assertThat(times(resumed)).isEqualTo(times(sample.subList(250, sample.size())));
        // the third page again, for its last 50 bars, then the fourth to the sixth; never the first two
        assertThat(provider.requests()).hasSize(4).doesNotContain(firstPage);
    }

    @Test
    void aFinishedPartitionsReaderReadsNothingAgain() throws Exception {
        ExecutionContext committed = new ExecutionContext();
        seriesReader.open(committed);
        readAll(seriesReader);
        seriesReader.update(committed);
        seriesReader.close();
        provider.clearRequests();

        List<RawBar> again = StepScopeTestUtils.doInStepScope(partitionStep(), () -> {
            seriesReader.open(committed);
            return readAll(seriesReader);
        });

        assertThat(again).isEmpty();
        assertThat(provider.requests()).isEmpty();
    }

    /** A worker step of a load from the provider, with its series window as the partitioner leaves it. */
    private static StepExecution partitionStep() {
        LoadRequest request = new LoadRequest(LoadRequest.newId(), List.of(SAMPLE.symbol()), List.of(SAMPLE.timeframe()),
                SAMPLE.from(), SAMPLE.to(), LoadRequest.POLYGON);
        return MetaDataInstanceFactory.createStepExecution(LoadJobParameters.of(request),
                SeriesWindowContext.toContext(SAMPLE));
    }

    private static List<RawBar> readAll(ItemStreamReader<RawBar> reader) throws Exception {
        List<RawBar> bars = new ArrayList<>();
        for (RawBar bar = reader.read(); bar != null; bar = reader.read()) {
            bars.add(bar);
        }
        return bars;
    }

    private static List<String> times(List<RawBar> bars) {
        return bars.stream().map(RawBar::t).toList();
    }
}
