package io.mdw.api.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The CPU time the PostgreSQL server has used, when it runs on this machine under Linux: its postmaster and every
 * process it started (the backends, which stay connected through a measured interval), read from {@code /proc}.
 * It is the whole server's, whatever database a backend serves. Elsewhere it is unknown ({@link #used()} is null).
 */
final class DatabaseServerCpu {

    private static final Path PROC = Path.of("/proc");
    /** /proc counts CPU time in clock ticks of USER_HZ, which Linux fixes at 100 per second for user space. */
    private static final long NANOS_PER_TICK = 10_000_000;

    /** The postmaster's process id, or -1 when the server's processes cannot be read from here. */
    private final long postmaster;

    private DatabaseServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** Finds the server behind {@code connection}: its backend's parent process is the postmaster. */
    static DatabaseServerCpu of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            ProcessStat stat = ProcessStat.read(PROC.resolve(Long.toString(backend.getLong(1))));
            return new DatabaseServerCpu(stat == null ? -1 : stat.parent());
        }
    }

    /** The CPU time the server's processes have used so far, or null when it cannot be read. */
    Duration used() {
        if (postmaster < 0) {
            return null;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                ProcessStat stat = ProcessStat.read(process);
                if (stat != null && (stat.id() == postmaster || stat.parent() == postmaster)) {
                    ticks += stat.cpuTicks();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    /** The fields of /proc/PID/stat used here; see proc(5). */
    private record ProcessStat(long id, long parent, long cpuTicks) {

        /** Null when the process has gone or its stat cannot be read. */
        static ProcessStat read(Path process) {
            String line;
            try {
                line = Files.readString(process.resolve("stat"));
            } catch (IOException e) {
                return null;
            }
            // the command name, in parentheses, may hold spaces: the fields that follow are counted from its end
            String[] after = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long id = Long.parseLong(line.substring(0, line.indexOf(' ')));
            // after[0] is field 3 (state): field 4 is the parent, fields 14 and 15 the user and system time
            return new ProcessStat(id, Long.parseLong(after[1]), Long.parseLong(after[11]) + Long.parseLong(after[12]));
        }
    }
}
