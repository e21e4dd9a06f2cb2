package io.mdw.api.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mdw.api.ApiTestSupport;
import io.mdw.scheduling.LoadFailure;
import io.mdw.scheduling.LoadTriggers;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Triggers go into the cluster's Quartz store (this app only submits); the test then plays the batch node by
 * firing the trigger (removing it) and writing the JobRepository rows a node would write.
 */
class JobsApiTest extends ApiTestSupport {

    @Value("${mdw.nightly.overlap-bars}")
    int overlapBars;

    @Value("${mdw.nightly.default-lookback}")
    Duration defaultLookback;

    /** An end after now is now, to the microsecond, as the job's view, the job list and the execution history say. */
    @Test
    void aWindowEndingAfterNowEndsNowToTheMicrosecondEverywhereItIsShown() {
        JsonNode accepted = json(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBNOW&timeframes=1d&start=2024-01-01&end=2999-12-31", null)
                .expectStatus().isAccepted());
        String end = accepted.get("end").stringValue();
        assertThat(end).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
        assertThat(Instant.parse(end)).isBetween(Instant.now().minus(1, ChronoUnit.MINUTES), Instant.now());
        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + accepted.get("job_id").stringValue(), null)
                .expectStatus().isOk());
        assertThat(Instant.parse(job.get("end").stringValue())).isEqualTo(Instant.parse(end));
        assertThat(job.get("end").stringValue()).doesNotContainPattern("\\.\\d{7,}");
    }

    @Test
    void theOldQueryFormQueuesAJobAndTracksTheSymbol() {
        JsonNode accepted = json(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=joba&asset_class=stock&timeframes=1d&start=2024-01-01&end=2024-12-31", null)
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/v1/enrichment/jobs/load-.+"));
        String jobId = accepted.get("job_id").stringValue();
        assertThat(accepted.get("status").stringValue()).isEqualTo("queued");
        assertThat(accepted.get("symbol").stringValue()).isEqualTo("JOBA");
        assertThat(accepted.get("asset_class").stringValue()).isEqualTo("stock");
        assertThat(accepted.get("timeframes").get(0).stringValue()).isEqualTo("1d");
        assertThat(accepted.get("total_records_to_process").longValue()).isEqualTo(252);
        assertThat(accepted.get("estimated_duration_seconds").longValue()).isPositive();
        assertThat(accepted.has("timestamp")).isTrue();

        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(job.get("status").stringValue()).isEqualTo("queued");
        assertThat(job.get("symbols").get(0).stringValue()).isEqualTo("JOBA");

        JsonNode tracked = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBA", null).expectStatus().isOk());
        assertThat(tracked.get("asset_class").stringValue()).isEqualTo("stock");

        JsonNode conflict = problem(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBA&timeframes=1d&start=2024-06-01", null), 409,
                "already loads JOBA 1d of this request, so nothing was queued; follow it at /api/v1/enrichment/jobs/"
                        + jobId + ", and trigger it again once it has ended");
        assertThat(conflict.get("job_id").stringValue()).isEqualTo(jobId);
        // a trigger that only overlaps is told which of its series are taken
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbols", List.of("JOBA", "JOBZ"),
                "timeframes", List.of("1d", "1h"), "start", "2024-06-01")), 409, "Job " + jobId
                + ", queued or running, already loads JOBA 1d of this request, so nothing was queued; follow it at"
                + " /api/v1/enrichment/jobs/" + jobId + ", and trigger the rest without those series or once it has ended");
    }

    @Test
    void theJsonFormTakesSeveralSymbolsAndATriggerKeyMayUseIt() {
        String triggerKey = json(admin(HttpMethod.POST, "/api/v1/admin/api-keys",
                Map.of("name", "scheduler-bot", "scopes", List.of("trigger"))).expectStatus().isCreated())
                .get("key").stringValue();
        JsonNode accepted = json(request(HttpMethod.POST, "/api/v1/enrichment/trigger", triggerKey,
                Map.of("symbols", List.of("X:JOBBUSD", "X:JOBCUSD"), "asset_class", "crypto",
                        "timeframes", List.of("1h", "1d"), "start", "2024-01-01", "end", "2024-01-02"))
                .expectStatus().isAccepted());
        assertThat(accepted.get("symbols")).hasSize(2);
        // two UTC days of crypto: 48 hourly + 2 daily bars per symbol
        assertThat(accepted.get("total_records_to_process").longValue()).isEqualTo(2 * (48 + 2));
    }

    @Test
    void withoutAnAssetClassEachTickerSaysWhatItIs() {
        JsonNode crypto = json(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=X:JOBIUSD&timeframes=1h&start=2024-01-06&end=2024-01-06", null)
                .expectStatus().isAccepted());
        assertThat(crypto.get("asset_class").stringValue()).isEqualTo("crypto");
        // a Saturday: crypto trades all 24 hours of it, where a stock would have no bar at all
        assertThat(crypto.get("total_records_to_process").longValue()).isEqualTo(24);
        JsonNode tracked = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/X:JOBIUSD", null).expectStatus().isOk());
        assertThat(tracked.get("asset_class").stringValue()).isEqualTo("crypto");

        JsonNode mixed = json(request(HttpMethod.POST, "/api/v1/enrichment/trigger", ADMIN_KEY,
                Map.of("symbols", List.of("JOBJ", "X:JOBJUSD"), "timeframes", List.of("1d"),
                        "start", "2024-01-06", "end", "2024-01-06"))
                .expectStatus().isAccepted());
        assertThat(mixed.get("asset_class").isNull()).isTrue();
        assertThat(mixed.get("total_records_to_process").longValue()).isEqualTo(1);
        assertThat(json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBJ", null).expectStatus().isOk())
                .get("asset_class").stringValue()).isEqualTo("stock");
    }

    @Test
    void aTriggerForATrackedSymbolAddsTheTimeframeAndReactivatesItButNeverChangesItsAssetClass() {
        insertSymbol("JOBM", "stock");
        assertThat(json(admin(HttpMethod.DELETE, "/api/v1/admin/symbols/JOBM", null).expectStatus().isOk())
                .get("active").booleanValue()).isFalse();

        // another class than the stored one would move every resampled bar of its history: refused, nothing changed
        problem(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBM&asset_class=etf&timeframes=1h&start=2024-05-01&end=2024-05-03", null),
                409, "JOBM is stored as stock, not etf; a load does not change a symbol's asset class");
        JsonNode unchanged = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBM", null).expectStatus().isOk());
        assertThat(unchanged.get("asset_class").stringValue()).isEqualTo("stock");
        assertThat(unchanged.get("active").booleanValue()).isFalse();
        assertThat(json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=500", null).expectStatus().isOk())
                .get("jobs").valueStream().flatMap(job -> job.get("symbols").valueStream()))
                .noneMatch(symbol -> symbol.stringValue().equals("JOBM"));

        // the admin changes it, on its own; then a trigger naming it is a trigger like any other
        admin(HttpMethod.PUT, "/api/v1/admin/symbols/JOBM", Map.of("asset_class", "etf")).expectStatus().isOk();
        JsonNode accepted = json(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBM&asset_class=etf&timeframes=1h&start=2024-05-01&end=2024-05-03", null)
                .expectStatus().isAccepted());
        assertThat(accepted.get("asset_class").stringValue()).isEqualTo("etf");
        JsonNode tracked = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBM", null).expectStatus().isOk());
        assertThat(tracked.get("asset_class").stringValue()).isEqualTo("etf");
        assertThat(tracked.get("timeframes").valueStream().map(JsonNode::stringValue)).containsExactly("1d", "1h");
        assertThat(tracked.get("active").booleanValue()).isTrue();

        // without an asset class the stored one stays, and the answer says which that is
        fireTrigger(accepted.get("job_id").stringValue());
        JsonNode again = json(admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBM&timeframes=1d&start=2024-05-01&end=2024-05-03", null)
                .expectStatus().isAccepted());
        assertThat(again.get("asset_class").stringValue()).isEqualTo("etf");
        assertThat(json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBM", null).expectStatus().isOk())
                .get("asset_class").stringValue()).isEqualTo("etf");
    }

    @Test
    void aTriggerRefusedAsADuplicateLeavesTheTrackedSymbolAsItWas() {
        insertSymbol("JOBR", "stock");
        admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBR&timeframes=1d&start=2024-05-01&end=2024-05-03", null)
                .expectStatus().isAccepted();

        admin(HttpMethod.POST,
                "/api/v1/enrichment/trigger?symbol=JOBR&asset_class=etf&timeframes=1d&timeframes=5m&start=2024-05-01", null)
                .expectStatus().isEqualTo(409);

        JsonNode tracked = json(admin(HttpMethod.GET, "/api/v1/admin/symbols/JOBR", null).expectStatus().isOk());
        assertThat(tracked.get("asset_class").stringValue()).isEqualTo("stock");
        assertThat(tracked.get("timeframes").valueStream().map(JsonNode::stringValue)).containsExactly("1d");
    }

    @Test
    void withoutAStartATriggerLoadsFromWhereTheNightlyLoadWould() {
        // trading days up to Thursday 2024-05-02: the overlap counts stored bars back from the last one
        List<Instant> days = Stream.of("2024-04-24", "2024-04-25", "2024-04-26", "2024-04-29", "2024-04-30",
                "2024-05-01", "2024-05-02").map(day -> Instant.parse(day + "T04:00:00Z")).toList();
        days.forEach(day -> insertBar("JOBN", "1d", day, "1", "1", "1", "1", "1", "1.00"));
        JsonNode stored = json(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBN&timeframes=1d", null)
                .expectStatus().isAccepted());
        Instant overlapped = days.get(days.size() - 1 - overlapBars);
        assertThat(Instant.parse(stored.get("start").stringValue())).isEqualTo(overlapped);
        JsonNode queued = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + stored.get("job_id").stringValue(), null)
                .expectStatus().isOk());
        assertThat(Instant.parse(queued.get("start").stringValue())).isEqualTo(overlapped);

        jdbc.update("INSERT INTO symbols (symbol, asset_class, provider_ticker, history_start) VALUES ('JOBO', 'stock', 'JOBO', '2023-01-03')");
        JsonNode fromHistoryStart = json(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBO", null)
                .expectStatus().isAccepted());
        assertThat(fromHistoryStart.get("start").stringValue()).isEqualTo("2023-01-03T00:00:00Z");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JsonNode noBars = json(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBP&timeframes=1h", null)
                .expectStatus().isAccepted());
        Instant after = Instant.now();
        assertThat(Instant.parse(noBars.get("start").stringValue()))
                .isBetween(before.minus(defaultLookback), after.minus(defaultLookback));
        // the end, now, to the microsecond: a time the API would take back
        assertThat(noBars.get("end").stringValue()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
    }

    @Test
    void aRunThatEndedIsNotShownQueuedWhileItsNodeWrapsUp() {
        String jobId = trigger("JOBK", "1d");
        // Quartz keeps the firing on record until the run returns, a moment after Spring Batch marks it completed
        firedByANode(jobId, Instant.now().minusSeconds(11 * 60));
        long execution = insertJobExecution(jobId, "COMPLETED", "JOBK", "1d", "");
        insertPartition(execution, "JOBK@1d", "COMPLETED", 2, 2, "");

        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(job.get("status").stringValue()).isEqualTo("completed");
    }

    @Test
    void progressThenCompletionAsTheBatchNodeRecordsThem() throws IOException {
        // stored by an earlier load: not this job's progress
        insertBar("JOBD", "1d", Instant.parse("2024-04-30T04:00:00Z"), "1", "1", "1", "1", "1", "1.00");
        Instant submitted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String jobId = trigger("JOBD", "1d");
        JsonNode queued = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(queued.get("status").stringValue()).isEqualTo("queued");
        assertThat(Instant.parse(queued.get("created_at").stringValue())).isBetween(submitted, Instant.now());
        assertThat(Instant.parse(listed(jobId).get("created_at").stringValue())).isBetween(submitted, Instant.now());

        fireTrigger(jobId);
        long execution = insertJobExecution(jobId, "STARTED", "JOBD", "1d", "");
        long step = insertPartition(execution, "JOBD@1d", "STARTED", 0, 0, "");
        JsonNode started = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(started.get("partitions").get(0).get("written").longValue()).isZero();
        assertThat(started.get("partitions").get(0).get("last_bar_time").isNull()).isTrue();

        // the node commits a chunk: the bars, and in the step's context its counts and the last bar written; Spring
        // Batch's own counts also hold the reject the writer kept and the items of a chunk that rolled back
        insertBar("JOBD", "1d", Instant.parse("2024-05-02T04:00:00Z"), "1", "1", "1", "1", "1", "1.00");
        jdbc.update("UPDATE batch_step_execution SET read_count = 150, write_count = 101 WHERE step_execution_id = ?", step);
        // the keys spelled out as stored: contexts already in a database must keep reading
        insertStepContext(step, Map.of("series.symbol", "JOBD", "series.timeframe", "1d",
                "series.lastAccepted", Instant.parse("2024-05-02T04:00:00Z").toEpochMilli(),
                "load.stored", 100L, "load.rejected", 1L, "load.skipped", 19L, "load.withdrawn", 2L));

        JsonNode running = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(running.get("status").stringValue()).isEqualTo("in_progress");
        JsonNode partition = running.get("partitions").get(0);
        assertThat(partition.get("symbol").stringValue()).isEqualTo("JOBD");
        assertThat(partition.get("timeframe").stringValue()).isEqualTo("1d");
        assertThat(partition.get("read").longValue()).isEqualTo(120);
        assertThat(partition.get("written").longValue()).isEqualTo(100);
        assertThat(partition.get("rejected").longValue()).isEqualTo(1);
        assertThat(partition.get("withdrawn").longValue()).isEqualTo(2);
        assertThat(partition.get("last_bar_time").stringValue()).isEqualTo("2024-05-02T04:00:00Z");
        assertThat(running.get("progress").get("written").longValue()).isEqualTo(100);
        assertThat(running.get("progress").get("withdrawn").longValue()).isEqualTo(2);
        assertThat(partition.has("retrying")).as("its requests are answered").isFalse();

        // its first request fails: it is waiting to retry
        providerRequest(execution, "JOBD", "1d", 503, "the provider at http://127.0.0.1:1 answered 503");
        JsonNode firstFailed = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk())
                .get("partitions").get(0).get("retrying");
        assertThat(firstFailed.get("failed_attempts").longValue()).isEqualTo(1);
        assertThat(firstFailed.get("last_error").stringValue()).endsWith("answered 503");
        // then it is answered, and fails twice after that: the partition says it is waiting to retry, and why
        providerRequest(execution, "JOBD", "1d", 200, null);
        providerRequest(execution, "JOBD", "1d", null, "no answer within 30 s");
        providerRequest(execution, "JOBD", "1d", 429, "the provider at http://127.0.0.1:1 answered 429");
        JsonNode retrying = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk())
                .get("partitions").get(0).get("retrying");
        assertThat(retrying.get("failed_attempts").longValue()).isEqualTo(2);
        assertThat(retrying.get("last_error").stringValue()).isEqualTo("the provider at http://127.0.0.1:1 answered 429");
        assertThat(Instant.parse(retrying.get("last_attempt_at").stringValue())).isBefore(Instant.now());
        // once it answers again, the partition is no longer waiting
        providerRequest(execution, "JOBD", "1d", 200, null);
        assertThat(json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk())
                .get("partitions").get(0).has("retrying")).isFalse();

        jdbc.update("UPDATE batch_step_execution SET status = 'COMPLETED', end_time = localtimestamp WHERE job_execution_id = ?", execution);
        jdbc.update("UPDATE batch_job_execution SET status = 'COMPLETED', end_time = localtimestamp WHERE job_execution_id = ?", execution);
        JsonNode done = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(done.get("status").stringValue()).isEqualTo("completed");
        assertThat(done.get("progress").get("partitions_completed").longValue()).isEqualTo(1);

        problem(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/" + jobId + "/restart", null), 409, "completed");
    }

    @Test
    void aFailedJobRestartsOnceAndShowsItsError() throws IOException {
        String jobId = trigger("JOBE", "1d");
        fireTrigger(jobId);
        // the job's exit message as the node's JobFailureCause leaves it: the failed series and why
        long execution = insertJobExecution(jobId, "FAILED", "JOBE", "1d", "JOBE@1d: Polygon answered 429 five times");
        insertPartition(execution, "JOBE@1d", "FAILED", 10, 5, "Polygon answered 429 five times");

        JsonNode failed = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("runs").intValue()).isEqualTo(1);
        // the job's error as the list, and mdw jobs, show it
        assertThat(failed.get("error_message").stringValue()).isEqualTo("JOBE@1d: Polygon answered 429 five times")
                .isEqualTo(listed(jobId).get("error_message").stringValue());
        assertThat(failed.get("partitions").get(0).get("error").stringValue()).isEqualTo("Polygon answered 429 five times");
        // its requests failed, but it waits for nothing: it is failed, not retrying
        providerRequest(execution, "JOBE", "1d", 429, "the provider at http://127.0.0.1:1 answered 429");
        assertThat(json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk())
                .get("partitions").get(0).has("retrying")).isFalse();

        JsonNode restarted = json(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/" + jobId + "/restart", null)
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("Location", "/api/v1/enrichment/jobs/" + jobId));
        assertThat(restarted.get("status").stringValue()).isEqualTo("queued");
        assertThat(restarted.get("error_message").stringValue()).as("the last run's").contains("429");
        JsonNode again = problem(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/" + jobId + "/restart", null), 409,
                "already queued or running");
        assertThat(again.get("job_id").stringValue()).isEqualTo(jobId);

        JsonNode list = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=500", null).expectStatus().isOk());
        List<JsonNode> listed = list.get("jobs").valueStream().filter(j -> jobId.equals(j.get("job_id").stringValue())).toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("status").stringValue()).isEqualTo("queued");

        // a node takes the restart: until it has created the new execution, the job is still waiting, not failed
        firedByANode(jobId, Instant.now());
        JsonNode taken = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(taken.get("status").stringValue()).isEqualTo("queued");
        assertThat(listed(jobId).get("status").stringValue()).isEqualTo("queued");

        // the restart resumes after the 5 bars written: the job's counts are both runs'
        long instance = jdbc.queryForObject("SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?",
                Long.class, execution);
        long rerun = insertJobExecution(instance, jobId, "COMPLETED", "JOBE", "1d", null);
        // its context carries the first run's counts forward, as Spring Batch carries a restarted step's context
        insertStepContext(insertPartition(rerun, "JOBE@1d", "COMPLETED", 20, 15, null),
                Map.of("load.stored", 20L, "load.rejected", 10L));
        JsonNode completed = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        // created when its first run was, whatever the runs after it
        assertThat(completed.get("created_at").stringValue()).isEqualTo(failed.get("created_at").stringValue());
        assertThat(completed.get("partitions").get(0).get("status").stringValue()).isEqualTo("completed");
        assertThat(completed.get("partitions").get(0).get("read").longValue()).isEqualTo(30);
        assertThat(completed.get("partitions").get(0).get("written").longValue()).isEqualTo(20);
        assertThat(completed.get("partitions").get(0).get("withdrawn").longValue()).as("none counted").isZero();
        assertThat(completed.get("progress").get("written").longValue()).isEqualTo(20);
        assertThat(completed.get("runs").intValue()).isEqualTo(2).isEqualTo(listed(jobId).get("runs").intValue());
    }

    /** With more series than its node has workers, a partition not begun yet is queued, not in progress. */
    @Test
    void aPartitionWaitingForAWorkerIsQueued() {
        String jobId = trigger("JOBWK", "1d,1h");
        fireTrigger(jobId);
        long execution = insertJobExecution(jobId, "STARTED", "JOBWK", "1d,1h", "");
        insertPartition(execution, "JOBWK@1d", "STARTED", 0, 0, "");
        insertPartition(execution, "JOBWK@1h", "STARTING", 0, 0, "");

        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(job.get("status").stringValue()).isEqualTo("in_progress");
        assertThat(job.get("partitions").valueStream().map(p -> p.get("timeframe").stringValue() + " "
                + p.get("status").stringValue() + " " + p.get("started_at").isNull()))
                .containsExactly("1d in_progress false", "1h queued true");
    }

    /** A failed job whose series another job now loads waits for that one: the 409 names it and says what to do. */
    @Test
    void aRestartOfSeriesAnotherJobLoadsIsRefusedWithThatJobsId() {
        String failedJob = trigger("JOBRS", "1d");
        fireTrigger(failedJob);
        insertPartition(insertJobExecution(failedJob, "FAILED", "JOBRS", "1d", "JOBRS@1d: boom"), "JOBRS@1d", "FAILED", 0,
                0, "boom");
        String laterJob = trigger("JOBRS", "1d");

        JsonNode refused = problem(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/" + failedJob + "/restart", null), 409,
                "Job " + laterJob + ", queued or running, already loads JOBRS 1d of this request, so nothing was queued;"
                        + " follow it at /api/v1/enrichment/jobs/" + laterJob + ", and restart job " + failedJob
                        + " once it has ended");
        assertThat(refused.get("job_id").stringValue()).isEqualTo(laterJob);
        assertThat(json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + failedJob, null).expectStatus().isOk())
                .get("status").stringValue()).isEqualTo("failed");
    }

    @Test
    void aJobItsProcessStoppedIsFailedWithWhyInOneWording() {
        // as a node leaves a run stopped by its shutdown: the job's exit message by JobFailureCause, the partition's
        // by Spring Batch
        long execution = insertJobExecution("stopped-run", "STOPPED", "JOBX", "1d", LoadFailure.STOPPED_BY_SHUTDOWN);
        insertPartition(execution, "JOBX@1d", "STOPPED", 10, 5,
                "org.springframework.batch.core.job.JobInterruptedException");

        JsonNode stopped = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/stopped-run", null).expectStatus().isOk());
        assertThat(stopped.get("status").stringValue()).isEqualTo("failed");
        assertThat(stopped.get("batch_status").stringValue()).isEqualTo("STOPPED");
        assertThat(stopped.get("error_message").stringValue()).startsWith("stopped before it finished, as its process")
                .isEqualTo(stopped.get("partitions").get(0).get("error").stringValue())
                .isEqualTo(listed("stopped-run").get("error_message").stringValue());
    }

    @Test
    void jobsTheSchedulerNeverSawCannotBeRestartedFromHere() {
        long execution = insertJobExecution("cli-run-1", "FAILED", "JOBF", "1d", "boom");
        insertPartition(execution, "JOBF@1d", "FAILED", 0, 0, "boom");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/cli-run-1/restart", null), 409, "mdw restart cli-run-1");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/jobs/no-such-job/restart", null), 404, "No load job no-such-job");
        problem(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/no-such-job", null), 404, "No load job no-such-job");
    }

    @Test
    void recentJobsListQueuedAndExecutedOnes() {
        String queued = trigger("JOBG", "1d");
        long execution = insertJobExecution("listed-run", "COMPLETED", "JOBH", "1d", "");
        insertPartition(execution, "JOBH@1d", "COMPLETED", 1, 1, "");

        JsonNode list = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=500", null).expectStatus().isOk());
        List<String> ids = list.get("jobs").valueStream().map(j -> j.get("job_id").stringValue()).toList();
        assertThat(ids).contains(queued, "listed-run").doesNotHaveDuplicates();
        assertThat(list.get("count").intValue()).isEqualTo(ids.size());
    }

    @Test
    void aJobRunTwiceIsOneJobOfTheListAndNotFailedOnceItsLastRunCompleted() {
        long failedBefore = failedJobsLast24h();
        long failedRun = insertJobExecution("twice-run", "FAILED", "JOBT", "1d", "boom");
        long instance = jdbc.queryForObject("SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?",
                Long.class, failedRun);
        insertJobExecution(instance, "twice-run", "COMPLETED", "JOBT", "1d", null);
        insertJobExecution("once-run", "COMPLETED", "JOBU", "1d", null);

        // each job once, at its latest run
        JsonNode list = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=500", null).expectStatus().isOk());
        assertThat(list.get("jobs").valueStream().filter(j -> List.of("once-run", "twice-run")
                        .contains(j.get("job_id").stringValue())))
                .extracting(j -> j.get("job_id").stringValue(), j -> j.get("status").stringValue())
                .containsExactly(Tuple.tuple("once-run", "completed"), Tuple.tuple("twice-run", "completed"));
        assertThat(failedJobsLast24h()).as("a job whose last run completed").isEqualTo(failedBefore);

        insertJobExecution("failed-run", "FAILED", "JOBV", "1d", "boom");
        assertThat(failedJobsLast24h()).isEqualTo(failedBefore + 1);
    }

    private long failedJobsLast24h() {
        return json(admin(HttpMethod.GET, "/api/v1/admin/scheduler-health", null).expectStatus().isOk())
                .get("failed_jobs_last24h").longValue();
    }

    @Test
    void aPausedJobIsStillQueuedInTheJobsAndInTheSchedulersPendingCount() {
        String jobId = trigger("JOBQ", "1d");
        long pending = pendingJobs();
        // an operator paused its trigger: it runs once resumed
        jdbc.update("UPDATE qrtz_triggers SET trigger_state = 'PAUSED' WHERE trigger_name = ?", jobId);

        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(job.get("status").stringValue()).isEqualTo("queued");
        assertThat(listed(jobId).get("status").stringValue()).isEqualTo("queued");
        assertThat(pendingJobs()).isEqualTo(pending);
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBQ&timeframes=1d&start=2024-05-01", null),
                409, jobId);

        // paused while blocked behind a running firing of its job: still waiting to run
        jdbc.update("UPDATE qrtz_triggers SET trigger_state = 'PAUSED_BLOCKED' WHERE trigger_name = ?", jobId);
        assertThat(listed(jobId).get("status").stringValue()).isEqualTo("queued");
        assertThat(pendingJobs()).isEqualTo(pending);
    }

    @Test
    void aFailedLoadQueuedAgainIsPendingInTheBackfillProgressNotFailed() {
        JsonNode before = backfillProgress();
        String jobId = trigger("JOBY", "1d");
        // its last run failed, and the queue holds it again
        insertJobExecution(jobId, "FAILED", "JOBY", "1d", "boom");

        JsonNode after = backfillProgress();
        assertThat(after.get("failed").longValue()).isEqualTo(before.get("failed").longValue());
        assertThat(after.get("pending").longValue()).isEqualTo(before.get("pending").longValue() + 1);
        assertThat(listed(jobId).get("status").stringValue()).isEqualTo("queued");
    }

    private JsonNode backfillProgress() {
        return json(request(HttpMethod.GET, "/api/v1/enrichment/metrics", null, null).expectStatus().isOk())
                .get("backfill_progress");
    }

    @Test
    void aLoadWhoseTriggerIsGoneBeforeItRanIsFailedAndARestartQueuesItAgain() {
        String jobId = trigger("JOBX", "1d");
        // Quartz gave up on its trigger, and an operator removed it: nothing will run the load
        jdbc.update("DELETE FROM qrtz_simple_triggers WHERE trigger_name = ?", jobId);
        jdbc.update("DELETE FROM qrtz_triggers WHERE trigger_name = ?", jobId);

        JsonNode job = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk());
        assertThat(job.get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("error_message").stringValue()).contains("nothing queues it any more");

        admin(HttpMethod.POST, "/api/v1/enrichment/jobs/" + jobId + "/restart", null).expectStatus().isAccepted();
        assertThat(json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + jobId, null).expectStatus().isOk())
                .get("status").stringValue()).isEqualTo("queued");
    }

    /**
     * A node without a Polygon key records the load as a run that failed to start, without partitions: the status of
     * its symbols says so, as it says a failed partition, until a load of them completes.
     */
    @Test
    void aLoadThatCouldNotStartIsItsSymbolsErrorUntilALoadOfThemCompletes() {
        String noKey = "could not start: POLYGON_API_KEY is not set on this node: export it before ./mdw node (or"
                + " ./mdw up) to load from Polygon";
        // a symbol never loaded
        String never = trigger("X:NOKEYUSD", "1h");
        fireTrigger(never);
        long failedStart = insertJobExecution(never, "FAILED", "X:NOKEYUSD", "1h", noKey);
        JsonNode couldNotStart = json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs/" + never, null).expectStatus().isOk());
        assertThat(couldNotStart.get("error_message").stringValue()).isEqualTo(noKey);
        // its one partition, never made, still counts as the load's (mdw jobs shows 0/1)
        assertThat(couldNotStart.get("progress").get("partitions").intValue()).isEqualTo(1);
        assertThat(couldNotStart.get("progress").get("partitions_completed").intValue()).isZero();
        assertThat(couldNotStart.get("partitions")).isEmpty();
        assertThat(statusAndError("X:NOKEYUSD")).containsExactly("error", noKey);
        // restarted on a node with the key, it completes: nothing to serve yet, and no error
        long instance = jdbc.queryForObject("SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?",
                Long.class, failedStart);
        insertPartition(insertJobExecution(instance, never, "COMPLETED", "X:NOKEYUSD", "1h", null), "X:NOKEYUSD@1h",
                "COMPLETED", 0, 0, null);
        assertThat(statusAndError("X:NOKEYUSD")).containsExactly("not_enriched", null);

        // a symbol loaded up to the last hour, then a load of it that could not start
        Instant lastHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        for (int hoursAgo = 0; hoursAgo < 5; hoursAgo++) {
            insertBar("X:RECENTUSD", "1h", lastHour.minus(hoursAgo, ChronoUnit.HOURS), "10", "11", "9", "10", "5", "1.00");
        }
        insertPartition(insertJobExecution("recent-loaded", "COMPLETED", "X:RECENTUSD", "1h", null), "X:RECENTUSD@1h",
                "COMPLETED", 5, 5, null);
        assertThat(statusAndError("X:RECENTUSD")).containsExactly("healthy", null);
        String failed = trigger("X:RECENTUSD", "1h");
        fireTrigger(failed);
        insertJobExecution(failed, "FAILED", "X:RECENTUSD", "1h", noKey);
        assertThat(statusAndError("X:RECENTUSD")).containsExactly("error", noKey);
        // a later load of it completes
        String later = trigger("X:RECENTUSD", "1h");
        fireTrigger(later);
        insertPartition(insertJobExecution(later, "COMPLETED", "X:RECENTUSD", "1h", null), "X:RECENTUSD@1h",
                "COMPLETED", 1, 0, null);
        assertThat(statusAndError("X:RECENTUSD")).containsExactly("healthy", null);
    }

    /** A restart runs only the partitions that did not complete: one that cannot start fails those symbols only. */
    @Test
    void aRestartThatCouldNotStartFailsOnlyTheSymbolsItsLoadHadNotCompleted() {
        insertSymbol("JOBDONE", "stock");
        insertSymbol("JOBREDO", "stock");
        long firstRun = insertJobExecution("partly-run", "FAILED", "JOBDONE,JOBREDO", "1d", "JOBREDO@1d: boom");
        insertPartition(firstRun, "JOBDONE@1d", "COMPLETED", 2, 2, null);
        insertPartition(firstRun, "JOBREDO@1d", "FAILED", 1, 0, "boom");
        long instance = jdbc.queryForObject("SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?",
                Long.class, firstRun);
        insertJobExecution(instance, "partly-run", "FAILED", "JOBDONE,JOBREDO", "1d", "could not start: no key");

        assertThat(statusAndError("JOBDONE")).containsExactly("not_enriched", null);
        assertThat(statusAndError("JOBREDO")).containsExactly("error", "could not start: no key");
    }

    @Test
    void theSchedulersPendingCountIsOfQueuedLoadsIncludingOnesRecoveredFromADeadNode() {
        String jobId = trigger("JOBW", "1d");
        long pending = pendingJobs();

        // a node died running it: its trigger is spent and Quartz queues a one-shot recovery trigger for the job
        firedByANode(jobId, Instant.now());
        recoveryTrigger(jobId, LoadTriggers.GROUP, "io.mdw.scheduling.LoadJob");
        assertThat(pendingJobs()).isEqualTo(pending);

        // the nightly job recovered the same way is no queued load
        recoveryTrigger("nightly", "mdw", "io.mdw.scheduling.NightlyLoadJob");
        assertThat(pendingJobs()).isEqualTo(pending);

        jdbc.update("DELETE FROM qrtz_triggers WHERE trigger_group = 'RECOVERING_JOBS'");
        assertThat(pendingJobs()).isEqualTo(pending - 1);
    }

    @Test
    void badTriggersSayWhatToFix() {
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AAPL&timeframes=2h&timeframes=3d", null), 400,
                "Invalid timeframes: ['2h', '3d']");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AAPL&asset_class=bond", null), 400,
                "Invalid asset_class 'bond'");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger", null), 400, "'symbol'");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AAPL&start=2024-02-01&end=2024-01-01", null),
                400, "'start' must be before 'end'");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=AAPL&start=yesterday", null), 400,
                "Invalid date 'yesterday'");
        problem(client.post().uri("/api/v1/enrichment/trigger").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"symbol\": ").exchange(), 400, "The request body is not valid JSON");
        problem(client.post().uri("/api/v1/enrichment/trigger").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("symbol=AAPL").exchange(), 415, "text/plain");
    }

    @Test
    void aTriggerTimeFinerThanAMicrosecondIsRefusedAndNothingIsTracked() {
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger", Map.of("symbol", "NANOJOB",
                        "start", "2024-05-01T00:00:00.0000001Z", "end", "2024-05-02")), 400,
                "Time '2024-05-01T00:00:00.0000001Z' for 'start' is finer than a microsecond: times are stored to the"
                        + " microsecond; send at most 6 fraction digits");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=NANOJOB&start=2024-05-01"
                + "&end=2024-05-01T23:59:59.9999996Z", null), 400, "for 'end' is finer than a microsecond");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol = 'NANOJOB'", Integer.class)).isZero();
    }

    @Test
    void aTriggerGivenTwoDifferentValuesOfAFieldIsRefused() {
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger",
                Map.of("symbol", "JOBS1", "symbols", List.of("JOBS2"))), 400, "either 'symbol' or 'symbols'");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=JOBS1",
                Map.of("symbols", List.of("JOBS2"))), 400, "'symbol' is given both in the query");
        problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?start=2024-01-01",
                Map.of("symbol", "JOBS1", "start", "2024-02-01")), 400, "'start' is given both in the query");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol LIKE 'JOBS_'", Integer.class)).isZero();
    }

    @Test
    void aSymbolThatIsNotATickerIsRefusedAndNotTracked() {
        for (String pathLike : List.of("A/..", "A/B", "AB/")) {
            problem(admin(HttpMethod.POST, "/api/v1/enrichment/trigger",
                    Map.of("symbols", List.of(pathLike), "timeframes", List.of("1d"))), 400,
                    "Invalid symbol '" + pathLike + "': expected a ticker such as AAPL");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM symbols WHERE symbol LIKE '%/%'", Integer.class)).isZero();
    }

    /** The job as the recent jobs list shows it. */
    private JsonNode listed(String jobId) {
        return json(admin(HttpMethod.GET, "/api/v1/enrichment/jobs?limit=500", null).expectStatus().isOk())
                .get("jobs").valueStream().filter(j -> jobId.equals(j.get("job_id").stringValue())).findFirst()
                .orElseThrow();
    }

    /** The symbol's enrichment status and its error message (null without one). */
    private List<String> statusAndError(String symbol) {
        JsonNode status = json(client.get().uri("/api/v1/enrichment/status/" + symbol).exchange().expectStatus().isOk());
        JsonNode error = status.get("error_message");
        return Arrays.asList(status.get("status").stringValue(), error.isNull() ? null : error.stringValue());
    }

    private long pendingJobs() {
        return json(admin(HttpMethod.GET, "/api/v1/admin/scheduler-health", null).expectStatus().isOk())
                .get("pending_jobs").longValue();
    }

    /** A request to the provider as the node records it, answered (error null) or failed. */
    private void providerRequest(long execution, String symbol, String timeframe, Integer httpStatus, String error) {
        jdbc.update("""
                INSERT INTO provider_requests (symbol, timeframe, source, http_status, records_fetched, response_time_ms,
                                               success, error, job_execution_id)
                VALUES (?, ?, 'polygon', ?, 0, 5, ?, ?, ?)
                """, symbol, timeframe, httpStatus, error == null, error, execution);
    }

    private String trigger(String symbol, String timeframe) {
        return json(admin(HttpMethod.POST, "/api/v1/enrichment/trigger?symbol=" + symbol + "&timeframes=" + timeframe
                + "&start=2024-05-01&end=2024-05-03", null).expectStatus().isAccepted()).get("job_id").stringValue();
    }

    /**
     * What a node's scheduler does when it fires the job: the one-shot trigger is spent, and the firing stays on
     * record until the run returns.
     */
    private void firedByANode(String jobId, Instant firedAt) {
        jdbc.update("""
                INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name,
                    fired_time, sched_time, priority, state, job_name, job_group, is_nonconcurrent, requests_recovery)
                SELECT sched_name, trigger_name || '-fired', trigger_name, trigger_group, 'node-1', ?, ?, priority,
                       'EXECUTING', job_name, job_group, true, true
                FROM qrtz_triggers WHERE trigger_name = ?
                """, firedAt.toEpochMilli(), firedAt.toEpochMilli(), jobId);
        jdbc.update("UPDATE qrtz_triggers SET trigger_state = 'COMPLETE' WHERE trigger_name = ?", jobId);
    }

    /** What Quartz queues for a job of a node that died running it: a one-shot trigger, in a group of its own. */
    private void recoveryTrigger(String jobName, String jobGroup, String jobClass) {
        jdbc.update("""
                INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,
                    is_nonconcurrent, is_update_data, requests_recovery)
                VALUES ('mdw', ?, ?, ?, true, true, false, true) ON CONFLICT DO NOTHING
                """, jobName, jobGroup, jobClass);
        jdbc.update("""
                INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, priority,
                    trigger_state, trigger_type, start_time)
                VALUES ('mdw', ?, 'RECOVERING_JOBS', ?, ?, 5, 'WAITING', 'SIMPLE', ?)
                """, "recover_node-1_" + jobName, jobName, jobGroup, System.currentTimeMillis());
    }

    /** What a node's scheduler does when it takes the job: the one-shot trigger leaves the waiting list. */
    private void fireTrigger(String jobId) {
        jdbc.update("DELETE FROM qrtz_simple_triggers WHERE trigger_name = ?", jobId);
        jdbc.update("DELETE FROM qrtz_triggers WHERE trigger_name = ?", jobId);
    }
}
