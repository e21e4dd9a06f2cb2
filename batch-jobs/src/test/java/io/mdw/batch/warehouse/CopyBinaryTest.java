package io.mdw.batch.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mdw.db.testing.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class CopyBinaryTest {

    @Test
    void theServerReadsBackEveryValueExactlyAsWritten() throws Exception {
        List<String> decimals = List.of("0", "0.00", "1", "-1", "0.0001", "12345.6789", "100000000", "0.000000012",
                "-98765.4321000", "1E+3", "9999.9999", "10000", "3.5", "2.20", "123456789012345678901234567890.5");
        try (Connection connection = DriverManager.getConnection(TestWarehouse.newDatabaseUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (n numeric, s text, at timestamptz, d double precision, l bigint, "
                    + "i integer, b boolean, a text[])");
            CopyBinary rows = new CopyBinary();
            for (String decimal : decimals) {
                rows.row(8).value(new BigDecimal(decimal)).value(decimal).value(Instant.parse("2024-02-29T23:59:59.123Z"))
                        .value(0.1 + 0.2).value(-5_000_000_000L).value(-7).value(true).value(List.of("a", "b\tc"));
            }
            rows.row(8).value(null).value("é").value(Instant.parse("1999-12-31T23:59:59Z")).value(null).value(null)
                    .value(null).value(false).value(List.of());
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY t FROM STDIN WITH (FORMAT binary)", rows.finish());

            List<String> read = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT n::text, s, extract(epoch FROM at)::text, d, l, i, b, "
                    + "array_to_string(a, '|') FROM t")) {
                while (rs.next()) {
                    read.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4)
                            + " " + rs.getObject(5) + " " + rs.getObject(6) + " " + rs.getBoolean(7) + " "
                            + rs.getString(8));
                }
            }
            List<String> expected = new ArrayList<>();
            for (String decimal : decimals) {
                expected.add(new BigDecimal(decimal).toPlainString() + " " + decimal
                        + " 1709251199.123000 0.30000000000000004 -5000000000 -7 true a|b\tc");
            }
            expected.add("null é 946684799.000000 null null null false ");
            assertThat(read).containsExactlyElementsOf(expected);
        }
    }
}
