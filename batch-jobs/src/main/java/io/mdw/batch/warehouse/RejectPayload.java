package io.mdw.batch.warehouse;

import java.io.StringWriter;
import java.util.regex.Pattern;

import io.mdw.market.RawBar;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * What a refused item is kept as (rejected_bars.raw_payload): a row of a text file as it stands there; otherwise the
 * present fields as a JSON object, a field that is a JSON number written as the token that was sent, anything else as
 * a string.
 */
public final class RejectPayload {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    // '/' unescaped and control characters escaped in lower-case hex, as payloads were stored before: the same item
    // refused again must give the same text, which is what keeps it from being stored twice
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private RejectPayload() {
    }

    public static String of(RawBar raw) {
        if (raw.line() != null) {
            return raw.line().text();
        }
        StringWriter payload = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), payload)) {
            json.writeStartObject();
            field(json, "t", raw.t());
            field(json, "o", raw.o());
            field(json, "h", raw.h());
            field(json, "l", raw.l());
            field(json, "c", raw.c());
            field(json, "v", raw.v());
            field(json, "vw", raw.vw());
            field(json, "n", raw.n());
            json.writeEndObject();
        }
        return payload.toString();
    }

    private static void field(JsonGenerator json, String name, String value) {
        if (value == null) {
            return;
        }
        json.writeName(name);
        if (JSON_NUMBER.matcher(value).matches()) {
            json.writeNumber(value);
        } else {
            json.writeString(value);
        }
    }
}
