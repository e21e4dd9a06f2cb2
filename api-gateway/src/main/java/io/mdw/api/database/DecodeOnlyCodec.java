package io.mdw.api.database;

import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;

/** A codec that only reads values: it is never offered a parameter to encode, and refuses one if it were. */
interface DecodeOnlyCodec<T> extends Codec<T> {

    @Override
    default boolean canEncode(Object value) {
        return false;
    }

    @Override
    default boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    default EncodedParameter encode(Object value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " only decodes");
    }

    @Override
    default EncodedParameter encode(Object value, int dataType) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " only decodes");
    }

    @Override
    default EncodedParameter encodeNull() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " only decodes");
    }
}
