package io.mdw.batch.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Holds a series for the whole of a worker step that writes it, in every process: a PostgreSQL session-level advisory
 * lock (keyed by the series' symbol and timeframe) on a connection of its own, taken before the step reads anything and
 * released when it ends, or when its process dies. Two loads of one series, from the command line, a node and the nightly schedule, then run one after the other:
 * a load seeds its features from the bars stored before its window and goes on from the chunks it committed itself, so
 * another load writing the same bars between its chunks would leave bars with features from two different starts.
 *
 * <p>A step that finds the series held waits, saying so, and polls: a connection that waited inside PostgreSQL could
 * not be woken when its load is stopped. Stopped while waiting, the step ends STOPPED, and its restart waits again.
 */
public class SeriesLock implements StepExecutionListener {

    private static final Logger progress = LoggerFactory.getLogger("mdw.progress");
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * PostgreSQL probes the lock's connection, which stays idle for the step's length: the lock of a node whose machine
     * vanished (no FIN sent) is released a minute or so later, not after the system's two-hour default.
     */
    private static final String PROBE_THE_CLIENT =
            "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3";

    /** Unpooled: a step's connection is closed at its end. */
    private final DataSource dataSource;
    private final JobRepository jobRepository;
    /** The connection holding each running step's series, by step execution id. */
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public SeriesLock(DataSource dataSource, JobRepository jobRepository) {
        this.dataSource = dataSource;
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeStep(StepExecution step) {
        SeriesWindow window = SeriesWindowContext.fromContext(step.getExecutionContext());
        String series = window.symbol() + " " + window.timeframe().code();
        try {
            Connection connection = dataSource.getConnection();
            boolean waited = false;
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute(PROBE_THE_CLIENT);
                }
                while (!tryLock(connection, window)) {
                    if (!waited) {
                        progress.info("{} waits for another load of the series to end",
                                PartitionProgressListener.label(window));
                        waited = true;
                    }
                    if (stoppedAfterWaiting(step)) {
                        // Spring Batch ends a step STOPPED when the cause is a JobInterruptedException, which a
                        // listener cannot throw itself
                        String stopped = "stopped while waiting for another load of " + series + " to end";
                        throw new IllegalStateException(stopped, new JobInterruptedException(stopped));
                    }
                }
            } catch (SQLException | RuntimeException notHeld) {
                connection.close();
                throw notHeld;
            }
            held.put(step.getId(), connection);
            if (waited) {
                progress.info("{} goes on: the other load has ended", PartitionProgressListener.label(window));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hold the series " + series + " for its load", e);
        }
    }

    /** Closing the step's connection ends its session, and the lock with it. */
    @Override
    public ExitStatus afterStep(StepExecution step) {
        Connection connection = held.remove(step.getId());
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is gone already, and its session's lock with it
            }
        }
        return null;
    }

    private static boolean tryLock(Connection connection, SeriesWindow window) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtext(?), hashtext(?))")) {
            lock.setString(1, window.symbol());
            lock.setString(2, window.timeframe().code());
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Waits a while; true when the step's load was stopped meanwhile (or its thread interrupted). */
    private boolean stoppedAfterWaiting(StepExecution step) {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        JobExecution job = jobRepository.getJobExecution(step.getJobExecutionId());
        // STOPPING or beyond: Spring Batch 6's JobOperator.stop stores a running job as STOPPED at once
        return step.isTerminateOnly() || job == null || job.getStatus().isGreaterThan(BatchStatus.STARTED);
    }
}
