package io.mdw.api.database;

import java.util.List;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.extension.Extension;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;

/** How the API's R2DBC connections are set up, beyond the spring.r2dbc properties. */
@Configuration(proxyBeanMethods = false)
class DatabaseConnections {

    /**
     * R2DBC runs on the HTTP server's event loops instead of a second set of its own (on a small machine: fewer
     * threads, fewer hand-overs for every answer that streams rows), and decodes the two types of every bar faster
     * than the driver's own codecs: NUMERICs as text when asked for a String ({@link DecimalText}), timestamps as
     * Instants ({@link UtcInstant}).
     */
    @Bean
    ConnectionFactoryOptionsBuilderCustomizer apiConnectionOptions() {
        CodecRegistrar barCodecs = (connection, allocator, codecs) -> Mono.fromRunnable(() -> {
            codecs.addFirst(new DecimalText());
            codecs.addFirst(new UtcInstant());
        });
        return options -> options
                .option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES, HttpResources.get())
                .option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.<Extension>of(barCodecs));
    }
}
