package io.mdw.api.database;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Row values decoded by the API's codec hold, field by field, what the driver reads from the same plain columns. */
class RowValueCodecTest extends ApiTestSupport {

    private static final String VALUES = """
            FROM (VALUES
                (TIMESTAMPTZ '2026-11-27 14:30:00+00', 1673.58::numeric, 52301442::bigint, 7::int, 3::smallint, true,
                 1.5::float8, 0.25::float4, 'polygon'::text, 'Zürich €'::varchar, ARRAY['price_gap', 'volume_spike']),
                (TIMESTAMPTZ '1999-12-31 23:59:59.5+00', '-0.00000012'::numeric, '-9223372036854775808'::bigint,
                 2147483647::int, '-32768'::smallint, false, '-0.0'::float8, 3.4e38::float4, ''::text, ''::varchar,
                 ARRAY[]::text[]),
                (TIMESTAMPTZ '2024-02-29 09:30:00.123456-05', 123456789012345678901234567890.123456789::numeric,
                 NULL::bigint, NULL::int, NULL::smallint, NULL::boolean, 'NaN'::float8, NULL::float4, NULL::text,
                 NULL::varchar, ARRAY['a', NULL, 'c,d "e"'])
            ) AS v(ts, num, i8, i4, i2, flag, f8, f4, txt, vc, arr)
            WHERE i4 IS DISTINCT FROM :never
            """;

    @Autowired
    DatabaseClient db;

    @Test
    void fieldsAreWhatTheDriverReadsFromPlainColumns() {
        List<List<Object>> asRowValues = db.sql("SELECT ROW(ts, num, i8, i4, i2, flag, f8, f4, txt, vc, arr) AS r " + VALUES)
                .bind("never", 0).map(row -> fields(row.get("r", RowValue.class)))
                .all().collectList().block();
        List<List<Object>> asColumns = db.sql("SELECT ts, num, i8, i4, i2, flag, f8, f4, txt, vc, arr " + VALUES)
                .bind("never", 0).map(row -> Arrays.<Object>asList(row.get(0, Instant.class), row.get(1, String.class),
                        row.get(2, Long.class), row.get(3, Integer.class), row.get(4, Short.class),
                        row.get(5, Boolean.class), row.get(6, Double.class), row.get(7, Float.class),
                        row.get(8, String.class), row.get(9, String.class), Arrays.asList(row.get(10, String[].class))))
                .all().collectList().block();

        assertThat(asRowValues).hasSize(3).isEqualTo(asColumns);
        assertThat(asRowValues.get(1).get(0)).isEqualTo(Instant.parse("1999-12-31T23:59:59.500Z"));
        assertThat(asRowValues.get(2).get(1)).isEqualTo("123456789012345678901234567890.123456789");
        assertThat(asRowValues.get(2).get(10)).isEqualTo(Arrays.asList("a", null, "c,d \"e\""));
    }

    @Test
    void infiniteTimesAreTheEndsOfInstant() {
        RowValue value = db.sql("SELECT ROW(TIMESTAMPTZ 'infinity', TIMESTAMPTZ '-infinity') AS r WHERE :yes")
                .bind("yes", true).map(row -> row.get("r", RowValue.class)).one().block();

        assertThat(value.get(0, Instant.class)).isEqualTo(Instant.MAX);
        assertThat(value.get(1, Instant.class)).isEqualTo(Instant.MIN);
    }

    @Test
    void aFieldOfAnotherTypeIsAClearError() {
        assertThatThrownBy(() -> db.sql("SELECT ROW(DATE '2026-11-30') AS r WHERE :yes")
                .bind("yes", true).map(row -> row.get("r", RowValue.class)).one().block())
                .hasMessageContaining("oid 1082");
        assertThatThrownBy(() -> db.sql("SELECT ROW('AAPL'::text) AS r")
                .map(row -> row.get("r", RowValue.class)).one().block())
                .hasMessageContaining("binary format");
        RowValue value = db.sql("SELECT ROW('AAPL'::text) AS r WHERE :yes")
                .bind("yes", true).map(row -> row.get("r", RowValue.class)).one().block();
        assertThatThrownBy(() -> value.get(0, Instant.class)).hasMessageContaining("is a String, not a Instant");
        assertThatThrownBy(() -> value.get(1, String.class)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<Object> fields(RowValue value) {
        return Arrays.asList(value.get(0, Instant.class), value.get(1, String.class), value.get(2, Long.class),
                value.get(3, Integer.class), value.get(4, Short.class), value.get(5, Boolean.class),
                value.get(6, Double.class), value.get(7, Float.class), value.get(8, String.class),
                value.get(9, String.class), Arrays.asList(value.get(10, String[].class)));
    }
}
