package io.mdw.batch.source.polygon;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A response body read whole into memory that fails when none of it arrives for a while. Java's HTTP client applies a
 * request's timeout only until the headers are in, so a provider that stops sending halfway through a body would hold
 * the load for ever.
 */
final class StalledBodyTimeout {

    /** One thread for every body's check; a check is dropped as soon as its body has arrived, so no body is kept. */
    private static final ScheduledThreadPoolExecutor CHECKS = checks();

    private StalledBodyTimeout() {
    }

    private static ScheduledThreadPoolExecutor checks() {
        ScheduledThreadPoolExecutor checks = new ScheduledThreadPoolExecutor(1, check -> {
            Thread thread = new Thread(check, "polygon-body-timeout");
            thread.setDaemon(true);
            return thread;
        });
        checks.setRemoveOnCancelPolicy(true);
        return checks;
    }

    /** Bodies as byte arrays, each given up (and its connection closed) when no data arrives within the timeout. */
    static HttpResponse.BodyHandler<byte[]> ofByteArray(Duration timeout) {
        return info -> new Watched(HttpResponse.BodySubscribers.ofByteArray(), timeout);
    }

    /** Why a stalled body failed; the client's send reports it as the cause of its IOException. */
    static final class BodyStalledException extends IOException {
        BodyStalledException(Duration timeout) {
            super("no data of the answer's body within " + timeout);
        }
    }

    /** The body as the client delivers it (a byte array asks for everything at once, so any pause is the sender's). */
    private static final class Watched implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> body;
        private final Duration timeout;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile long lastDataNanos;
        private volatile Flow.Subscription subscription;
        private volatile ScheduledFuture<?> pendingCheck;

        Watched(HttpResponse.BodySubscriber<byte[]> body, Duration timeout) {
            this.body = body;
            this.timeout = timeout;
            body.getBody().whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
            result.whenComplete((value, failure) -> cancelCheck());
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            lastDataNanos = System.nanoTime();
            body.onSubscribe(subscription);
            checkAfter(timeout.toNanos());
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            lastDataNanos = System.nanoTime();
            body.onNext(item);
        }

        @Override
        public void onError(Throwable failure) {
            body.onError(failure);
        }

        @Override
        public void onComplete() {
            body.onComplete();
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        private void checkAfter(long nanos) {
            pendingCheck = CHECKS.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
            // the body may have arrived while the check was being scheduled
            if (result.isDone()) {
                cancelCheck();
            }
        }

        private void cancelCheck() {
            ScheduledFuture<?> check = pendingCheck;
            if (check != null) {
                check.cancel(false);
            }
        }

        private void check() {
            if (result.isDone()) {
                return;
            }
            long idle = System.nanoTime() - lastDataNanos;
            if (idle < timeout.toNanos()) {
                checkAfter(timeout.toNanos() - idle);
            } else if (result.completeExceptionally(new BodyStalledException(timeout))) {
                // cancelling the body's subscription is what makes the client close the connection
                subscription.cancel();
            }
        }
    }
}
