package io.mdw.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestWarehouseTest {

    @Test
    void eachMigratedDatabaseHasTheSchemaAndOnlyItsOwnRows() throws SQLException {
        DataSource first = TestWarehouse.newMigratedDatabase();
        DataSource second = TestWarehouse.newMigratedDatabase();

        execute(first, "INSERT INTO symbols (symbol, asset_class, provider_ticker) VALUES ('AAPL', 'stock', 'AAPL')");

        assertThat(count(first, "SELECT count(*) FROM symbols")).isEqualTo(1);
        assertThat(count(second, "SELECT count(*) FROM symbols")).isZero();
        assertThat(count(second, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(17);
    }

    @Test
    void aNewDatabaseIsEmpty() throws SQLException {
        DataSource database = TestWarehouse.dataSource(TestWarehouse.newDatabaseUrl());

        assertThat(count(database, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isZero();
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
