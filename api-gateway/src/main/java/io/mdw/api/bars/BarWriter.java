package io.mdw.api.bars;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdw.features.FeatureColumns;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Writes bars to the response in the negotiated format, streamed in batches of rows as they come from the
 * database, so that no answer sits in memory whatever its size.
 */
@Component
class BarWriter {

    private static final int ROWS_PER_WRITE = 256;
    /** A first guess of the buffer size (a bar is about 300 bytes of JSON); the buffer grows when it is short. */
    private static final int BYTES_PER_ROW = 320;
    private static final List<String> COLUMNS = List.of("time", "open", "high", "low", "close", "volume", "vwap",
            "trade_count", "quality_score", "validated", "gap_detected", "volume_anomaly", "validation_notes", "flags",
            "missing_bars", "source", "bar_count");

    private final JsonMapper jsonMapper;
    /** Quotes a cell only when it holds a comma, a quote or a line break, as a spreadsheet would. */
    private final CsvMapper csvMapper = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING).build();
    /** Writes rows one after the other; the separators (comma, newline) are the caller's. */
    private final ObjectWriter rowsWriter;

    BarWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        this.rowsWriter = jsonMapper.writer().withRootValueSeparator((String) null);
    }

    /** The fields of a page that precede its bars. */
    record PageHead(@JsonInclude(JsonInclude.Include.NON_NULL) String symbol,
                    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> symbols,
                    String timeframe, String startDate, String endDate) {
    }

    /**
     * A {@link BarPage}: the head, the bars, then {@code count} and {@code next}, which are known only at the end.
     * {@code rows} may hold one bar more than {@code limit} (null: no limit): its presence means a next page exists,
     * starting after the last bar written. A page that fits in one batch of rows goes out as one buffer with a Content-Length;
     * a longer one is streamed batch by batch as the rows come from the database.
     */
    Mono<Void> jsonPage(ServerHttpResponse response, PageHead head, Flux<Bar> rows, Integer limit,
                        Function<Bar, String> nextLink) {
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBufferFactory buffers = response.bufferFactory();
        String headJson = jsonMapper.writeValueAsString(head);
        String prefix = headJson.substring(0, headJson.length() - 1) + (headJson.length() > 2 ? "," : "") + "\"data\":[";
        JsonPage page = new JsonPage(prefix, limit == null ? Long.MAX_VALUE : limit);
        // nothing is written before the first batch (or the end) arrives, so that a failure is still an error answer
        return (limit == null ? rows : rows.take(limit + 1L)).buffer(ROWS_PER_WRITE).switchOnFirst((first, batches) -> {
            if (first.isOnError()) {
                return batches.then();
            }
            List<Bar> firstBatch = first.get();
            if (firstBatch == null || firstBatch.size() < ROWS_PER_WRITE) {
                // a short batch is the last one: the whole page is this buffer
                return response.writeWith(batches.next().defaultIfEmpty(List.of())
                        .map(batch -> writeJson(buffers, batch.size() + 1, json -> {
                            page.writeBars(json, batch);
                            page.writeEnd(json, nextLink);
                        })));
            }
            Flux<DataBuffer> body = batches.map(batch -> writeJson(buffers, batch.size(), json -> page.writeBars(json, batch)));
            Mono<DataBuffer> end = Mono.fromSupplier(() -> writeJson(buffers, 1, json -> page.writeEnd(json, nextLink)));
            return response.writeWith(Flux.concat(body, end));
        }).then();
    }

    /** What has been written of one JSON page, batch after batch. */
    private final class JsonPage {
        private final String prefix;
        private final long limit;
        private boolean opened;
        private long count;
        private boolean more;
        private Bar last;

        JsonPage(String prefix, long limit) {
            this.prefix = prefix;
            this.limit = limit;
        }

        void writeBars(JsonGenerator json, List<Bar> batch) {
            open(json);
            for (Bar bar : batch) {
                if (count == limit) {
                    more = true;
                    return;
                }
                if (count++ > 0) {
                    json.writeRaw(',');
                }
                BarJson.write(json, bar);
                last = bar;
            }
        }

        void writeEnd(JsonGenerator json, Function<Bar, String> nextLink) {
            open(json);
            json.writeRaw("],\"count\":" + count + ",\"next\":"
                    + (more ? jsonMapper.writeValueAsString(nextLink.apply(last)) : "null") + "}");
        }

        private void open(JsonGenerator json) {
            if (!opened) {
                json.writeRaw(prefix);
                opened = true;
            }
        }
    }

    Mono<Void> ndjson(ServerHttpResponse response, Flux<Bar> bars) {
        response.getHeaders().setContentType(MediaType.APPLICATION_NDJSON);
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(bars.buffer(ROWS_PER_WRITE).map(batch -> writeJson(buffers, batch.size(), json -> {
            for (Bar bar : batch) {
                BarJson.write(json, bar);
                json.writeRaw('\n');
            }
        })));
    }

    /** A batch of rows written by one generator straight into a response buffer. */
    private DataBuffer writeJson(DataBufferFactory buffers, int rows, Consumer<JsonGenerator> body) {
        return write(buffers, rows * BYTES_PER_ROW, out -> {
            try (JsonGenerator json = rowsWriter.createGenerator(out)) {
                body.accept(json);
            }
        });
    }

    /** A response buffer of that first size (it grows when short) holding what the body writes into it. */
    private static DataBuffer write(DataBufferFactory buffers, int size, Consumer<OutputStream> body) {
        DataBuffer buffer = buffers.allocateBuffer(size);
        try {
            body.accept(buffer.asOutputStream());
        } catch (RuntimeException e) {
            DataBufferUtils.release(buffer);
            throw e;
        }
        return buffer;
    }

    Mono<Void> csv(ServerHttpResponse response, Flux<Bar> bars, boolean withSymbol, boolean withFeatures) {
        response.getHeaders().setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        DataBufferFactory buffers = response.bufferFactory();
        CsvSchema.Builder columns = CsvSchema.builder();
        if (withSymbol) {
            columns.addColumn("symbol");
        }
        columns.addColumns(COLUMNS, CsvSchema.ColumnType.STRING);
        if (withFeatures) {
            columns.addColumns(FeatureColumns.PUBLISHED, CsvSchema.ColumnType.STRING);
        }
        CsvSchema schema = columns.build();
        // the header goes out with the first batch of rows: an answer without rows has none
        ObjectWriter firstRows = csvMapper.writer(schema.withHeader());
        ObjectWriter moreRows = csvMapper.writer(schema.withoutHeader());
        return response.writeWith(bars.buffer(ROWS_PER_WRITE).index().map(batch -> write(buffers,
                batch.getT2().size() * BYTES_PER_ROW, out -> {
                    try (SequenceWriter rows = (batch.getT1() == 0 ? firstRows : moreRows).writeValues(out)) {
                        for (Bar bar : batch.getT2()) {
                            rows.write(csvRow(bar, withSymbol, withFeatures));
                        }
                    }
                })));
    }

    /** A bar's fields as CSV cells: as their text, flags joined by ';', null as an empty cell. */
    private static String[] csvRow(Bar bar, boolean withSymbol, boolean withFeatures) {
        List<Object> values = new ArrayList<>();
        if (withSymbol) {
            values.add(bar.symbol());
        }
        values.addAll(Arrays.asList(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(),
                bar.volume(), bar.vwap(), bar.tradeCount(), bar.qualityScore(), bar.validated(), bar.gapDetected(),
                bar.volumeAnomaly(), bar.validationNotes(), String.join(";", bar.flags()), bar.missingBars(), bar.source(), bar.barCount()));
        if (withFeatures) {
            values.addAll(bar.features() == null ? Collections.nCopies(FeatureColumns.PUBLISHED.size(), null)
                    : bar.features().values());
        }
        return values.stream().map(value -> value == null ? null : value.toString()).toArray(String[]::new);
    }
}
