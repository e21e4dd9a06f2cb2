package io.mdw.batch.cli;

import io.mdw.market.Timeframe;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

class TimeframeConverter implements ITypeConverter<Timeframe> {

    @Override
    public Timeframe convert(String value) {
        try {
            return Timeframe.fromCode(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
