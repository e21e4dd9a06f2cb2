package io.mdw.scheduling;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot processes of the cluster in one JVM: batch nodes and submitters on one warehouse database.
 * They share one DataSource object: Quartz registers Spring's job store connections under the scheduler name,
 * which all members of a cluster have in common, so in one JVM they would otherwise use each other's pools.
 */
final class TestNodes implements AutoCloseable {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Process {
    }

    private final HikariDataSource dataSource;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    TestNodes(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    ConfigurableApplicationContext node(String instanceId, LoadJobRunner runner, String... arguments) {
        return start(runner, Stream.concat(Stream.of(
                "--mdw.scheduler.role=node",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId,
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000"),
                Stream.of(arguments)).toArray(String[]::new));
    }

    ConfigurableApplicationContext submitter(String... arguments) {
        return start(null, arguments);
    }

    private ConfigurableApplicationContext start(LoadJobRunner runner, String... arguments) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Process.class)
                .web(WebApplicationType.NONE)
                .initializers(starting -> {
                    starting.getBeanFactory().registerSingleton("dataSource", dataSource);
                    if (runner != null) {
                        starting.getBeanFactory().registerSingleton("loadJobRunner", runner);
                    }
                })
                // mdw.db.url as in production, though the registered DataSource is the one used
                .run(Stream.concat(Stream.of("--spring.main.banner-mode=off", "--mdw.db.url=" + dataSource.getJdbcUrl()),
                                Stream.of(arguments))
                        .toArray(String[]::new));
        started.add(context);
        return context;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
