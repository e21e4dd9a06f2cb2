package io.mdw.api.web;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A connection that sends nothing for {@code server.netty.idle-timeout} (SERVER_NETTY_IDLE_TIMEOUT) is closed, whether
 * it waits for its next request, or stops halfway through a request's headers or its body, so that slow clients
 * cannot hold the server's connections open (slowloris). Spring Boot applies the timeout while a connection waits for
 * a request; this applies it while a body is read too.
 */
@Component
// not in the commands (mdw-api keys), which start the application without its server, nor its Netty settings
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class IdleConnections implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private final Duration idleTimeout;

    IdleConnections(NettyServerProperties netty) {
        this.idleTimeout = netty.getIdleTimeout();
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        if (idleTimeout != null) {
            factory.addServerCustomizers(server -> server.readTimeout(idleTimeout));
        }
    }
}
