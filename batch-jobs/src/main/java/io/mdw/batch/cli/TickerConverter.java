package io.mdw.batch.cli;

import io.mdw.market.Ticker;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A symbol given on the command line, in its stored form (aapl is AAPL). */
class TickerConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String ticker = Ticker.normalize(value);
        if (!Ticker.isValid(ticker)) {
            throw new TypeConversionException("Invalid symbol '" + value + "': expected " + Ticker.EXPECTED);
        }
        return ticker;
    }
}
