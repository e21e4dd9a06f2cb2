package io.mdw.api.database;

import java.util.List;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.extension.Extension;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** How the API's R2DBC connections are set up, beyond the spring.r2dbc properties. */
@Configuration(proxyBeanMethods = false)
class DatabaseConnections {

    /**
     * R2DBC reads NUMERICs as their exact decimal text when asked for a String ({@link DecimalText}), and row values
     * as a {@link RowValue} ({@link RowValueCodec}).
     */
    @Bean
    ConnectionFactoryOptionsBuilderCustomizer apiConnectionOptions() {
        CodecRegistrar apiCodecs = (connection, allocator, codecs) -> Mono.fromRunnable(
                () -> {
                    codecs.addFirst(new DecimalText());
                    codecs.addFirst(new RowValueCodec());
                });
        return options -> options.option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.<Extension>of(apiCodecs));
    }
}
