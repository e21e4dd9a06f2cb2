package io.mdw.batch.cli;

import io.mdw.market.Timeframe;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A timeframe option: an unknown one is a usage error listing the valid ones. */
public class TimeframeConverter implements ITypeConverter<Timeframe> {

    @Override
    public Timeframe convert(String value) {
        try {
            return Timeframe.fromCode(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
