package io.mdw.scheduling;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;

import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedules load requests into the cluster as one-shot Quartz jobs (job id = request id), refusing a second
 * job for a (symbol, timeframe) series that is already queued or running.
 *
 * <p>Every scheduler call runs in a Spring transaction: Spring's Quartz job store only commits inside one, and it
 * lets a PostgreSQL advisory lock cover the duplicate check and the insert together across all processes.
 */
public final class LoadSubmissionService {

    /** Advisory lock key shared by every process that submits (an arbitrary constant: "mdw-load" in ASCII). */
    private static final long SUBMISSION_LOCK = 0x6d64772d6c6f6164L;

    private static final Logger log = LoggerFactory.getLogger(LoadSubmissionService.class);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    /** @param warehouse the DataSource of the scheduler's job store */
    public LoadSubmissionService(Scheduler scheduler, DataSource warehouse) {
        this.scheduler = scheduler;
        this.jdbc = JdbcClient.create(warehouse);
        // our own transaction manager: an R2DBC app (the API) may have no JDBC one, and Spring's job store only
        // needs a transaction bound to its DataSource
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(warehouse));
    }

    /** Schedules the request to run now on some node, unless it or an overlapping request is queued or running. */
    public Submission submit(LoadRequest request) {
        return submit(request, false, null);
    }

    /**
     * Like {@link #submit(LoadRequest)}, and tracks the request's symbols ({@link SymbolTracking}) in the same
     * transaction, only when the request is scheduled: a refused duplicate changes nothing.
     *
     * @param assetClass the class of the symbols, or null to keep a tracked symbol's (a new one's from its ticker); one
     *                   that contradicts a stored symbol's is refused ({@link SymbolTracking.AssetClassConflict})
     */
    public Submission submitTracking(LoadRequest request, AssetClass assetClass) {
        return submit(request, true, assetClass);
    }

    private Submission submit(LoadRequest request, boolean track, AssetClass assetClass) {
        return inTransaction(() -> {
            lockSubmissions();
            JobKey key = jobKey(request.requestId());
            if (scheduler.checkExists(key)) {
                return new Submission(request.requestId(), true);
            }
            Optional<String> conflicting = activeRequestOverlapping(request);
            if (conflicting.isPresent()) {
                return new Submission(conflicting.get(), true);
            }
            if (track) {
                SymbolTracking.requireStoredClass(jdbc, request.symbols(), assetClass);
                request.symbols().forEach(symbol ->
                        SymbolTracking.register(jdbc, symbol, assetClass, request.timeframes(), null));
            }
            scheduler.scheduleJob(jobDetail(request), oneShotTrigger(key));
            log.info("Submitted load job {}", request.requestId());
            return new Submission(request.requestId(), false);
        });
    }

    /** Runs a stored request again (e.g. after it failed), unless it or an overlapping request is active. */
    public Submission resubmit(String jobId) {
        return inTransaction(() -> {
            lockSubmissions();
            LoadRequest request = stored(jobKey(jobId))
                    .orElseThrow(() -> new NoSuchElementException("no load job " + jobId));
            Optional<String> conflicting = activeRequestOverlapping(request);
            if (conflicting.isPresent()) {
                return new Submission(conflicting.get(), true);
            }
            Trigger trigger = oneShotTrigger(jobKey(jobId));
            // the previous run's trigger may linger as COMPLETE or ERROR
            scheduler.unscheduleJob(trigger.getKey());
            scheduler.scheduleJob(trigger);
            log.info("Resubmitted load job {}", jobId);
            return new Submission(jobId, false);
        });
    }

    /**
     * Queues a request again that is still executing but stopped by its node's shutdown, without the overlap check: it
     * is the active request for its series until it returns. Its trigger fires once the run has ended, on another node
     * or on this one when it is back.
     */
    void requeue(String jobId) {
        inTransaction(() -> {
            lockSubmissions();
            Trigger trigger = oneShotTrigger(jobKey(jobId));
            // the trigger that fired the run has the same key; Quartz keeps a replacement with a next fire time
            scheduler.unscheduleJob(trigger.getKey());
            scheduler.scheduleJob(trigger);
            return null;
        });
    }

    public Optional<LoadRequest> find(String jobId) {
        return inTransaction(() -> stored(jobKey(jobId)));
    }

    private void lockSubmissions() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(SUBMISSION_LOCK).query().listOfRows();
    }

    private Optional<String> activeRequestOverlapping(LoadRequest request) throws SchedulerException {
        for (String activeId : activeQuartzRequestIds()) {
            Optional<LoadRequest> active = stored(jobKey(activeId));
            if (active.isPresent() && active.get().overlaps(request)) {
                return Optional.of(activeId);
            }
        }
        return runningBatchLoads().stream()
                .filter(running -> request.loadsAnyOf(running.symbols(), running.timeframes()))
                .map(RunningLoad::requestId)
                .findFirst();
    }

    /**
     * Requests queued or executing on a node (fired triggers; recovery triggers of a dead node's jobs keep the job's
     * group).
     */
    private List<String> activeQuartzRequestIds() throws SchedulerException {
        return jdbc.sql("""
                        select job_name from qrtz_triggers
                         where sched_name = :scheduler and job_group = :group
                           and trigger_state in (:queuedStates)
                        union
                        select job_name from qrtz_fired_triggers
                         where sched_name = :scheduler and job_group = :group
                        """)
                .param("scheduler", scheduler.getSchedulerName())
                .param("group", LoadTriggers.GROUP)
                .param("queuedStates", LoadTriggers.QUEUED_STATES)
                .query(String.class)
                .list();
    }

    /**
     * Loads whose Spring Batch execution is starting or started, whether the cluster runs them or a foreground
     * command ({@code mdw backfill}) does: read from the job's own parameters.
     */
    private List<RunningLoad> runningBatchLoads() {
        return jdbc.sql("""
                        select request.request_id, request.symbols, request.timeframes
                          from batch_job_execution e
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                          %s
                         where i.job_name = :jobName and e.status in ('STARTING', 'STARTED')
                        """.formatted(LoadRequestFields.requestOfRun("e")))
                .param("jobName", LoadJobRunner.BATCH_JOB)
                .query((rs, row) -> new RunningLoad(rs.getString("request_id"),
                        LoadRequestFields.decodeList(rs.getString("symbols")),
                        LoadRequestFields.decodeTimeframes(rs.getString("timeframes"))))
                .list();
    }

    private record RunningLoad(String requestId, List<String> symbols, List<Timeframe> timeframes) {
    }

    private Optional<LoadRequest> stored(JobKey key) throws SchedulerException {
        JobDetail detail = scheduler.getJobDetail(key);
        return detail == null ? Optional.empty() : Optional.of(LoadRequestJobData.fromJobData(detail.getJobDataMap()));
    }

    static JobKey jobKey(String jobId) {
        return JobKey.jobKey(jobId, LoadTriggers.GROUP);
    }

    private static JobDetail jobDetail(LoadRequest request) {
        return JobBuilder.newJob(LoadJob.class)
                .withIdentity(jobKey(request.requestId()))
                .usingJobData(LoadRequestJobData.toJobData(request))
                // durable: the request stays findable and resubmittable after its trigger is gone
                .storeDurably()
                // a node that dies mid-job leaves it to be re-run by another, with isRecovering() == true
                .requestRecovery()
                .build();
    }

    private static Trigger oneShotTrigger(JobKey job) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(job.getName(), LoadTriggers.GROUP))
                .forJob(job)
                .startAt(new Date())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    private <T> T inTransaction(SchedulerWork<T> work) {
        return transaction.execute(status -> {
            try {
                return work.run();
            } catch (SchedulerException e) {
                throw new IllegalStateException("the cluster's scheduler store failed", e);
            }
        });
    }

    @FunctionalInterface
    private interface SchedulerWork<T> {
        T run() throws SchedulerException;
    }
}
