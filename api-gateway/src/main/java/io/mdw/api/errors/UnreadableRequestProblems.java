package io.mdw.api.errors;

import io.mdw.api.web.Http11Pipeline;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

/**
 * Gives problem+json bodies to the requests that never reach Spring's handlers: those Reactor Netty refuses while
 * decoding them (request line or headers too long, malformed HTTP, a bad Host header) and those Spring's server
 * adapter refuses because the URI does not parse (invalid percent-encoding, characters that must be encoded). Both
 * otherwise answer a bare status with an empty body. Reactor Netty has no hook for that body; its maintainers point
 * to a handler of one's own in the channel pipeline (reactor/reactor-netty#3327), which is {@link UnreadableRequestHandler}.
 */
@Component
public class UnreadableRequestProblems implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

    private final ProblemResponses problems;

    public UnreadableRequestProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(this::explainRefusals);
    }

    /** After Boot's own customizer (order 0), so that the decoder limits read here are the configured ones. */
    @Override
    public int getOrder() {
        return 1;
    }

    private HttpServer explainRefusals(HttpServer server) {
        HttpRequestDecoderSpec decoder = server.configuration().decoder();
        int maxInitialLineLength = decoder.maxInitialLineLength();
        int maxHeaderSize = decoder.maxHeaderSize();
        return server.doOnChannelInit((observer, channel, remoteAddress) -> Http11Pipeline.addAfterTheCodec(channel,
                UnreadableRequestHandler.NAME, new UnreadableRequestHandler(problems, maxInitialLineLength, maxHeaderSize)));
    }
}
