package io.mdw.scheduling;

import com.zaxxer.hikari.HikariDataSource;
import io.mdw.db.testing.TestWarehouse;

/** A pooled DataSource on a fresh migrated warehouse database: nodes poll and submit from several threads. */
final class TestDatabases {

    private TestDatabases() {
    }

    static HikariDataSource freshWarehouse() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestWarehouse.newMigratedDatabaseUrl());
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }
}
