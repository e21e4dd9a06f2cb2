package io.mdw.batch.source.polygon;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.mdw.market.RawBar;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads the provider's aggregates JSON with a streaming parser, keeping each value's text exactly as sent
 * (so prices round-trip and malformed values reach the pipeline, which rejects them with a reason).
 */
public final class AggregatesPageParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * Reads the page's status and next_url and counts its bars, checking that the whole body is well-formed, so
     * that a cut-off body fails here, where the request can still be retried.
     */
    public AggregatesPage parse(byte[] body) {
        String status = null;
        String nextUrl = null;
        int results = 0;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPageException("expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "status" -> status = textOf(parser, value);
                    case "next_url" -> nextUrl = textOf(parser, value);
                    case "results" -> results = countResults(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedPageException("unexpected end of the response object");
            }
        }
        return new AggregatesPage(status, results, nextUrl, body);
    }

    private static int countResults(JsonParser parser, JsonToken start) {
        if (start == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (start != JsonToken.START_ARRAY) {
            throw new MalformedPageException("'results' is not an array");
        }
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            count++;
        }
        return count;
    }

    /** The bars of a body that {@link #parse} accepted, read one by one. */
    static Iterator<RawBar> results(byte[] body) {
        JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body);
        parser.nextToken();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("results") && value == JsonToken.START_ARRAY) {
                return new Iterator<>() {
                    private JsonToken next = parser.nextToken();

                    @Override
                    public boolean hasNext() {
                        return next != JsonToken.END_ARRAY;
                    }

                    @Override
                    public RawBar next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        RawBar bar;
                        if (next == JsonToken.START_OBJECT) {
                            bar = readBar(parser);
                        } else {
                            bar = new RawBar(textOf(parser, next), null, null, null, null, null, null, null);
                            parser.skipChildren();
                        }
                        next = parser.nextToken();
                        if (next == JsonToken.END_ARRAY) {
                            parser.close();
                        }
                        return bar;
                    }
                };
            }
            parser.skipChildren();
        }
        parser.close();
        return Collections.emptyIterator();
    }

    private static RawBar readBar(JsonParser parser) {
        String t = null, o = null, h = null, l = null, c = null, v = null, vw = null, n = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            String text = textOf(parser, parser.nextToken());
            switch (name) {
                case "t" -> t = text;
                case "o" -> o = text;
                case "h" -> h = text;
                case "l" -> l = text;
                case "c" -> c = text;
                case "v" -> v = text;
                case "vw" -> vw = text;
                case "n" -> n = text;
                default -> { }
            }
        }
        return new RawBar(t, o, h, l, c, v, vw, n);
    }

    /** The value's text as sent; null for JSON null; a structured value is skipped and kept as its kind. */
    private static String textOf(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield token == JsonToken.START_OBJECT ? "{...}" : "[...]";
            }
            default -> parser.getString();
        };
    }

    /** The body is not the provider's format (or was cut off). */
    public static final class MalformedPageException extends RuntimeException {
        public MalformedPageException(String message) {
            super(message);
        }
    }
}
