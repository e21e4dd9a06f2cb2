package io.mdw.api.errors;

import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Hooks;

/**
 * Errors that nobody is left to take, as when a client resets its connection in the middle of a body the endpoint
 * never reads: Reactor logs each one it drops, and Reactor Netty each one that reaches a request no longer reading its
 * body ("onUncaughtException"), as an ERROR with its stack trace, so any client could fill the log. A client gone is
 * logged at debug level, and so is a refusal of the request's body (one that did not arrive in time, or that a
 * half-close cut short), which Reactor Netty signals to its reader a second time once the request is answered;
 * anything else is still an error.
 */
@Component
class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);
    // the hook is the JVM's: set once, whatever number of application contexts run in it
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    DroppedErrors() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(DroppedErrors::log);
        }
        // the logging system is set up again for each application context, without the filters added before
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging
                && logging.getTurboFilterList().stream().noneMatch(ClientGoneInServerTransport.class::isInstance)) {
            logging.addTurboFilter(new ClientGoneInServerTransport());
        }
    }

    private static void log(Throwable dropped) {
        if (dropped instanceof ApiProblem refusal) {
            // Reactor Netty hands a body's failure to its reader once more as it ends the request, after its 4xx
            log.debug("A request body refused, its request answered: {}", refusal.getMessage());
            return;
        }
        if (!loggedAsClientGone(dropped)) {
            log.error("An error arrived after its request was over", dropped);
        }
    }

    /** Logs the error at debug level if it is a client gone, and says whether it was. */
    private static boolean loggedAsClientGone(Throwable error) {
        if (!DisconnectedClientHelper.isClientDisconnectedException(error)) {
            return false;
        }
        log.debug("A client went away: {}", error.toString());
        return true;
    }

    /** Reactor Netty's server log of an error no reader took: a client gone goes to the debug log instead. */
    private static final class ClientGoneInServerTransport extends TurboFilter {

        private static final String SERVER_TRANSPORT = "reactor.netty.transport.ServerTransport";

        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                Object[] params, Throwable error) {
            boolean clientGone = error != null && level == Level.ERROR && SERVER_TRANSPORT.equals(logger.getName())
                    && loggedAsClientGone(error);
            return clientGone ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
