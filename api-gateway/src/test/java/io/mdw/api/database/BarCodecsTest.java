package io.mdw.api.database;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The API's own codecs decode what PostgreSQL sends in binary exactly as PostgreSQL itself prints it. */
class BarCodecsTest extends ApiTestSupport {

    @Autowired
    DatabaseClient db;

    @Test
    void numericsReadAsTextAreWhatPostgresqlPrints() {
        Random random = new Random(42);
        List<String> values = Stream.concat(
                Stream.of("0", "0.00", "-0.5", "1", "10000", "9999.9999", "1673.58", "188.4400", "0.00000012",
                        "52301442", "123456789012345678901234567890.123456789", "-1e-20", "1e20", "0.0001",
                        "0.00010000", "-7", "100.0", "NaN", "Infinity", "-Infinity"),
                random.doubles(500, -1e7, 1e7).mapToObj(d -> String.format("%." + random.nextInt(12) + "f", d)))
                .toList();

        List<Map<String, String>> decoded = db.sql("""
                        SELECT v::numeric AS value, v::numeric::text AS printed
                        FROM unnest(CAST(:values AS text[])) AS v
                        """)
                .bind("values", values.toArray(String[]::new))
                .map(row -> Map.of("value", row.get("value", String.class), "printed", row.get("printed", String.class)))
                .all().collectList().block();

        assertThat(decoded).hasSize(values.size())
                .allSatisfy(row -> assertThat(row.get("value")).isEqualTo(row.get("printed")));
    }

    @Test
    void timestampsReadAsInstantsAreTheStoredInstants() {
        List<Instant> instants = List.of(Instant.parse("2023-03-13T18:05:00Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1900-01-01T00:00:00.000001Z"),
                Instant.parse("2262-04-11T23:47:16.854775Z"));

        List<Instant> decoded = db.sql("SELECT t FROM unnest(CAST(:times AS timestamptz[])) WITH ORDINALITY AS x(t, n) ORDER BY n")
                .bind("times", instants.stream().map(i -> OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new))
                .map(row -> row.get("t", Instant.class))
                .all().collectList().block();

        assertThat(decoded).containsExactlyElementsOf(instants);
    }
}
