package io.mdw.api.web;

import java.io.IOException;

import io.mdw.api.errors.ApiProblem;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A client may send its requests and then shut down its side of the connection (SHUT_WR: {@code nc -N}, scripted and
 * HTTP/1.0 clients): it still reads the answers. Netty closes a connection whose input ends unless half-closure is
 * allowed, and so dropped every answer not written by then, which is any that needs the database. With half-closure
 * allowed, the requests read before the end are answered in turn, and the connection is closed once the last of those
 * answers is written (at once if none is owed): nothing more can come, so it is not kept open for the idle timeout.
 * A request whose body the end of input cut short is answered 400 (its body could otherwise never end). Reactor Netty
 * (1.3.x) does nothing on the end of input itself.
 */
@Component
class HalfClosedConnections implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private static final String NAME = "mdw.halfClosedConnections";
    private static final String NO_READS_NAME = "mdw.noReadsOnceInputEnded";
    private static final NoReadsOnceInputEnded NO_READS_ONCE_INPUT_ENDED = new NoReadsOnceInputEnded();

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    channel.pipeline().addFirst(NO_READS_NAME, NO_READS_ONCE_INPUT_ENDED);
                    Http11Pipeline.addAfterTheCodec(channel, NAME, new CloseOnceAnswered());
                }));
    }

    /** Closes a connection whose input has ended once every request read on it is answered. */
    private static final class CloseOnceAnswered extends ChannelDuplexHandler {

        private final UnansweredRequests unanswered = new UnansweredRequests();
        private boolean inputEnded;
        /** Whether a request's head has been read and the end of its body has not. */
        private boolean bodyArriving;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            unanswered.read(msg);
            if (msg instanceof HttpRequest request) {
                // a head that does not decode has no body read: Reactor Netty answers it 400 itself
                bodyArriving = request.decoderResult().isSuccess();
            }
            if (msg instanceof LastHttpContent) {
                bodyArriving = false;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            // the codec has passed on, before this, the requests the last bytes held; of a body cut short, no end
            super.userEventTriggered(ctx, evt);
            if (evt instanceof ChannelInputShutdownEvent && ctx.channel().isActive()) {
                inputEnded = true;
                if (bodyArriving && unanswered.count() == 1 && !unanswered.answering()) {
                    // the body being read can never be whole: its reader fails with a 400
                    ctx.fireExceptionCaught(ApiProblem.badRequest("The request body was cut short: the connection"
                            + " was shut down for sending before the whole body arrived"));
                } else if (bodyArriving || unanswered.count() == 0) {
                    // a body cut short behind answers still owed cannot be answered in turn; or nothing is owed
                    ctx.close();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            // a read that failed (a reset) ends the input too, but with half-closure Netty no longer closes the
            // connection then, and nothing can be answered on it: closed first, as Netty did, so that whoever handles
            // the failure finds the client gone
            if (cause instanceof IOException) {
                ctx.close();
            }
            super.exceptionCaught(ctx, cause);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (unanswered.written(msg) && inputEnded && unanswered.count() == 0) {
                // closed once written: closing now would drop what the socket has not taken yet
                ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
            } else {
                super.write(ctx, msg, promise);
            }
        }
    }

    /**
     * Asks for no read once the input has ended: there is nothing left to read, and the epoll transport (Netty 4.2.15)
     * takes a socket it has nothing to wait for out of its epoll set, then fails a read asked for later (epoll_ctl
     * ENOENT), and with it the request being answered. First in the pipeline, so that the codec's reads pass it too.
     */
    @ChannelHandler.Sharable
    private static final class NoReadsOnceInputEnded extends ChannelOutboundHandlerAdapter {

        @Override
        public void read(ChannelHandlerContext ctx) throws Exception {
            if (!(ctx.channel() instanceof DuplexChannel duplex && duplex.isInputShutdown())) {
                super.read(ctx);
            }
        }
    }
}
