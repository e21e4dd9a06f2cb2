package io.mdw.api.web;

import java.util.List;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint that names no media types of its own serves what the JSON encoder offers, and Spring's offers
 * application/*+json besides application/json: asked for application/problem+json, such an endpoint (/api/v1/symbols)
 * took that for one of its types and answered 200 with its data labelled a problem. The server's encoder offers its
 * concrete types only, so such a request is answered 406 naming them; it still writes the +json types a mapping names
 * itself (the Actuator's application/vnd.spring-boot.actuator.v3+json).
 */
@Component
class ConcreteJsonMediaTypes implements CodecCustomizer, Ordered {

    private final JsonMapper jsonMapper;

    ConcreteJsonMediaTypes(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.defaultCodecs().jacksonJsonEncoder(new ConcreteTypesEncoder(jsonMapper));
    }

    /** After Boot's customizer (order 0), which sets an encoder of Spring's own on the same mapper. */
    @Override
    public int getOrder() {
        return 1;
    }

    private static final class ConcreteTypesEncoder extends JacksonJsonEncoder {

        ConcreteTypesEncoder(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        public List<MimeType> getEncodableMimeTypes(ResolvableType elementType) {
            return super.getEncodableMimeTypes(elementType).stream().filter(type -> !type.isWildcardSubtype()).toList();
        }
    }
}
