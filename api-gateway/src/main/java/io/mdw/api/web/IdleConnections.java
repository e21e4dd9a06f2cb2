package io.mdw.api.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.handler.timeout.WriteTimeoutHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A connection that sends nothing for {@code server.netty.idle-timeout} (SERVER_NETTY_IDLE_TIMEOUT) is closed, whether
 * it waits for its next request, or stops halfway through a request's headers or its body, so that silent clients
 * cannot hold the server's connections open (slowloris; each byte starts this timeout again, so a body trickled in is
 * bounded as a whole by {@link RequestBodyDeadline}). Spring Boot applies the timeout while a connection waits for a
 * request; this applies it while a body is read too. A connection that takes in nothing of its answer for as long is
 * closed as well: a bar read streams from the database as the client takes it, so a client that stops reading would
 * otherwise hold one of the API's few database connections for good.
 */
@Component
class IdleConnections implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    /** Looked up when a server is made: the keys command runs this application without one, and so without them. */
    private final ObjectProvider<NettyServerProperties> netty;

    IdleConnections(ObjectProvider<NettyServerProperties> netty) {
        this.netty = netty;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        Duration idleTimeout = netty.getObject().getIdleTimeout();
        if (idleTimeout != null) {
            factory.addServerCustomizers(server -> server.readTimeout(idleTimeout)
                    .doOnChannelInit((observer, channel, remote) -> channel.pipeline().addFirst("mdw-write-timeout",
                            new WriteTimeoutHandler(idleTimeout.toMillis(), TimeUnit.MILLISECONDS))));
        }
    }
}
