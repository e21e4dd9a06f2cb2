package io.mdw.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedWarehouseTest {

    @TempDir
    Path mdwHome;

    @Test
    void takesAnotherPortWhenThePreferredOneIsInUse() throws IOException, SQLException {
        try (ServerSocket somethingElse = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedWarehouse warehouse = EmbeddedWarehouse.start(mdwHome, somethingElse.getLocalPort())) {
            assertThat(warehouse.port()).isNotEqualTo(somethingElse.getLocalPort());
            assertThat(warehouse.ownsServer()).isTrue();
            assertThat(warehouse.dataDirectory()).isEqualTo(mdwHome.toAbsolutePath().resolve("postgres"));
            assertThat(warehouse.database().r2dbcUrl()).isEqualTo("r2dbc:postgresql://localhost:" + warehouse.port() + "/postgres");
            try (Connection connection = DriverManager.getConnection(warehouse.jdbcUrl(), warehouse.user(), warehouse.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aJoinedServerKeepsRunningWhenTheJoinerCloses() throws SQLException {
        try (EmbeddedWarehouse owner = EmbeddedWarehouse.start(mdwHome, EmbeddedWarehouse.DEFAULT_PORT)) {
            EmbeddedWarehouse joiner = EmbeddedWarehouse.start(mdwHome, EmbeddedWarehouse.DEFAULT_PORT);
            assertThat(joiner.ownsServer()).isFalse();
            assertThat(joiner.jdbcUrl()).isEqualTo(owner.jdbcUrl());

            joiner.close();

            try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aServerWhoseOwnerWasKilledIsStartedAgainByTheNextStartWhichThenStopsIt() throws Exception {
        Process owner = startKilledOwner();
        long orphanPostmaster = postmasterPid();
        owner.destroyForcibly().waitFor();

        EmbeddedWarehouse next = EmbeddedWarehouse.start(mdwHome, EmbeddedWarehouse.DEFAULT_PORT);

        assertThat(next.ownsServer()).isTrue();
        assertThat(ProcessHandle.of(orphanPostmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (Connection connection = DriverManager.getConnection(next.jdbcUrl(), next.user(), next.password())) {
            assertThat(connection.isValid(5)).isTrue();
        }
        next.close();
        assertThat(Files.exists(next.dataDirectory().resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void aServerWhoseOwnerWasKilledIsJoinedAsItRunsWhileAnotherProcessUsesIt() throws Exception {
        Process owner = startKilledOwner();
        long postmaster = postmasterPid();
        owner.destroyForcibly().waitFor();
        int port = Integer.parseInt(Files.readAllLines(mdwHome.resolve("postgres").resolve("postmaster.pid")).get(3)
                .strip());
        // the API of the same ./mdw up, still connected
        try (Connection api = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "")) {
            EmbeddedWarehouse next = EmbeddedWarehouse.start(mdwHome, EmbeddedWarehouse.DEFAULT_PORT);

            assertThat(next.ownsServer()).isFalse();
            assertThat(api.isValid(5)).isTrue();
            assertThat(postmasterPid()).isEqualTo(postmaster);
        } finally {
            // stopped, and waited for: the temporary home is deleted next, and a stopping server still writes in it
            ProcessHandle.of(postmaster).ifPresent(process -> {
                process.destroy();
                process.onExit().join();
            });
        }
    }

    /** A JVM of its own that has started the server and waits to be killed. */
    private Process startKilledOwner() throws IOException {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledOwner.class.getName(), mdwHome.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream()))) {
            assertThat(output.lines().filter(line -> line.equals(KilledOwner.STARTED)).findFirst()).isPresent();
        }
        return owner;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(mdwHome.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }

    /** Starts the server on the home given and waits to be killed, as `./mdw up` is in a kill -9. */
    static final class KilledOwner {

        static final String STARTED = "started";

        public static void main(String[] args) throws InterruptedException {
            EmbeddedWarehouse.start(Path.of(args[0]), EmbeddedWarehouse.DEFAULT_PORT);
            System.out.println(STARTED);
            System.out.close();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
