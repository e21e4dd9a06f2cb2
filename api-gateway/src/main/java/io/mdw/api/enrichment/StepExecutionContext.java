package io.mdw.api.enrichment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step execution context as Spring Batch's default serializer stores it in BATCH_STEP_EXECUTION_CONTEXT: a HashMap,
 * Java-serialized, Base64-encoded. Only the JDK's map and value types are read back: the contexts of the load job hold
 * strings and numbers, and anything else in the stream is refused rather than instantiated.
 */
final class StepExecutionContext {

    private static final Logger log = LoggerFactory.getLogger(StepExecutionContext.class);

    /** Map$Entry: HashMap checks its table's size against the filter as an array of entries. */
    private static final ObjectInputFilter JDK_VALUES_ONLY = ObjectInputFilter.Config.createFilter(
            "maxdepth=4;maxrefs=10000;maxbytes=1000000;java.util.HashMap;java.util.Map$Entry;java.lang.*;!*");

    private final Map<?, ?> values;

    private StepExecutionContext(Map<?, ?> values) {
        this.values = values;
    }

    /**
     * The context as stored, or an empty one when there is none or it cannot be read.
     *
     * @param stored the context column as stored: the full one when it did not fit the short one
     */
    static StepExecutionContext read(String stored) {
        if (stored == null) {
            return new StepExecutionContext(Map.of());
        }
        try (InputStream base64 = Base64.getDecoder().wrap(new ByteArrayInputStream(stored.getBytes(StandardCharsets.US_ASCII)));
             ObjectInputStream in = new ObjectInputStream(base64)) {
            in.setObjectInputFilter(JDK_VALUES_ONLY);
            return new StepExecutionContext(in.readObject() instanceof Map<?, ?> context ? context : Map.of());
        } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
            // a context another serializer wrote, or holding other types: the progress only lacks its values
            log.warn("Could not read a step execution context: {}", e.toString());
            return new StepExecutionContext(Map.of());
        }
    }

    /** The time stored under this key in epoch milliseconds, or null when the key is absent. */
    Instant epochMillis(String key) {
        return values.get(key) instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
    }

    /** The count stored under this key, 0 when the key is absent. */
    long count(String key) {
        return values.get(key) instanceof Long count ? count : 0;
    }
}
