package io.mdw.api.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.mdw.api.errors.ApiProblem;
import io.mdw.api.keys.ApiProperties;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A request's body must arrive in full within {@code mdw.api.request-body-timeout} (MDW_API_REQUEST_BODY_TIMEOUT) of
 * its headers. The idle timeout ({@link IdleConnections}) starts again with every byte, so a client that sent its body
 * a byte every 20 s held its connection for good (slowloris). Past the limit, if nothing of the request's answer has
 * been written, its body fails for whatever reads it and the request is answered 408
 * (io.mdw.api.errors.ProblemResponses), which closes the connection; otherwise the connection is closed at once.
 * <p>
 * Reactor Netty's {@code HttpServer.requestTimeout} bounds the same stretch, but falls short twice: it closes the
 * connection in the same event-loop task in which it fails the body, so only an answer written within that task gets
 * out, and an admin request's answer waits for its audit entry to be stored (io.mdw.api.keys.AuditWebFilter): its 408
 * was lost. And it stops watching once the request is answered, so a body still trickling in after an endpoint
 * answered without reading it kept the connection open.
 */
@Component
class RequestBodyDeadline implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    static final String NAME = "mdw.requestBodyDeadline";

    private final ApiProperties settings;

    RequestBodyDeadline(ApiProperties settings) {
        this.settings = settings;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        Duration limit = settings.requestBodyTimeout();
        factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, remoteAddress) ->
                Http11Pipeline.addAfterTheCodec(channel, NAME, new BodyTimer(limit))));
    }

    /** Times the body arriving on one connection: HTTP/1.1 sends one request after another, so one body at a time. */
    private static final class BodyTimer extends ChannelDuplexHandler {

        private final Duration limit;
        private final UnansweredRequests unanswered = new UnansweredRequests();
        /** The end of the time left for the body arriving now, or null when none is. */
        private ScheduledFuture<?> deadline;

        BodyTimer(Duration limit) {
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            unanswered.read(msg);
            // the API's bulk, reads of bars, announce no body: none is timed
            if (msg instanceof HttpRequest request
                    && (HttpUtil.isContentLengthSet(request) || HttpUtil.isTransferEncodingChunked(request))) {
                deadline = ctx.executor().schedule(() -> bodyTooSlow(ctx), limit.toNanos(), TimeUnit.NANOSECONDS);
            }
            if (msg instanceof LastHttpContent) {
                stopTheClock();
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            unanswered.written(msg);
            super.write(ctx, msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            stopTheClock();
            super.channelInactive(ctx);
        }

        private void bodyTooSlow(ChannelHandlerContext ctx) {
            deadline = null;
            if (unanswered.count() == 1 && !unanswered.answering()) {
                // the request being handled, nothing of its answer written: its body's reader fails with the 408,
                // and Reactor Netty no longer keeps the connection alive once it is answered
                ctx.fireExceptionCaught(ApiProblem.requestBodyTooSlow(limit));
            } else {
                // its answer is under way or sent (the endpoint did not read the body), or answers to requests before
                // it still are: none can be given in turn
                ctx.close();
            }
        }

        private void stopTheClock() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
