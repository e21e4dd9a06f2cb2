package io.mdw.api.bars;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.web.Params;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The representations of a bar listing: JSON (default), CSV for pandas/Excel, NDJSON for streaming programs. */
enum BarFormat {
    JSON(MediaType.APPLICATION_JSON),
    CSV(new MediaType("text", "csv")),
    NDJSON(MediaType.APPLICATION_NDJSON);

    final MediaType mediaType;

    BarFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** {@code format} wins over the Accept header; among acceptable types the client's preference order decides. */
    static BarFormat negotiate(String format, String accept) {
        if (format != null) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "ndjson" -> NDJSON;
                default -> throw ApiProblem.badRequest("Invalid format '" + Params.abbreviate(format)
                        + "': valid formats are json, csv, ndjson");
            };
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest("Invalid Accept header: use application/json, text/csv or application/x-ndjson");
        }
        List<MediaType> byPreference = accepted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType type : byPreference) {
            for (BarFormat candidate : values()) {
                if (type.getQualityValue() > 0 && type.isCompatibleWith(candidate.mediaType)) {
                    return candidate;
                }
            }
        }
        // the request mapping let it through, so it names a format, but with q=0: not acceptable
        throw ApiProblem.notAcceptable("The Accept header refuses every format of this listing; accept one of "
                + "application/json, text/csv or application/x-ndjson, or pass format=json, csv or ndjson");
    }
}
