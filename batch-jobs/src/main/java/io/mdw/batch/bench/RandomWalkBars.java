package io.mdw.batch.bench;

import java.util.SplittableRandom;

/**
 * Deterministic random-walk bars for one synthetic ticker: bar k depends only on the ticker, k and the previous
 * close, so any page can be produced on demand from a cursor (k, previous close) without keeping the series.
 * Prices are in cents (2 decimals), volumes in ten-thousandths (4 decimals).
 */
final class RandomWalkBars {

    static final long FIRST_OPEN_CENTS = 3_000_000;

    private final long seed;

    RandomWalkBars(String ticker) {
        this.seed = ticker.hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** Bar k, opening at the previous bar's close. */
    Bar bar(long k, long openCents) {
        SplittableRandom random = new SplittableRandom(seed ^ (k * 0xBF58476D1CE4E5B9L));
        long close = Math.max(100, openCents + Math.round(gaussian(random) * openCents * 0.0008));
        long high = Math.max(openCents, close) + Math.round(Math.abs(gaussian(random)) * openCents * 0.0004);
        long low = Math.max(1, Math.min(openCents, close) - Math.round(Math.abs(gaussian(random)) * openCents * 0.0004));
        long vwap = low + (long) (random.nextDouble() * (high - low));
        long volume = 2_000_000 + random.nextLong(6_000_000);
        int trades = 50 + random.nextInt(500);
        return new Bar(openCents, high, low, close, volume, vwap, trades);
    }

    /** The open of bar k, walking from the first bar (only needed when a request starts mid-series without a cursor). */
    long openOf(long k) {
        long open = FIRST_OPEN_CENTS;
        for (long i = 0; i < k; i++) {
            open = bar(i, open).close();
        }
        return open;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    record Bar(long open, long high, long low, long close, long volume, long vwap, int trades) {
    }

    /** A non-negative fixed-point number as decimal text, e.g. (123456, 2) → "1234.56". */
    static String decimal(long unscaled, int scale) {
        StringBuilder digits = new StringBuilder(Long.toString(unscaled));
        while (digits.length() <= scale) {
            digits.insert(0, '0');
        }
        return digits.insert(digits.length() - scale, '.').toString();
    }
}
