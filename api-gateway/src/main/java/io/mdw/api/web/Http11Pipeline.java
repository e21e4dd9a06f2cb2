package io.mdw.api.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import reactor.netty.NettyPipeline;

/** Where the API's own Netty handlers go: right after the HTTP/1.1 codec, which is all the server speaks. */
public final class Http11Pipeline {

    private Http11Pipeline() {
    }

    /** Adds the handler after the codec, on an HTTP/1.1 connection only (HTTP/2 streams have a codec of their own). */
    public static void addAfterTheCodec(Channel channel, String name, ChannelHandler handler) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
            pipeline.addAfter(NettyPipeline.HttpCodec, name, handler);
        }
    }
}
