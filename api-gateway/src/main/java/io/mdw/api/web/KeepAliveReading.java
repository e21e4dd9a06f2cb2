package io.mdw.api.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps kept-alive HTTP/1.1 connections read. Reactor Netty (1.3.6 here) reads such a connection on demand, and can
 * fail to ask for the next read when a request it had queued behind another is answered at once (a CORS preflight,
 * a URI that does not parse): the connection then stalls and the client's next request is never answered, the stall
 * reported as reactor/reactor-netty#4361. Once an answer has been written in full, a read is asked for after the
 * current event-loop task; when Reactor Netty has asked already, that changes nothing.
 */
@Component
class KeepAliveReading implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    static final String NAME = "mdw.keepAliveReading";
    private static final ReadAfterEachAnswer READ_AFTER_EACH_ANSWER = new ReadAfterEachAnswer();

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, remoteAddress) ->
                Http11Pipeline.addAfterTheCodec(channel, NAME, READ_AFTER_EACH_ANSWER)));
    }

    @ChannelHandler.Sharable
    private static final class ReadAfterEachAnswer extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            // the last part of an answer: a full response, or the end of a streamed one
            boolean answered = msg instanceof LastHttpContent;
            super.write(ctx, msg, promise);
            if (answered) {
                ctx.channel().eventLoop().execute(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.read();
                    }
                });
            }
        }
    }
}
