package io.mdw.batch.source.polygon;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What went wrong on the wire, in words an operator can act on. Java's HTTP client reports a refused connection as a
 * ConnectException without a message (caused by a ClosedChannelException), and a peer that went away as an
 * IOException naming its parser's state ("HTTP/1.1 header parser received no bytes"), the reset or end of stream
 * only in a cause: neither says what happened.
 */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    /** @param timeout the connect and request timeout, which the exception does not repeat */
    static String describe(IOException failure, Duration timeout) {
        if (find(failure, StalledBodyTimeout.BodyStalledException.class).isPresent()) {
            return "the answer stopped arriving (no data within " + text(timeout) + ")";
        }
        // a connect timeout is a kind of HttpTimeoutException, so it is told apart first
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect within " + text(timeout);
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + text(timeout);
        }
        if (failure instanceof ConnectException) {
            return find(failure, UnresolvedAddressException.class).isPresent()
                    || find(failure, UnknownHostException.class).isPresent() ? "unknown host" : "connection refused";
        }
        if (find(failure, SocketException.class)
                .filter(e -> String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")).isPresent()) {
            return "connection reset";
        }
        if (find(failure, EOFException.class).isPresent()) {
            return "connection closed before the answer was complete";
        }
        return "I/O error: " + chain(failure).map(Throwable::getMessage).filter(message -> message != null)
                .findFirst().orElse(failure.getClass().getSimpleName());
    }

    private static String text(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).filter(type::isInstance).map(type::cast).findFirst();
    }

    private static Stream<Throwable> chain(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause);
    }
}
