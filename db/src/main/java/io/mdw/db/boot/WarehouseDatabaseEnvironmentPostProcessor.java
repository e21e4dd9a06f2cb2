package io.mdw.db.boot;

import java.util.Map;

import io.mdw.db.DatabaseSettingException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Gives every Spring Boot app of ours its warehouse database the same way: {@code mdw.db.url/user/password}
 * (MDW_DB_URL, MDW_DB_USER, MDW_DB_PASSWORD) become {@code spring.datasource.*} and, for R2DBC apps, {@code spring.r2dbc.*};
 * without {@code mdw.db.url}, an embedded PostgreSQL under {@code mdw.home} (MDW_HOME, default ./var) is started,
 * and stopped once the application has closed.
 */
public class WarehouseDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        // after application.properties and friends are loaded, so that mdw.db.* set there is seen
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Settings already known to be wrong fail the start before anything starts, but once logging is set up: thrown
        // here, Boot's report went to the terminal whatever the app's logging says (a command line's goes to its log).
        try {
            WarehouseSettings.configured(environment);
            WarehouseSettings.embeddedPort(environment);
        } catch (DatabaseSettingException wrong) {
            application.addListeners(failOnceLoggingIsSetUp(wrong));
            return;
        }

        boolean r2dbc = ClassUtils.isPresent("io.r2dbc.spi.ConnectionFactory", application.getClassLoader());
        WarehouseDatabasePropertySource database = new WarehouseDatabasePropertySource(environment, r2dbc);
        environment.getPropertySources().addFirst(database);
        environment.getPropertySources().addLast(
                new MapPropertySource("mdwDatabaseDefaults", Map.of("spring.flyway.locations", "classpath:db/migration")));
        application.addListeners(stopEmbeddedWarehouseWhenDone(database));
    }

    private static ApplicationListener<ApplicationEvent> failOnceLoggingIsSetUp(DatabaseSettingException wrong) {
        return event -> {
            if (event instanceof ApplicationContextInitializedEvent) {
                throw wrong;
            }
        };
    }

    private static ApplicationListener<ApplicationEvent> stopEmbeddedWarehouseWhenDone(WarehouseDatabasePropertySource database) {
        return event -> {
            if (event instanceof ApplicationPreparedEvent prepared
                    && prepared.getApplicationContext().getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
                // Registered before any bean, so destroyed after all of them: the database stops once the application
                // has stopped using it (Quartz shut down, running loads ended, pools closed). ContextClosedEvent comes
                // before any of that, and running loads lost their database and hung the shutdown.
                beans.registerDisposableBean(WarehouseDatabasePropertySource.NAME, database::close);
            } else if (event instanceof ApplicationFailedEvent) {
                database.close();
            }
        };
    }
}
