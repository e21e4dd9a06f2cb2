package io.mdw.api.database;

import java.time.Instant;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.message.Format;

/**
 * Decodes a binary TIMESTAMPTZ as an {@link Instant}: microseconds since 2000-01-01 UTC. The driver's own codec asks
 * the clock for the JVM's zone offset for every value it decodes, a measurable part of reading bars.
 * Read-only: asked for an {@code Instant} from a binary TIMESTAMPTZ column, and for nothing else.
 */
final class UtcInstant implements Codec<Instant> {

    private static final int TIMESTAMPTZ = PostgresqlObjectId.TIMESTAMPTZ.getObjectId();
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return dataType == TIMESTAMPTZ && format == Format.FORMAT_BINARY && type == Instant.class;
    }

    @Override
    public Instant decode(ByteBuf buffer, int dataType, Format format, Class<? extends Instant> type) {
        long micros = buffer.readLong();
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    @Override
    public boolean canEncode(Object value) {
        return false;
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    public EncodedParameter encode(Object value) {
        throw new UnsupportedOperationException("UtcInstant only decodes");
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        throw new UnsupportedOperationException("UtcInstant only decodes");
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new UnsupportedOperationException("UtcInstant only decodes");
    }
}
