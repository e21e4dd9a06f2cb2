package io.mdw.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.mdw.market.Timeframe;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The loads as users see them, {@code mdw jobs} and the API alike: each load once, at its latest Spring Batch run
 * (BATCH_* tables), and queued while the cluster's queue holds it (QRTZ_* tables), a load run before too. Plain JDBC,
 * as the submissions are: the API calls it off its event loop.
 */
public final class LoadRecords {

    /** The latest run of each load, newest first, with the request it ran and how many runs it had. */
    private static final String LATEST_RUNS = """
            with runs as (
                select e.*, count(*) over (partition by e.job_instance_id) as runs,
                       min(e.create_time) over (partition by e.job_instance_id) as first_create_time,
                       row_number() over (partition by e.job_instance_id order by e.job_execution_id desc) as newest_first
                  from batch_job_execution e
                  join batch_job_instance i on i.job_instance_id = e.job_instance_id
                 where i.job_name = :jobName %s
            )
            select runs.job_instance_id, runs.job_execution_id, runs.status, runs.exit_message, runs.create_time,
                   runs.first_create_time,
                   runs.start_time, runs.end_time, runs.runs, request.*
              from runs
             %s
             where runs.newest_first = 1
             order by coalesce(runs.start_time, runs.create_time) desc
             limit :limit""";

    /** The loads of these requests only: found through their request id, before any other run is looked at. */
    private static final String OF_REQUESTS = """
            and e.job_instance_id in (
                select x.job_instance_id
                  from batch_job_execution_params p
                  join batch_job_execution x on x.job_execution_id = p.job_execution_id
                 where p.parameter_value in (:requestIds) and p.parameter_name = :requestIdField)""";

    private static final String NOT_QUEUED = "it never ran, and nothing queues it any more (its trigger was removed or"
            + " given up on); a restart queues it again";

    private final LoadSubmissionService submissions;
    private final Scheduler scheduler;
    private final JdbcClient jdbc;

    /** @param warehouse the DataSource of the scheduler's job store, which Spring Batch's tables share */
    public LoadRecords(LoadSubmissionService submissions, Scheduler scheduler, DataSource warehouse) {
        this.submissions = submissions;
        this.scheduler = scheduler;
        this.jdbc = JdbcClient.create(warehouse);
    }

    /** The {@code limit} loads queued or run last, by {@link LoadRecord#latest()}, newest first. */
    public List<LoadRecord> recent(int limit) {
        Map<String, Waiting> waiting = waiting();
        Map<String, Run> runs = new LinkedHashMap<>();
        latestRuns("", Map.of(), limit).forEach(run -> runs.put(run.requestId(), run));
        // a load queued again after an older run is listed by when it was queued
        List<String> queuedAfterOlderRuns = waiting.keySet().stream().filter(id -> !runs.containsKey(id)).toList();
        if (!queuedAfterOlderRuns.isEmpty()) {
            latestRuns(OF_REQUESTS, Map.of("requestIds", queuedAfterOlderRuns),
                    queuedAfterOlderRuns.size()).forEach(run -> runs.put(run.requestId(), run));
        }
        List<LoadRecord> loads = new ArrayList<>();
        runs.values().forEach(run -> loads.add(ofRun(run, waiting.get(run.requestId()))));
        waiting.entrySet().stream()
                .filter(queued -> !runs.containsKey(queued.getKey()))
                .sorted(Comparator.comparing((Map.Entry<String, Waiting> queued) -> queued.getValue().since()).reversed())
                .limit(limit)
                .forEach(queued -> submissions.find(queued.getKey())
                        .ifPresent(request -> loads.add(neverRun(request, queued.getValue()))));
        return loads.stream().sorted(Comparator.comparing(LoadRecord::latest).reversed()).limit(limit).toList();
    }

    /** The load with this request id, queued or run, or empty when the cluster and Spring Batch know none. */
    public Optional<LoadRecord> find(String requestId) {
        Waiting waiting = waiting().get(requestId);
        return latestRuns(OF_REQUESTS, Map.of("requestIds", List.of(requestId)), 1).stream()
                .findFirst()
                .map(run -> ofRun(run, waiting))
                .or(() -> submissions.find(requestId).map(request -> neverRun(request, waiting)));
    }

    /**
     * How many loads failed since then, as the list shows them: by their latest run, and not once queued again. Counted
     * over every load, not a page of the newest: a night's queue would push the failures out of any page.
     */
    public long failedSince(Instant since) {
        return statusesOfRunLoads("and latest.end_time > :since", Map.of("since",
                LocalDateTime.ofInstant(since, ZoneId.systemDefault()))).stream()
                .filter(status -> status == LoadStatus.FAILED).count();
    }

    /** How many of the loads that have run are in each status, as the list shows them (one queued again is queued). */
    public Map<LoadStatus, Long> countRunLoadsByStatus() {
        return statusesOfRunLoads("", Map.of()).stream()
                .collect(Collectors.groupingBy(status -> status, () -> new EnumMap<>(LoadStatus.class),
                        Collectors.counting()));
    }

    private List<LoadStatus> statusesOfRunLoads(String condition, Map<String, ?> parameters) {
        Map<String, Waiting> waiting = waiting();
        return jdbc.sql("""
                        select latest.status, latest.create_time, request.request_id
                          from (select distinct on (e.job_instance_id) e.job_execution_id, e.status, e.create_time,
                                       e.end_time
                                  from batch_job_execution e
                                  join batch_job_instance i on i.job_instance_id = e.job_instance_id
                                 where i.job_name = :jobName
                                 order by e.job_instance_id, e.job_execution_id desc) latest
                         %s
                         where true %s
                        """.formatted(LoadRequestFields.requestOfRun("latest"), condition))
                .param("jobName", LoadJobRunner.BATCH_JOB)
                .params(parameters)
                .query((rs, row) -> statusOf(rs.getString("status"), batchInstant(rs, "create_time"),
                        waiting.get(rs.getString("request_id"))))
                .list();
    }

    /** A run load's status: its latest run's, unless the queue holds the load again for a run not created yet. */
    private static LoadStatus statusOf(String batchStatus, Instant runCreated, Waiting waiting) {
        LoadStatus ran = LoadStatus.ofBatchStatus(batchStatus);
        return ran != LoadStatus.IN_PROGRESS && waiting != null && waiting.after(runCreated) ? LoadStatus.QUEUED : ran;
    }

    /**
     * The state of a run load: its latest run's, unless the queue holds the load again for a run not created yet (a
     * restart). The error of that run stays, as the reason it was queued again.
     */
    private static LoadRecord ofRun(Run run, Waiting waiting) {
        LoadStatus ran = LoadStatus.ofBatchStatus(run.batchStatus());
        LoadStatus status = statusOf(run.batchStatus(), run.createdAt(), waiting);
        boolean queued = status == LoadStatus.QUEUED;
        return new LoadRecord(run.requestId(), status,
                LoadRequestFields.decodeList(run.symbols()), LoadRequestFields.decodeList(run.timeframes()),
                run.from(), run.to(), run.source(), run.firstCreatedAt(), run.startedAt(), run.endedAt(),
                queued ? waiting.since() : null, ran == LoadStatus.FAILED ? LoadFailure.summary(run.exitMessage()) : null,
                run.jobInstanceId(), run.jobExecutionId(), run.batchStatus(), run.runs());
    }

    /**
     * A load no node has run yet: queued (a firing that has not created its run yet, too), or, once nothing queues it
     * any more (its trigger removed, or given up on by Quartz), failed, so that a restart can queue it again.
     */
    private static LoadRecord neverRun(LoadRequest request, Waiting waiting) {
        Instant queuedAt = waiting == null ? null : waiting.since();
        return new LoadRecord(request.requestId(), waiting == null ? LoadStatus.FAILED : LoadStatus.QUEUED,
                request.symbols(), request.timeframes().stream().map(Timeframe::code).toList(),
                request.from().toString(), request.to().toString(), request.source(), queuedAt, null, null, queuedAt,
                waiting == null ? NOT_QUEUED : null, null, null, null, 0);
    }

    private List<Run> latestRuns(String condition, Map<String, ?> parameters, int limit) {
        return jdbc.sql(LATEST_RUNS.formatted(condition, LoadRequestFields.requestOfRun("runs")))
                .param("jobName", LoadJobRunner.BATCH_JOB)
                .param("requestIdField", LoadRequestFields.REQUEST_ID)
                .param("limit", limit)
                .params(parameters)
                .query((rs, row) -> new Run(rs.getLong("job_instance_id"), rs.getLong("job_execution_id"),
                        rs.getString("request_id"), rs.getString("status"), rs.getString("exit_message"),
                        batchInstant(rs, "create_time"), batchInstant(rs, "first_create_time"),
                        batchInstant(rs, "start_time"), batchInstant(rs, "end_time"),
                        rs.getInt("runs"), rs.getString("symbols"), rs.getString("timeframes"),
                        rs.getString("from_time"), rs.getString("to_time"), rs.getString("source")))
                .list();
    }

    private record Run(long jobInstanceId, long jobExecutionId, String requestId, String batchStatus,
            String exitMessage, Instant createdAt, Instant firstCreatedAt, Instant startedAt, Instant endedAt, int runs,
            String symbols, String timeframes, String from, String to, String source) {
    }

    /**
     * The loads the queue holds, by request id: a trigger waiting to fire ({@link LoadTriggers#QUEUED_STATES}), or a
     * firing, which Quartz keeps on record until the run returns.
     */
    private Map<String, Waiting> waiting() {
        Map<String, Waiting> waiting = new HashMap<>();
        jdbc.sql("""
                        select job_name, max(queued_at) as queued_at, max(fired_at) as fired_at from (
                            select job_name, start_time as queued_at, cast(null as bigint) as fired_at
                              from qrtz_triggers
                             where sched_name = :scheduler and job_group = :group
                               and trigger_state in (:queuedStates)
                            union all
                            select job_name, null, fired_time from qrtz_fired_triggers
                             where sched_name = :scheduler and job_group = :group
                        ) queue
                        group by job_name
                        """)
                .param("scheduler", schedulerName())
                .param("group", LoadTriggers.GROUP)
                .param("queuedStates", LoadTriggers.QUEUED_STATES)
                .query(rs -> {
                    waiting.put(rs.getString("job_name"),
                            new Waiting(epochMillis(rs, "queued_at"), epochMillis(rs, "fired_at")));
                });
        return waiting;
    }

    /**
     * A load in the queue.
     *
     * @param queuedAt  when its waiting trigger was queued (a one-shot trigger starts when it is scheduled), or null
     *                  when none waits
     * @param lastFired when a node last fired it, or null
     */
    private record Waiting(Instant queuedAt, Instant lastFired) {

        /** Still waiting for a run after this one: queued, or fired after it, for a run not created yet. */
        boolean after(Instant runCreated) {
            return queuedAt != null || lastFired.isAfter(runCreated);
        }

        Instant since() {
            return queuedAt != null ? queuedAt : lastFired;
        }
    }

    private String schedulerName() {
        try {
            return scheduler.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the cluster's scheduler store failed", e);
        }
    }

    /** Spring Batch stores times without zone, in the local time of its process: every process runs in one zone. */
    private static Instant batchInstant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Quartz stores epoch milliseconds. */
    private static Instant epochMillis(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
