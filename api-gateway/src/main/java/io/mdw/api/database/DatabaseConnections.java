package io.mdw.api.database;

import java.util.List;

import io.mdw.api.keys.ApiProperties;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.extension.Extension;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * How the API's R2DBC connections are set up, beyond the spring.r2dbc properties. The pool is built after
 * {@link ApiProperties} is bound and checked (its customizer here needs them), so that a bad MDW_API_DB_POOL_SIZE is
 * named rather than refused by r2dbc-pool ("Maximal pool size must be greater zero").
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConnections {

    /**
     * R2DBC reads NUMERICs as their exact decimal text when asked for a String ({@link DecimalText}), and row values
     * as a {@link RowValue} ({@link RowValueCodec}); each connection's statements run at most MDW_API_DB_STATEMENT_TIMEOUT.
     */
    @Bean
    ConnectionFactoryOptionsBuilderCustomizer apiConnectionOptions(ApiProperties settings) {
        CodecRegistrar apiCodecs = (connection, allocator, codecs) -> Mono.fromRunnable(
                () -> {
                    codecs.addFirst(new DecimalText());
                    codecs.addFirst(new RowValueCodec());
                });
        return options -> options.option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.<Extension>of(apiCodecs))
                .option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, settings.dbStatementTimeout());
    }

    /** The statements of every repository run on {@link LiveConnections}. */
    @Bean
    DatabaseClient databaseClient(ConnectionFactory pool, ApiProperties settings) {
        return DatabaseClient.builder().connectionFactory(new LiveConnections(pool, settings.dbPoolSize())).build();
    }

    /**
     * The pool opens up to its configured initial size (4) at start-up, but never more than MDW_API_DB_POOL_SIZE:
     * r2dbc-pool refuses an initial size above the maximum, and the API did not start with a pool of 1 to 3.
     */
    @Bean
    static BeanPostProcessor initialPoolNoLargerThanThePool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof R2dbcProperties r2dbc && r2dbc.getPool().getMaxSize() > 0) {
                    R2dbcProperties.Pool pool = r2dbc.getPool();
                    pool.setInitialSize(Math.min(pool.getInitialSize(), pool.getMaxSize()));
                }
                return bean;
            }
        };
    }
}
