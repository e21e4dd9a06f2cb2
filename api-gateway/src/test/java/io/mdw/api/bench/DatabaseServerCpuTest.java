package io.mdw.api.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;

/** The server's CPU time, read from /proc, grows by what a query makes its backend compute. */
class DatabaseServerCpuTest {

    @Test
    void countsTheCpuTimeABackendSpends() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "process CPU times are read from /proc (Linux)");
        DataSource dataSource = TestWarehouse.dataSource(TestWarehouse.newDatabaseUrl());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            DatabaseServerCpu server = DatabaseServerCpu.of(connection);
            Duration before = server.used();
            long started = System.nanoTime();
            statement.execute("SELECT count(*) FROM generate_series(1, 3000000) AS n WHERE n % 7 = 0");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Duration spent = server.used().minus(before);

            // a backend on a core of its own for the query: about the query's time, in ticks of 10 ms
            assertThat(spent).isGreaterThan(Duration.ofMillis(20)).isLessThan(elapsed.plusSeconds(1));
        }
    }
}
