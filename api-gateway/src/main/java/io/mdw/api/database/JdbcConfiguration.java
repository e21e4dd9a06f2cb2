package io.mdw.api.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A small JDBC pool beside R2DBC, for what only speaks JDBC: Flyway at start-up, Quartz's job store when submitting
 * loads, and the loads' status (LoadRecords), which the job list, views and scheduler health read. Boot does not create it when R2DBC is present, so it is declared here from the same
 * spring.datasource.* settings the db module derives from MDW_DB_URL.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

    @Bean
    DataSource dataSource(Environment environment) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("mdw-api-jdbc");
        dataSource.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
        dataSource.setUsername(environment.getProperty("spring.datasource.username"));
        dataSource.setPassword(environment.getProperty("spring.datasource.password"));
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
