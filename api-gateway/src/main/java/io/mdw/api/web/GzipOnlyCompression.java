package io.mdw.api.web;

import java.util.List;
import java.util.Locale;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Answers are compressed with gzip, which every HTTP client decodes, and only when the client accepts it as RFC 9110
 * (12.5.3) reads Accept-Encoding: coding names in any case, q=0 refusing a coding, '*' standing for those not named.
 * Netty's compressor picks among every coding it has (gzip, deflate, snappy; br and zstd when their libraries are
 * present) and answered '*' with snappy, which almost no client decodes; Reactor Netty's compressOptions tunes those
 * codings but cannot leave one out (its HttpCompressionOptionsSpec always adds gzip, deflate and snappy). So the
 * compressor is shown Accept-Encoding: gzip when the client accepts gzip, identity otherwise; server.compression still
 * says which answers are compressed.
 */
@Component
class GzipOnlyCompression implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    static final String NAME = "mdw.gzipOnlyCompression";
    private static final AcceptedCodingsAsGzipOnly ACCEPTED_CODINGS_AS_GZIP_ONLY = new AcceptedCodingsAsGzipOnly();

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        // before Netty's compressor reads the request
        factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, remoteAddress) ->
                Http11Pipeline.addAfterTheCodec(channel, NAME, ACCEPTED_CODINGS_AS_GZIP_ONLY)));
    }

    /** Whether the values of Accept-Encoding accept gzip ("x-gzip" is its old name). */
    static boolean acceptsGzip(List<String> acceptEncoding) {
        Float gzip = null;
        Float any = null;
        for (String element : String.join(",", acceptEncoding).split(",")) {
            // with the limit, an element of only ';' has its empty coding rather than no parts at all
            String[] parts = element.split(";", -1);
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            float quality = quality(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? quality : Math.max(gzip, quality);
            } else if (coding.equals("*")) {
                any = any == null ? quality : Math.max(any, quality);
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    /** The q parameter of a coding, 1 when absent; one that is not a number refuses the coding. */
    private static float quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 1 && Character.toLowerCase(parameter.charAt(0)) == 'q' && parameter.charAt(1) == '=') {
                try {
                    return Float.parseFloat(parameter.substring(2).trim());
                } catch (NumberFormatException notANumber) {
                    return 0;
                }
            }
        }
        return 1;
    }

    @ChannelHandler.Sharable
    private static final class AcceptedCodingsAsGzipOnly extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.ACCEPT_ENCODING)) {
                boolean gzip = acceptsGzip(request.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING));
                request.headers().set(HttpHeaderNames.ACCEPT_ENCODING,
                        gzip ? HttpHeaderValues.GZIP : HttpHeaderValues.IDENTITY);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
