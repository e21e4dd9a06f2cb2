package io.mdw.api.web;

import io.mdw.api.errors.UnprintableCharacterException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as sent: a field the API does not know (a misspelt or camelCase name), a field given twice,
 * a value of the wrong JSON type (2 for true, 5 for "5") and a string holding a control character are refused, naming
 * the field, instead of being ignored, overwritten, converted or trimmed. The
 * application's JSON mapper only reads request bodies, so this is set on it as a whole.
 */
@Component
class StrictJsonBodies implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)     // {"symbols": [..], "symbols": [..]}
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // numbers and booleans into strings are not scalar coercions to Jackson: refused separately
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // {"symbol": "AAPL\u0000"} is not AAPL: refused as in a query, not trimmed later
                .addModule(new SimpleModule("printable-strings").addDeserializer(String.class, new PrintableStrings()));
    }

    private static final class PrintableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            String unprintable = UnprintableCharacters.firstIn(value);
            if (unprintable != null) {
                throw new UnprintableCharacterException(parser, unprintable);
            }
            return value;
        }
    }
}
