package io.mdw.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The warm-up waits for the JIT to settle, within its bounds; a JIT that reads as compiling stands in for the real one. */
class WarmupTest {

    private static final Duration WINDOW = Duration.ofMillis(20);

    @Test
    void goesOnUntilAWindowWithUnder50MsOfCompiling() throws InterruptedException {
        // 100 ms of compiling in each of the first three windows, then 10 ms
        long[] compiled = {0, 100, 200, 300, 310, 320};
        AtomicInteger looks = new AtomicInteger();
        Warmup warmup = new Warmup(Duration.ZERO, Duration.ofSeconds(30), WINDOW,
                () -> compiled[looks.getAndIncrement()]);

        warmup.waitFrom(System.nanoTime());

        assertThat(looks.get()).as("the first look, then one a window until the fourth settled").isEqualTo(5);
    }

    @Test
    void stopsAtItsMaximumWhileTheJitKeepsCompiling() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        Warmup warmup = new Warmup(Duration.ZERO, Duration.ofMillis(200), WINDOW, () -> 1_000L * looks.getAndIncrement());
        long started = System.nanoTime();

        long ended = warmup.waitFrom(started);

        assertThat(Duration.ofNanos(ended - started)).isBetween(Duration.ofMillis(180), Duration.ofSeconds(1));
        assertThat(looks.get()).isBetween(2, 11);
    }

    @Test
    void lastsItsMinimumEvenWhenTheJitIsIdle() throws InterruptedException {
        Warmup warmup = new Warmup(Duration.ofMillis(150), Duration.ofSeconds(30), WINDOW, () -> 0L);
        long started = System.nanoTime();

        long ended = warmup.waitFrom(started);

        assertThat(Duration.ofNanos(ended - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void withoutJitFiguresItLastsItsMinimum() throws InterruptedException {
        Warmup warmup = new Warmup(Duration.ofMillis(50), Duration.ofSeconds(30), WINDOW, null);
        long started = System.nanoTime();

        long ended = warmup.waitFrom(started);

        assertThat(Duration.ofNanos(ended - started)).isBetween(Duration.ofMillis(50), Duration.ofSeconds(5));
    }
}
