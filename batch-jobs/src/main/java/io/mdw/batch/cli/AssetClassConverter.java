package io.mdw.batch.cli;

import io.mdw.market.AssetClass;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

class AssetClassConverter implements ITypeConverter<AssetClass> {

    @Override
    public AssetClass convert(String value) {
        try {
            return AssetClass.fromCode(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
