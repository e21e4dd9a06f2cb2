package io.mdw.batch.cli;

import io.mdw.batch.load.LoadJobHistory;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.scheduling.SchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The application of the commands that run no load (jobs, symbols, submit): the warehouse's tables (migrated as
 * always), Spring Batch's records of the loads and the cluster's scheduler store, and nothing else. The batch
 * application (BatchNodeApplication) also builds the load job, the provider's client, metrics and Actuator: starting
 * all that made {@code ./mdw jobs} use about half as much CPU time again (measured on two busy cores: 12.3 s against
 * 8.6 s).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
        BatchJdbcAutoConfiguration.class, QuartzAutoConfiguration.class, SchedulingAutoConfiguration.class })
@Import({ SymbolRepository.class, LoadJobHistory.class })
class RecordsApplication {
}
