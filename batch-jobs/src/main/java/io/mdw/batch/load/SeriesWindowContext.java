package io.mdw.batch.load;

import java.time.Instant;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** How a partition's series window is kept in its step execution context (plain strings, readable in the tables). */
final class SeriesWindowContext {

    private SeriesWindowContext() {
    }

    static ExecutionContext toContext(SeriesWindow window) {
        ExecutionContext context = new ExecutionContext();
        context.putString("series.symbol", window.symbol());
        context.putString("series.providerTicker", window.providerTicker());
        context.putString("series.assetClass", window.assetClass().code());
        context.putString("series.timeframe", window.timeframe().code());
        context.putString("series.from", window.from().toString());
        context.putString("series.to", window.to().toString());
        return context;
    }

    static SeriesWindow fromContext(ExecutionContext context) {
        return new SeriesWindow(context.getString("series.symbol"), context.getString("series.providerTicker"),
                AssetClass.fromCode(context.getString("series.assetClass")),
                Timeframe.fromCode(context.getString("series.timeframe")),
                Instant.parse(context.getString("series.from")), Instant.parse(context.getString("series.to")));
    }
}
