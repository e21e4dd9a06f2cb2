package io.mdw.batch.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The yardstick: the rows the pipeline stored, loaded again with plain COPY into tables made LIKE bars and
 * bar_features INCLUDING ALL (same columns, keys and indexes). The rows are first exported to temporary files,
 * so that only the load is timed and the heap never holds them.
 */
final class CopyBaseline {

    private CopyBaseline() {
    }

    /** @return how long loading both tables took, in the fastest of the runs */
    static Duration load(Connection connection, long expectedBars, int runs) throws SQLException, IOException {
        Path bars = Files.createTempFile("mdw-bench-bars", ".copy");
        Path features = Files.createTempFile("mdw-bench-features", ".copy");
        try (Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            export(copy, "bars", bars);
            export(copy, "bar_features", features);
            statement.execute("CREATE TABLE copy_bars (LIKE bars INCLUDING ALL)");
            statement.execute("CREATE TABLE copy_bar_features (LIKE bar_features INCLUDING ALL)");
            Duration fastest = null;
            for (int run = 0; run < runs; run++) {
                statement.execute("TRUNCATE copy_bars, copy_bar_features");
                // start each timed load from the same state: no dirty pages left from earlier work
                statement.execute("CHECKPOINT");
                long started = System.nanoTime();
                long loaded = load(copy, "copy_bars", bars);
                load(copy, "copy_bar_features", features);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (loaded != expectedBars) {
                    throw new IllegalStateException("COPY loaded " + loaded + " bars, the pipeline stored " + expectedBars);
                }
                fastest = fastest == null || took.compareTo(fastest) < 0 ? took : fastest;
            }
            return fastest;
        } finally {
            Files.deleteIfExists(bars);
            Files.deleteIfExists(features);
        }
    }

    private static void export(CopyManager copy, String table, Path file) throws SQLException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            copy.copyOut("COPY " + table + " TO STDOUT", out);
        }
    }

    private static long load(CopyManager copy, String table, Path file) throws SQLException, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return copy.copyIn("COPY " + table + " FROM STDIN", in);
        }
    }
}
