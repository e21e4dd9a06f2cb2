package io.mdw.api.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Times are written to the microsecond at most, as the warehouse stores them: a report's {@code timestamp} came with
 * the clock's nine fraction digits, which the old service's clients (Python's {@code %f}) do not parse.
 */
@Component
class MicrosecondTimes implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("microsecond-times").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant time, JsonGenerator json, SerializationContext context) {
                json.writeString(DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MICROS)));
            }
        }));
    }
}
