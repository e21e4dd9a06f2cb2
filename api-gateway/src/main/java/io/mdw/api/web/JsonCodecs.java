package io.mdw.api.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/** The server's JSON encoder and decoder: Spring's, on the application's mapper, with the two changes below. */
@Component
class JsonCodecs implements CodecCustomizer, Ordered {

    private final JsonMapper jsonMapper;

    JsonCodecs(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.defaultCodecs().jacksonJsonEncoder(new ConcreteTypesEncoder(jsonMapper));
        configurer.defaultCodecs().jacksonJsonDecoder(new Utf8CheckingDecoder(jsonMapper));
    }

    /** After Boot's customizer (order 0), which sets Spring's own on the same mapper. */
    @Override
    public int getOrder() {
        return 1;
    }

    /**
     * An endpoint that names no media types of its own serves what the JSON encoder offers, and Spring's offers
     * application/*+json besides application/json: asked for application/problem+json, such an endpoint
     * (/api/v1/symbols) took that for one of its types and answered 200 with its data labelled a problem. This encoder
     * offers its concrete types only, so such a request is answered 406 naming them; it still writes the +json types a
     * mapping names itself (the Actuator's application/vnd.spring-boot.actuator.v3+json).
     */
    private static final class ConcreteTypesEncoder extends JacksonJsonEncoder {

        ConcreteTypesEncoder(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        public List<MimeType> getEncodableMimeTypes(ResolvableType elementType) {
            return super.getEncodableMimeTypes(elementType).stream().filter(type -> !type.isWildcardSubtype()).toList();
        }
    }

    /**
     * A JSON request body must be UTF-8 (RFC 8259, 8.1), and one that is not is refused, saying at which byte. Jackson
     * decodes without checking every sequence: it reads the overlong C1 81 as 'A' and F4 90 80 80, past U+10FFFF, as
     * two halves of surrogate pairs, so a body could name a symbol or a key in bytes other than the ones stored. Bodies
     * are small (the joined body is checked before it is parsed), and reads have none.
     */
    private static final class Utf8CheckingDecoder extends JacksonJsonDecoder {

        Utf8CheckingDecoder(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        public Object decode(DataBuffer body, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
            int malformedAt = firstMalformedByte(body);
            if (malformedAt >= 0) {
                int value = Byte.toUnsignedInt(body.getByte(body.readPosition() + malformedAt));
                DataBufferUtils.release(body);
                throw new DecodingException("The request body is not UTF-8 (byte %d, 0x%02X, begins no character); JSON"
                        .formatted(malformedAt, value) + " is sent in UTF-8", new MalformedInputException(1));
            }
            return super.decode(body, targetType, mimeType, hints);
        }

        /** The offset of the first byte that begins no well-formed UTF-8 sequence, or -1 when there is none. */
        private static int firstMalformedByte(DataBuffer body) {
            ByteBuffer bytes = ByteBuffer.allocate(body.readableByteCount());
            body.toByteBuffer(body.readPosition(), bytes, 0, bytes.capacity());
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = CharBuffer.allocate(1024);
            while (true) {
                CoderResult result = utf8.decode(bytes, chars, true);
                if (result.isError()) {
                    return bytes.position();
                }
                if (result.isUnderflow()) {
                    return -1;
                }
                chars.clear();
            }
        }
    }
}
