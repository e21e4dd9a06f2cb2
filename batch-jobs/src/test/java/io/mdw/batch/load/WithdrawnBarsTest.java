package io.mdw.batch.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mdw.batch.support.ProviderAndWarehouseTest;
import io.mdw.batch.support.SyntheticBars;
import io.mdw.batch.warehouse.RejectPayload;
import io.mdw.market.RawBar;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A window loaded again after the provider revised it: the stored bars its answer no longer holds, between bars it
 * sent, are withdrawn, as a full rebuild from the provider would have it, and kept in rejected_bars. Nothing is
 * withdrawn where the answer does not say the bar is gone: before its first bar or after its last, around an item
 * whose time cannot be read, or a bar from a file.
 */
class WithdrawnBarsTest extends ProviderAndWarehouseTest {

    private static final String TICKER = "X:AVAXUSD";
    private static final Instant FROM = Instant.parse("2026-11-28T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    @Autowired
    LoadLauncher launcher;

    @Autowired
    LoadJobHistory history;

    @Autowired
    MeterRegistry registry;

    private final List<RawBar> loaded = SyntheticBars.every(Duration.ofHours(1), FROM, 96);

    @BeforeEach
    void theWindowAsFirstServed() {
        provider.serve(TICKER, loaded);
    }

    /**
     * X:AVAXUSD 1h loaded, then the provider corrects a close and no longer serves 2026-11-30 05:00 and 06:00 (bars
     * built from trades later cancelled). The same load again leaves what a fresh load of the new answer gives, the two
     * bars kept as rejects with their stored values; a third changes nothing.
     */
    @Test
    void barsTheProviderNoLongerSendsAreWithdrawnAsAFreshLoadOfItsAnswerWouldHaveIt() throws Exception {
        provider.pageSize(30);
        load(TICKER);
        List<RawBar> answer = new ArrayList<>(loaded);
        BigDecimal corrected = new BigDecimal(loaded.get(40).c()).multiply(new BigDecimal("1.02"));
        RawBar forty = loaded.get(40);
        answer.set(40, new RawBar(forty.t(), forty.o(), new BigDecimal(forty.h()).max(corrected).toPlainString(),
                forty.l(), corrected.toPlainString(), forty.v(), forty.vw(), forty.n()));
        RawBar five = answer.remove(53);
        RawBar six = answer.remove(53);
        assertThat(timeOf(five)).isEqualTo("2026-11-30T05:00:00Z");
        provider.serve(TICKER, answer);
        double withdrawnBefore = withdrawnMetric();

        JobExecution again = load(TICKER);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the operator sees them counted: the load's counters (the job endpoint, mdw load's summary) and the metric
        assertThat(history.countersOf(again).withdrawn()).isEqualTo(2);
        assertThat(withdrawnMetric() - withdrawnBefore).isEqualTo(2);
        assertThat(storedTimes(TICKER)).hasSize(94).doesNotContain(timeOf(five), timeOf(six));
        assertThat(jdbc.queryForList("""
                        SELECT time::text || ' ' || raw_payload || ' ' || reason FROM rejected_bars
                        WHERE symbol = ? ORDER BY time""", String.class, TICKER))
                .containsExactly("2026-11-30 05:00:00+00 " + RejectPayload.of(five) + " " + WarehouseItemWriter.WITHDRAWN,
                        "2026-11-30 06:00:00+00 " + RejectPayload.of(six) + " " + WarehouseItemWriter.WITHDRAWN);
        assertThat(count("bar_features")).isEqualTo(94);
        // the bar after them: a gap of two bars, its return against 04:00, as the warehouse now holds the series
        Map<String, Object> seven = jdbc.queryForMap("""
                SELECT b.missing_bars, array_to_string(b.flags, ',') AS flags, f.ret_1
                FROM bars b JOIN bar_features f USING (symbol, timeframe, time)
                WHERE symbol = ? AND time = '2026-11-30T07:00:00Z'""", TICKER);
        assertThat(seven).containsEntry("missing_bars", 2).containsEntry("flags", "missing_bars");
        assertThat((Double) seven.get("ret_1")).isCloseTo(
                Double.parseDouble(answer.get(53).c()) / Double.parseDouble(answer.get(52).c()) - 1, within(1e-12));
        assertFeaturesEqualAFullRunOf(TICKER, Timeframe.ONE_HOUR, FROM, TO, answer);
        // the daily quality as a fresh load of the new answer has it, the two rejects counted on their day
        provider.serve("X:AVAXEUR", answer);
        load("X:AVAXEUR");
        assertThat(qualityDaily(TICKER)).isEqualTo(qualityDaily("X:AVAXEUR"));
        assertThat(jdbc.queryForList("SELECT day::text || ' ' || rejected_records FROM quality_daily"
                + " WHERE symbol = ? ORDER BY day", String.class, TICKER))
                .containsExactly("2026-11-28 0", "2026-11-29 0", "2026-11-30 2", "2026-12-01 0");

        List<Map<String, Object>> before = rowVersions();
        JobExecution third = load(TICKER);
        assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rowVersions()).isEqualTo(before);
        assertThat(history.countersOf(third).withdrawn()).isZero();
    }

    /** The stored bars after the window loaded again get the features of the series without the bar withdrawn. */
    @Test
    void theBarsAfterTheWindowFollowTheSeriesWithoutTheWithdrawnBar() throws Exception {
        load(TICKER);
        List<RawBar> answer = new ArrayList<>(loaded);
        answer.remove(40);
        provider.serve(TICKER, answer);

        JobExecution firstThreeDays = launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of(TICKER),
                List.of(Timeframe.ONE_HOUR), FROM, FROM.plus(Duration.ofDays(3)), LoadRequest.POLYGON), null);

        assertThat(firstThreeDays.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(storedTimes(TICKER)).hasSize(95).doesNotContain(timeOf(loaded.get(40)));
        assertFeaturesEqualAFullRunOf(TICKER, Timeframe.ONE_HOUR, FROM, TO, answer);
    }

    /** An answer that starts later or ends earlier than the stored series says nothing of the bars before or after. */
    @Test
    void theBarsBeforeAnAnswersFirstBarAndAfterItsLastStay() throws Exception {
        load(TICKER);
        provider.serve(TICKER, loaded.subList(2, 93));

        assertThat(load(TICKER).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(storedTimes(TICKER)).hasSize(96);
        assertThat(count("rejected_bars")).isZero();
    }

    /**
     * An item whose time cannot be read could be any bar: the stored bars around it stay. A bar sent with values the
     * rules refuse is still sent: the stored one at its time stays. Further on, a bar no longer sent is withdrawn.
     */
    @Test
    void anItemWhoseTimeCannotBeReadOrABarRefusedWithdrawsNothing() throws Exception {
        load(TICKER);
        List<RawBar> answer = new ArrayList<>(loaded);
        RawBar thirty = loaded.get(30);
        answer.set(30, new RawBar(thirty.t(), thirty.o(), "1", "2", thirty.c(), thirty.v(), null, null));
        RawBar twenty = loaded.get(20);
        answer.set(20, new RawBar("soon", twenty.o(), twenty.h(), twenty.l(), twenty.c(), twenty.v(), null, null));
        answer.remove(21);
        RawBar gone = answer.remove(69);
        provider.serve(TICKER, answer);

        assertThat(load(TICKER).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(storedTimes(TICKER)).hasSize(95).contains(timeOf(loaded.get(20)), timeOf(loaded.get(21)),
                timeOf(loaded.get(30))).doesNotContain(timeOf(gone));
        assertThat(jdbc.queryForList("SELECT time FROM rejected_bars WHERE reason = ?", Timestamp.class,
                WarehouseItemWriter.WITHDRAWN)).extracting(Timestamp::toInstant).containsExactly(timeOf(gone));
    }

    /** A provider's answer withdraws its own bars only. */
    @Test
    void aBarFromAFileStays() throws Exception {
        load(TICKER);
        Instant fromFile = timeOf(loaded.get(10));
        jdbc.update("UPDATE bars SET source = 'file' WHERE time = ?", Timestamp.from(fromFile));
        List<RawBar> answer = new ArrayList<>(loaded);
        answer.remove(10);
        provider.serve(TICKER, answer);

        assertThat(load(TICKER).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(storedTimes(TICKER)).hasSize(96);
        assertThat(count("rejected_bars")).isZero();
    }

    /**
     * A load failing midway withdraws what its committed chunks settled, and nothing after; its restart settles the
     * rest from the first bar it is sent (the stretch before it, the failed run may not have settled).
     */
    @Test
    void aLoadFailingMidwayWithdrawsWhatItsCommittedChunksSettledAndItsRestartTheRest() throws Exception {
        load(TICKER);
        List<RawBar> answer = new ArrayList<>(loaded);
        answer.remove(80);
        answer.remove(10);
        provider.serve(TICKER, answer);
        // pages of 30: the first chunk of 50 commits, the second needs the third page, which fails every attempt
        provider.pageSize(30);
        provider.failFromRequest(3);

        JobExecution failed = load(TICKER);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList("SELECT time::text FROM rejected_bars", String.class))
                .containsExactly("2026-11-28 10:00:00+00");

        provider.heal();
        circuitBreaker.reset();
        JobExecution resumed = launcher.restart(launcher.lastRestartable().orElseThrow());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT time::text FROM rejected_bars ORDER BY time", String.class))
                .containsExactly("2026-11-28 10:00:00+00", "2026-12-01 08:00:00+00");
        assertFeaturesEqualAFullRunOf(TICKER, Timeframe.ONE_HOUR, FROM, TO, answer);
    }

    private JobExecution load(String ticker) throws Exception {
        return launcher.start(new LoadRequest(UUID.randomUUID().toString(), List.of(ticker),
                List.of(Timeframe.ONE_HOUR), FROM, TO, LoadRequest.POLYGON), null);
    }

    private double withdrawnMetric() {
        Counter counter = registry.find("mdw.bars.withdrawn").tags("symbol", TICKER, "timeframe", "1h").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<Instant> storedTimes(String symbol) {
        return jdbc.queryForList("SELECT time FROM bars WHERE symbol = ? ORDER BY time", Timestamp.class,
                symbol).stream().map(Timestamp::toInstant).toList();
    }

    /** A series' daily quality, but for its rejects. */
    private List<Map<String, Object>> qualityDaily(String symbol) {
        return jdbc.queryForList("""
                SELECT day, records, validated_records, gaps_detected, anomalies_detected, gap_detected_records,
                       avg_quality_score, expected_records
                FROM quality_daily WHERE symbol = ? ORDER BY day""", symbol);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static Instant timeOf(RawBar bar) {
        return Instant.ofEpochMilli(Long.parseLong(bar.t()));
    }
}
