package io.mdw.scheduling;

import javax.sql.DataSource;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;

/**
 * Clustered Quartz on the warehouse database, for every Spring Boot process that has this module: the batch node
 * ({@code mdw.scheduler.role=node}) runs the scheduler; the API and the CLI (the default role, {@code submitter})
 * only write jobs to the store. The Quartz settings are Boot's {@code spring.quartz.*} properties, defaulted in
 * quartz-defaults.properties, which runs before Boot's Quartz auto-configuration so that its conditions see them.
 */
@AutoConfiguration(before = QuartzAutoConfiguration.class)
@PropertySource("classpath:io/mdw/scheduling/quartz-defaults.properties")
@EnableConfigurationProperties({SchedulingAutoConfiguration.SchedulerProperties.class, NightlyLoadProperties.class,
        CalendarSettings.class})
public class SchedulingAutoConfiguration {

    /**
     * Checked when bound, before Quartz reads the numbers (spring.quartz.properties.* refer to them), so that a bad
     * value fails start-up naming its variable rather than deep inside Quartz.
     *
     * @param role               whether this process executes jobs ({@code node}) or only submits them ({@code submitter})
     * @param clusterCheckinMs   MDW_CLUSTER_CHECKIN_MS
     * @param misfireThresholdMs MDW_MISFIRE_THRESHOLD_MS
     * @param idleWaitMs         MDW_SCHEDULER_IDLE_WAIT_MS (Quartz refuses less than a second)
     * @param threads            MDW_SCHEDULER_THREADS
     */
    @Validated
    @ConfigurationProperties("mdw.scheduler")
    record SchedulerProperties(@NotNull SchedulerRole role, @Min(1) long clusterCheckinMs, @Min(1) long misfireThresholdMs,
                               @Min(1000) long idleWaitMs, @Min(1) int threads) {
    }

    @Bean
    SchedulerFactoryBeanCustomizer mdwSchedulerRoleCustomizer(SchedulerProperties properties,
                                                             ApplicationContext context) {
        boolean node = properties.role() == SchedulerRole.NODE;
        if (node && context.getBeanNamesForType(LoadJobRunner.class).length == 0) {
            throw new IllegalStateException("mdw.scheduler.role=node needs a LoadJobRunner bean to execute load jobs");
        }
        // a submitter's scheduler is never started: it neither fires triggers nor joins the cluster's check-ins
        return factory -> factory.setAutoStartup(node);
    }

    @Bean
    LoadSubmissionService loadSubmissionService(Scheduler scheduler, DataSource dataSource) {
        return new LoadSubmissionService(scheduler, dataSource);
    }

    @Bean
    LoadRecords loadRecords(LoadSubmissionService submissions, Scheduler scheduler, DataSource dataSource) {
        return new LoadRecords(submissions, scheduler, dataSource);
    }

    @Bean
    @ConditionalOnProperty(name = "mdw.scheduler.role", havingValue = "node")
    NightlyLoadSchedule nightlyLoadSchedule(Scheduler scheduler, DataSource dataSource,
                                            NightlyLoadProperties properties) {
        return new NightlyLoadSchedule(scheduler, dataSource, properties);
    }

    @Bean
    ActiveSeries nightlyActiveSeries(DataSource dataSource, NightlyWindows windows) {
        return new ActiveSeries(JdbcClient.create(dataSource), windows.reloadedBars());
    }

    @Bean
    NightlyWindows nightlyWindows(NightlyLoadProperties properties) {
        return new NightlyWindows(properties.overlapBars(), properties.defaultLookback());
    }
}
