package io.mdw.api.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.mdw.api.web.Rows;
import io.mdw.scheduling.LoadTriggers;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The clustered scheduler as its QRTZ_* tables show it: nodes, triggers and what is firing now. Its times are read with
 * {@link Rows#epochMillis}, null when not after the epoch even from a NOT NULL column.
 */
@Repository
public class SchedulerRepository {

    /** Quartz declares a node failed after its check-in interval plus this grace; the health report does the same. */
    private static final Duration GRACE = Duration.ofMillis(7_500);

    private final DatabaseClient db;

    SchedulerRepository(DatabaseClient db) {
        this.db = db;
    }

    @NullMarked
    public record Node(String schedulerName, String instanceName, @Nullable Instant lastCheckin,
                       long checkinIntervalMs, boolean alive) {
    }

    @NullMarked
    public record Trigger(String name, String group, String jobName, String type, String state,
                          @Nullable Instant nextFireTime, @Nullable Instant previousFireTime,
                          @Nullable String cronExpression, @Nullable String timeZone) {
    }

    @NullMarked
    public record Firing(String instanceName, String triggerName, @Nullable String jobName, String state,
                         @Nullable Instant firedAt) {
    }

    public Flux<Node> nodes(Instant now) {
        return db.sql("SELECT sched_name, instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state ORDER BY instance_name")
                .map(row -> {
                    Instant checkin = Rows.epochMillis(row, "last_checkin_time");
                    long interval = Rows.count(row, "checkin_interval");
                    boolean alive = checkin != null
                            && checkin.plusMillis(interval).plus(GRACE).isAfter(now);
                    return new Node(row.get("sched_name", String.class), row.get("instance_name", String.class),
                            checkin, interval, alive);
                })
                .all();
    }

    public Mono<Boolean> anyNodeAlive(Instant now) {
        return nodes(now).any(Node::alive);
    }

    public Flux<Trigger> triggers() {
        return db.sql("""
                        SELECT t.trigger_name, t.trigger_group, t.job_name, t.trigger_type, t.trigger_state,
                               t.next_fire_time, t.prev_fire_time, c.cron_expression, c.time_zone_id
                        FROM qrtz_triggers t
                        LEFT JOIN qrtz_cron_triggers c ON c.sched_name = t.sched_name
                             AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
                        ORDER BY t.next_fire_time NULLS LAST
                        """)
                .map(row -> new Trigger(row.get("trigger_name", String.class), row.get("trigger_group", String.class),
                        row.get("job_name", String.class), row.get("trigger_type", String.class),
                        row.get("trigger_state", String.class), Rows.epochMillis(row, "next_fire_time"),
                        Rows.epochMillis(row, "prev_fire_time"), row.get("cron_expression", String.class),
                        row.get("time_zone_id", String.class)))
                .all();
    }

    public Flux<Firing> firing() {
        return db.sql("SELECT instance_name, trigger_name, job_name, state, fired_time FROM qrtz_fired_triggers ORDER BY fired_time")
                .map(row -> new Firing(row.get("instance_name", String.class), row.get("trigger_name", String.class),
                        row.get("job_name", String.class), row.get("state", String.class),
                        Rows.epochMillis(row, "fired_time")))
                .all();
    }

    /** When a recurring (cron) trigger fires next: the next nightly run. */
    public Mono<Instant> nextRecurringFire() {
        return db.sql("""
                        SELECT min(next_fire_time) AS next_fire FROM qrtz_triggers
                        WHERE trigger_type = 'CRON' AND trigger_state IN ('WAITING', 'ACQUIRED')
                        """)
                .map(row -> Optional.ofNullable(Rows.epochMillis(row, "next_fire")))
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Loads queued: submitted and not yet fired, or taken over from a dead node. By the job's group, as every reader of
     * the queue: a recovery trigger keeps its job's group but not its trigger's, and the nightly job gets one-shot
     * recovery triggers too.
     */
    public Mono<Long> queuedLoads() {
        return db.sql("""
                        SELECT count(DISTINCT job_name) AS pending FROM qrtz_triggers
                        WHERE job_group = :group AND trigger_state IN (:queuedStates)
                        """)
                .bind("group", LoadTriggers.GROUP)
                .bind("queuedStates", LoadTriggers.QUEUED_STATES)
                .map(row -> Rows.count(row, "pending"))
                .one();
    }
}
