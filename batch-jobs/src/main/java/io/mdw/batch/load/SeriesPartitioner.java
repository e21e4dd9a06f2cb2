package io.mdw.batch.load;

import io.mdw.scheduling.LoadRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.market.Timeframe;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** One partition per (symbol, timeframe) of the request, named "SYMBOL@tf". */
public class SeriesPartitioner implements Partitioner {

    private final LoadRequest parameters;
    private final SymbolRepository symbols;

    public SeriesPartitioner(LoadRequest parameters, SymbolRepository symbols) {
        this.parameters = parameters;
        this.symbols = symbols;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (String symbol : parameters.symbols()) {
            var tracked = symbols.find(symbol).orElseThrow(
                    () -> new IllegalStateException("symbol " + symbol + " is not registered in the warehouse"));
            for (Timeframe timeframe : parameters.timeframes()) {
                var window = new SeriesWindow(symbol, tracked.providerTicker(), tracked.assetClass(), timeframe,
                        parameters.from(), parameters.to());
                partitions.put(window.key(), SeriesWindowContext.toContext(window));
            }
        }
        return partitions;
    }
}
