package io.mdw.api.database;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.mdw.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** NUMERICs read as text through the API's codec are exactly what PostgreSQL itself prints. */
class DecimalTextTest extends ApiTestSupport {

    @Autowired
    DatabaseClient db;

    @Test
    void numericsReadAsTextAreWhatPostgresqlPrints() {
        Random random = new Random(42);
        List<String> values = Stream.concat(
                Stream.of("0", "0.00", "-0.5", "1", "10000", "9999.9999", "1673.58", "188.4400", "0.00000012",
                        "52301442", "123456789012345678901234567890.123456789", "-1e-20", "1e20", "0.0001",
                        "0.00010000", "-7", "100.0"),
                Stream.concat(
                        random.doubles(500, -1e7, 1e7).mapToObj(d -> String.format("%." + random.nextInt(12) + "f", d)),
                        // any magnitude and scale: up to 30 digits, up to 30 of them after the point
                        Stream.generate(() -> new BigDecimal(new BigInteger(100, random).subtract(BigInteger.ONE.shiftLeft(99)),
                                random.nextInt(31)).toPlainString()).limit(500)))
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

    /** Else a bar's JSON would hold {@code "close":NaN}, which no JSON parser reads, and its CSV a NaN cell. */
    @Test
    void notANumberAndTheInfinitiesAreReadAsNullInTheBinaryAndTheTextFormat() {
        List<String> binary = db.sql("SELECT v::numeric AS value FROM unnest(CAST(:values AS text[])) AS v")
                .bind("values", new String[] {"NaN", "Infinity", "-Infinity", "1.50"})
                .map(row -> String.valueOf(row.get("value", String.class)))
                .all().collectList().block();
        // without bind parameters the driver sends a simple query, answered in the text format
        List<String> text = db.sql("SELECT v::numeric AS value FROM unnest('{NaN,Infinity,-Infinity,1.50}'::text[]) AS v")
                .map(row -> String.valueOf(row.get("value", String.class)))
                .all().collectList().block();

        assertThat(binary).containsExactly("null", "null", "null", "1.50");
        assertThat(text).containsExactly("null", "null", "null", "1.50");
    }
}
