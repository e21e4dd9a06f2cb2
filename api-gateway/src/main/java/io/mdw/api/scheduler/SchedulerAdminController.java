package io.mdw.api.scheduler;

import io.mdw.api.web.Params;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.api.enrichment.JobExecutionRepository;
import io.mdw.api.enrichment.JobExecutionRepository.Execution;
import io.mdw.api.scheduler.SchedulerRepository.Firing;
import io.mdw.api.scheduler.SchedulerRepository.Node;
import io.mdw.api.scheduler.SchedulerRepository.Trigger;
import io.mdw.scheduling.LoadRecords;
import io.mdw.scheduling.LoadRequestFields;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The clustered scheduler's health (QRTZ_* tables) and the load job's execution history (BATCH_* tables). */
@RestController
class SchedulerAdminController {

    private static final int MAX_EXECUTIONS = 500;

    private final SchedulerRepository scheduler;
    private final JobExecutionRepository jobs;
    private final LoadRecords loads;

    SchedulerAdminController(SchedulerRepository scheduler, JobExecutionRepository jobs, LoadRecords loads) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.loads = loads;
    }

    /**
     * @param status  healthy (every node that checked in is alive, no load failed in the last 24 h), degraded (some
     *                missed their check-in, or loads failed), down (no node alive: nothing will run)
     * @param reasons why it is not healthy, one line each
     */
    @NullMarked
    record SchedulerHealth(String status, List<String> reasons, Instant timestamp, long nodesAlive, List<Node> nodes,
                           List<Trigger> triggers, List<Firing> running, long pendingJobs, long failedJobsLast24h) {

        static SchedulerHealth of(Instant now, List<Node> nodes, List<Trigger> triggers, List<Firing> running,
                                  long pendingJobs, long failedJobsLast24h) {
            long alive = nodes.stream().filter(Node::alive).count();
            List<String> reasons = new ArrayList<>();
            if (alive < nodes.size()) {
                reasons.add((nodes.size() - alive) + " of " + nodes.size() + " batch nodes missed their check-in");
            }
            if (failedJobsLast24h > 0) {
                reasons.add(failedJobsLast24h + " loads failed in the last 24 h (GET /api/v1/enrichment/jobs lists them;"
                        + " POST /api/v1/enrichment/jobs/{job_id}/restart resumes one, ./mdw restart JOB_ID one run from"
                        + " the command line)");
            }
            String status = alive == 0 ? "down" : reasons.isEmpty() ? "healthy" : "degraded";
            return new SchedulerHealth(status, reasons, now, alive, nodes, triggers, running, pendingJobs,
                    failedJobsLast24h);
        }
    }

    @GetMapping("/api/v1/admin/scheduler-health")
    Mono<SchedulerHealth> health() {
        Instant now = Instant.now();
        Instant dayAgo = now.minus(Duration.ofDays(1));
        return Mono.zip(scheduler.nodes(now).collectList(), scheduler.triggers().collectList(),
                        scheduler.firing().collectList(), scheduler.queuedLoads(),
                        // failed as the jobs list shows them: a load recovered, restarted or queued again since is not
                        Mono.fromCallable(() -> loads.failedSince(dayAgo)).subscribeOn(Schedulers.boundedElastic()))
                .map(all -> SchedulerHealth.of(now, all.getT1(), all.getT2(), all.getT3(), all.getT4(), all.getT5()));
    }

    @NullMarked
    record ExecutionSummary(String jobId, long jobExecutionId, String status, @Nullable String batchStatus,
                            List<String> symbols, List<String> timeframes, @Nullable String start,
                            @Nullable String end, @Nullable String source, Instant createdAt,
                            @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Long durationSeconds,
                            @Nullable String exitMessage) {
    }

    @NullMarked
    record ExecutionHistory(int count, List<ExecutionSummary> executions, Instant timestamp) {
    }

    @GetMapping("/api/v1/admin/scheduler/execution-history")
    Mono<ExecutionHistory> history(@Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_EXECUTIONS))
                                   @RequestParam(defaultValue = "50") int limit) {
        Params.between("limit", limit, 1, MAX_EXECUTIONS);
        return jobs.recent(limit).map(SchedulerAdminController::summary).collectList()
                .map(list -> new ExecutionHistory(list.size(), list, Instant.now()));
    }

    static ExecutionSummary summary(Execution e) {
        Long duration = e.startedAt() == null ? null
                : Duration.between(e.startedAt(), e.endedAt() == null ? Instant.now() : e.endedAt()).toSeconds();
        return new ExecutionSummary(e.requestId(), e.jobExecutionId(), e.status().code(), e.batchStatus(),
                LoadRequestFields.decodeList(e.symbols()), LoadRequestFields.decodeList(e.timeframes()), e.from(),
                e.to(), e.source(), e.createdAt(), e.startedAt(), e.endedAt(), duration, e.exitMessage());
    }
}
