package io.mdw.batch.cli;

import java.util.Locale;

import io.mdw.market.AssetClass;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An asset class option, in any case as the API takes it (STOCK is stock). */
class AssetClassConverter implements ITypeConverter<AssetClass> {

    @Override
    public AssetClass convert(String value) {
        try {
            return AssetClass.fromCode(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
