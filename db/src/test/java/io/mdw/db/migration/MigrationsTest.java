package io.mdw.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.db.testing.TestWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private final DataSource database = TestWarehouse.dataSource(TestWarehouse.newDatabaseUrl());

    @Test
    void createTheWarehouseSpringBatchAndQuartzTables() throws SQLException {
        MigrateResult result = flyway().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(5);
        assertThat(tables()).contains(
                "symbols", "bars", "bar_features", "rejected_bars", "provider_requests", "quality_daily",
                "batch_job_instance", "batch_job_execution", "batch_job_execution_params", "batch_step_execution",
                "batch_step_execution_context", "batch_job_execution_context",
                "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
                "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
                "qrtz_scheduler_state", "qrtz_locks", "api_keys", "api_key_audit");
        assertThat(strings("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"))
                .contains("batch_job_instance_seq", "batch_job_execution_seq", "batch_step_execution_seq");
    }

    @Test
    void applyingThemAgainChangesNothing() throws SQLException {
        flyway().migrate();
        List<String> tablesAfterFirstRun = tables();

        MigrateResult second = flyway().migrate();

        assertThat(second.migrationsExecuted).isZero();
        assertThat(tables()).isEqualTo(tablesAfterFirstRun);
    }

    @Test
    void leaveBarsPlainTablesOnPostgresWithoutTimescaleDb() throws SQLException {
        flyway().migrate();

        assertThat(strings("SELECT extname FROM pg_extension")).doesNotContain("timescaledb");
        assertThat(strings("SELECT relkind::text FROM pg_class WHERE relname IN ('bars', 'bar_features')")).containsOnly("r");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
    }

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    }

    private List<String> strings(String query) throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
