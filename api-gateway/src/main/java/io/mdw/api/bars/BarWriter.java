package io.mdw.api.bars;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes bars to the response in the negotiated format. CSV and NDJSON are streamed in batches of rows,
 * so a long range never sits in memory; JSON pages are bounded by the limit.
 */
@Component
class BarWriter {

    private static final int ROWS_PER_WRITE = 256;
    private static final List<String> COLUMNS = List.of("time", "open", "high", "low", "close", "volume", "vwap",
            "trade_count", "quality_score", "validated", "gap_detected", "volume_anomaly", "flags", "missing_bars",
            "source", "bar_count");

    private final JsonMapper jsonMapper;

    BarWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    Mono<Void> json(ServerHttpResponse response, BarPage page) {
        byte[] bytes = jsonMapper.writeValueAsBytes(page);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    Mono<Void> ndjson(ServerHttpResponse response, Flux<Bar> bars) {
        response.getHeaders().setContentType(MediaType.APPLICATION_NDJSON);
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(bars.buffer(ROWS_PER_WRITE).map(batch -> {
            StringBuilder lines = new StringBuilder();
            for (Bar bar : batch) {
                lines.append(jsonMapper.writeValueAsString(bar)).append('\n');
            }
            return wrap(buffers, lines);
        }));
    }

    Mono<Void> csv(ServerHttpResponse response, Flux<Bar> bars, boolean withSymbol, boolean withFeatures) {
        response.getHeaders().setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        DataBufferFactory buffers = response.bufferFactory();
        List<String> header = new ArrayList<>();
        if (withSymbol) {
            header.add("symbol");
        }
        header.addAll(COLUMNS);
        if (withFeatures) {
            header.addAll(BarFeatures.COLUMNS);
        }
        Flux<DataBuffer> rows = bars.buffer(ROWS_PER_WRITE).map(batch -> {
            StringBuilder lines = new StringBuilder();
            for (Bar bar : batch) {
                appendRow(lines, bar, withSymbol, withFeatures);
            }
            return wrap(buffers, lines);
        });
        Flux<DataBuffer> headerRow = Flux.defer(() -> Flux.just(wrap(buffers, new StringBuilder(String.join(",", header)).append('\n'))));
        return response.writeWith(rows.switchOnFirst((first, all) -> first.hasValue()
                ? Flux.concat(headerRow, all) : all));
    }

    private static void appendRow(StringBuilder line, Bar bar, boolean withSymbol, boolean withFeatures) {
        List<Object> values = new ArrayList<>();
        if (withSymbol) {
            values.add(bar.symbol());
        }
        values.addAll(java.util.Arrays.asList(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(),
                bar.volume(), bar.vwap(), bar.tradeCount(), bar.qualityScore(), bar.validated(), bar.gapDetected(),
                bar.volumeAnomaly(), String.join(";", bar.flags()), bar.missingBars(), bar.source(), bar.barCount()));
        if (withFeatures) {
            values.addAll(bar.features() == null ? java.util.Collections.nCopies(BarFeatures.COLUMNS.size(), null)
                    : bar.features().values());
        }
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values.get(i)));
        }
        line.append('\n');
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static DataBuffer wrap(DataBufferFactory buffers, CharSequence text) {
        return buffers.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
