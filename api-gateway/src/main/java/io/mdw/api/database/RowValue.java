package io.mdw.api.database;

import io.r2dbc.spi.Readable;

/**
 * A row value ({@code ROW(a, b, ...)} in SQL) read as one column: its fields by position, as the types of a
 * {@link Readable}. A bar read as one row value costs the driver one column instead of fourteen (see {@link RowValueCodec}).
 */
public final class RowValue implements Readable {

    private final Object[] fields;

    RowValue(Object[] fields) {
        this.fields = fields;
    }

    @Override
    public <T> T get(int index, Class<T> type) {
        if (index < 0 || index >= fields.length) {
            throw new IndexOutOfBoundsException("Field " + index + " of a row value with " + fields.length + " fields");
        }
        Object value = fields[index];
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException("Field " + index + " of the row value is a " + value.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        throw new UnsupportedOperationException("The fields of a row value have no names: read them by position");
    }
}
