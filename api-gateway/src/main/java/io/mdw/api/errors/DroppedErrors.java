package io.mdw.api.errors;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Hooks;

/**
 * Errors Reactor drops because nobody listens any more, as when a client resets its connection in the middle of a
 * body the endpoint never reads: Reactor logs each as an ERROR with its stack trace, so any client could fill the log.
 * A client gone is logged at debug level; anything else is still an error.
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
    }

    private static void log(Throwable dropped) {
        if (DisconnectedClientHelper.isClientDisconnectedException(dropped)) {
            log.debug("A client went away: {}", dropped.toString());
        } else {
            log.error("An error arrived after its request was over", dropped);
        }
    }
}
