package io.mdw.api.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.Flux;

/**
 * A limited CSV or NDJSON answer reads its listing twice (to know its end before its headers go out). Bars stored or
 * removed between the two reads, on the real database, must never be skipped by the parts that follow the links.
 */
// The spy makes a second application context in this JVM. Quartz registers a job store's connections JVM-wide under
// the scheduler's name, so under the shared name this context's database pool would become the job store pool of the
// other tests' context too (their trigger requests then failed with "Connection is closed").
@TestPropertySource(properties = "spring.quartz.scheduler-name=mdw-limited-stream-test")
class LimitedStreamWritesTest extends ApiTestSupport {

    private static final String SYMBOL = "RACE";
    private static final String PATH = "/api/v1/historical/RACE?start=2023-05-30&end=2023-06-10&format=csv";
    private static final Instant FIRST_STORED = Instant.parse("2023-06-02T04:00:00Z");

    /** The repository as it is, except that {@link #betweenReads} runs as the answer's second read starts. */
    @MockitoSpyBean
    private BarRepository repository;
    private final AtomicInteger reads = new AtomicInteger();
    private final List<BarQuery> asked = new ArrayList<>();
    private Runnable betweenReads;

    @BeforeEach
    void threeStoredBarsAndAWriteBeforeTheSecondRead() {
        jdbc.update("DELETE FROM bars WHERE symbol = ?", SYMBOL);
        insertSymbol(SYMBOL, "stock");
        for (int day = 0; day < 3; day++) {
            storeBarOn(FIRST_STORED.plus(day, ChronoUnit.DAYS));
        }
        reads.set(0);
        asked.clear();
        doAnswer(invocation -> {
            boolean second = reads.incrementAndGet() == 2;
            asked.add(invocation.getArgument(0));
            @SuppressWarnings("unchecked")
            Flux<Bar> read = (Flux<Bar>) invocation.callRealMethod();
            return Flux.defer(() -> {
                if (second && betweenReads != null) {
                    betweenReads.run();
                }
                return read;
            });
        }).when(repository).series(any(), anyBoolean());
    }

    @Test
    void aBarStoredBeforeTheLastOneOfAnUncutAnswerIsSentWithIt() {
        betweenReads = () -> storeBarOn(FIRST_STORED.minus(1, ChronoUnit.DAYS));
        var answer = client.get().uri(PATH + "&limit=3").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(answer.getResponseHeaders().getFirst("Link")).isNull();
        assertThat(times(answer.getResponseBody())).containsExactly(
                "2023-06-01T04:00:00Z", "2023-06-02T04:00:00Z", "2023-06-03T04:00:00Z", "2023-06-04T04:00:00Z");
    }

    @Test
    void aBarStoredBeforeTheCutIsSentAndTheLinkStillContinuesAfterTheLastRowSent() {
        betweenReads = () -> storeBarOn(FIRST_STORED.minus(1, ChronoUnit.DAYS));
        var first = client.get().uri(PATH + "&limit=2").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(times(first.getResponseBody())).containsExactly(
                "2023-06-01T04:00:00Z", "2023-06-02T04:00:00Z", "2023-06-03T04:00:00Z");
        String link = first.getResponseHeaders().getFirst("Link");
        assertThat(link).endsWith(">; rel=\"next\"");

        betweenReads = null;
        String rest = client.get().uri(link.substring(1, link.indexOf('>'))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(times(rest)).containsExactly("2023-06-04T04:00:00Z");
    }

    @Test
    void aListingEmptiedBetweenTheReadsIsAnEmptyAnswerWithoutALink() {
        betweenReads = () -> jdbc.update("DELETE FROM bars WHERE symbol = ?", SYMBOL);
        var answer = client.get().uri(PATH + "&limit=2").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(answer.getResponseHeaders().getFirst("Link")).isNull();
        assertThat(answer.getResponseBody()).isNull();
    }

    @Test
    void theFirstReadFindsTheEndWithoutTheFeaturesAndTheSecondSendsThem() {
        String csv = client.get().uri(PATH + "&limit=2&include_features=true").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(asked).extracting(BarQuery::includeFeatures).containsExactly(false, true);
        assertThat(csv.lines().findFirst().orElseThrow()).contains(",sma_20,");
        assertThat(times(csv)).containsExactly("2023-06-02T04:00:00Z", "2023-06-03T04:00:00Z");
    }

    private void storeBarOn(Instant time) {
        insertBar(SYMBOL, "1d", time, "10", "11", "9", "10.5", "100", "0.95");
    }

    /** The time column of a CSV answer, header row left out. */
    private static List<String> times(String csv) {
        List<String> times = new ArrayList<>();
        csv.lines().skip(1).forEach(line -> times.add(line.substring(0, line.indexOf(','))));
        return times;
    }
}
