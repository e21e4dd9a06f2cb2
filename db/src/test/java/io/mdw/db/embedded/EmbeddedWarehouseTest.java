package io.mdw.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
}
