package io.mdw.batch.source.polygon;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when none of it arrives for a while. Java's HTTP client applies a request's timeout only
 * until the headers are in, so a provider that stops sending halfway through a body would hold the load for ever.
 */
final class StalledBodyTimeout {

    private StalledBodyTimeout() {
    }

    /** The handler's bodies, each given up (and its connection closed) when no data arrives within the timeout. */
    static <T> HttpResponse.BodyHandler<T> of(HttpResponse.BodyHandler<T> handler, Duration timeout) {
        return info -> new Watched<>(handler.apply(info), timeout);
    }

    /** Why a stalled body failed; the client's send reports it as the cause of its IOException. */
    static final class BodyStalledException extends IOException {
        BodyStalledException(Duration timeout) {
            super("no data of the answer's body within " + timeout);
        }
    }

    private static final class Watched<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> body;
        private final Duration timeout;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private volatile long lastDataNanos;
        private volatile Flow.Subscription subscription;

        Watched(HttpResponse.BodySubscriber<T> body, Duration timeout) {
            this.body = body;
            this.timeout = timeout;
            body.getBody().whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
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
        public CompletionStage<T> getBody() {
            return result;
        }

        private void checkAfter(long nanos) {
            CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(this::check);
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
