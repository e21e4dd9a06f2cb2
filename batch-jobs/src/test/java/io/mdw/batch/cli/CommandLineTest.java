package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

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
}
