package io.mdw.scheduling;

import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the nightly cron trigger when a node starts, once for the whole cluster. An existing trigger with the
 * same schedule is kept as it is, so that a night missed while the whole cluster was down still fires once
 * (misfire) when a node is back; a changed schedule replaces it, for the whole cluster, with a warning.
 */
final class NightlyLoadSchedule implements SmartInitializingSingleton {

    static final JobKey JOB = JobKey.jobKey("nightly", "mdw");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("nightly", "mdw");

    /** Advisory lock key serializing the registration of nodes that start together ("mdw-cron" in ASCII). */
    private static final long REGISTRATION_LOCK = 0x6d64772d63726f6eL;

    private static final Logger log = LoggerFactory.getLogger(NightlyLoadSchedule.class);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final NightlyLoadProperties properties;

    NightlyLoadSchedule(Scheduler scheduler, DataSource warehouse, NightlyLoadProperties properties) {
        this.scheduler = scheduler;
        this.jdbc = JdbcClient.create(warehouse);
        // Spring's job store only writes inside a transaction bound to its DataSource
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(warehouse));
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(REGISTRATION_LOCK).query().listOfRows();
            try {
                register();
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not register the nightly load trigger", e);
            }
        });
    }

    private void register() throws SchedulerException {
        Trigger existing = scheduler.getTrigger(TRIGGER);
        if (existing instanceof CronTrigger cron && sameSchedule(cron)) {
            return;
        }
        scheduler.addJob(job(), true);
        Trigger trigger = trigger(properties.cron(), TimeZone.getTimeZone(properties.zone()), new Date());
        if (existing == null) {
            scheduler.scheduleJob(trigger);
        } else {
            scheduler.rescheduleJob(TRIGGER, trigger);
        }
        if (existing instanceof CronTrigger replaced) {
            log.warn("This node replaced the cluster's nightly schedule '{}' in {} with its own '{}' in {}"
                            + " (MDW_SCHEDULE_CRON, MDW_SCHEDULE_ZONE): the cluster has one schedule, the one of the"
                            + " node started last",
                    replaced.getCronExpression(), replaced.getTimeZone().getID(), properties.cron(), properties.zone());
        } else {
            log.info("Nightly load scheduled at '{}' in {}", properties.cron(), properties.zone());
        }
    }

    private boolean sameSchedule(CronTrigger trigger) {
        return Objects.equals(trigger.getCronExpression(), properties.cron())
                && trigger.getTimeZone().toZoneId().equals(properties.zone());
    }

    static JobDetail job() {
        return JobBuilder.newJob(NightlyLoadJob.class)
                .withIdentity(JOB)
                .storeDurably()
                // its submissions are idempotent (request ids name the fire, which a recovered run keeps), so
                // re-running it after a crash is safe
                .requestRecovery()
                .build();
    }

    /** @param startAt the first fire is the first cron time after this instant */
    static Trigger trigger(String cron, TimeZone zone, Date startAt) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TRIGGER)
                .forJob(JOB)
                .startAt(startAt)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(zone)
                        // a night missed while the cluster was down runs once when a node is back
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
