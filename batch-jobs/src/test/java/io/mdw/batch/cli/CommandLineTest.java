package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs {@code ./mdw} commands in this JVM, each test against a warehouse of its own, and keeps what they print. */
abstract class CommandLineTest {

    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();
    protected String databaseUrl;

    @BeforeEach
    void freshWarehouse() {
        databaseUrl = TestWarehouse.newDatabaseUrl();
        System.setProperty("mdw.db.url", databaseUrl);
    }

    @AfterEach
    void forgetWarehouse() {
        System.clearProperty("mdw.db.url");
    }

    protected int mdw(String... args) {
        return MdwCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The test's warehouse, to read what a command stored. */
    protected JdbcTemplate warehouse() {
        return new JdbcTemplate(TestWarehouse.dataSource(databaseUrl));
    }

    /** The series' stored bar times, oldest first, as ISO-8601 UTC. */
    protected List<String> storedTimes(String symbol) {
        return warehouse().queryForList("SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM bars WHERE symbol = ? ORDER BY time", String.class, symbol);
    }
}
