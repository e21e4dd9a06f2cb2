package io.mdw.batch.cli;

import io.mdw.scheduling.LoadRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.mdw.batch.load.LoadBarsJobConfiguration;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Loads series from the provider (or the bundled sample) into the warehouse, in the foreground. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Load bars for symbols x timeframes over a window, from Polygon (--from is required, --to defaults"
                + " to today) or the bundled sample (by default all of it).")
class BackfillCommand implements Callable<Integer> {

    /** The bundled sample: 580 real 5-minute ETH/USD bars from 2023-03-13 18:00 to 2023-03-15 18:15 UTC. */
    static final String SAMPLE_SYMBOL = "X:ETHUSD";
    static final Timeframe SAMPLE_TIMEFRAME = Timeframe.FIVE_MINUTES;
    static final Instant SAMPLE_FROM = Instant.parse("2023-03-13T00:00:00Z");
    static final Instant SAMPLE_TO = Instant.parse("2023-03-16T00:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--symbols", split = ",", converter = TickerConverter.class, description = "tickers, e.g. AAPL,X:BTCUSD")
    List<String> symbols;

    @Option(names = "--timeframes", split = ",", converter = TimeframeConverter.class,
            description = "timeframes, e.g. 1d,1h (default 1d)")
    List<Timeframe> timeframes;

    @Option(names = "--asset-class", converter = AssetClassConverter.class,
            description = "stock, etf, crypto or forex (default: from the ticker, X: crypto, C: forex, else stock)")
    AssetClass assetClass;

    @Option(names = "--source", defaultValue = "polygon", description = "polygon (needs POLYGON_API_KEY) or sample")
    String source;

    @Mixin
    WindowOptions window;

    @Override
    public Integer call() throws Exception {
        LoadRequest request = switch (source) {
            case "sample" -> sample();
            case "polygon" -> polygon();
            default -> throw new ParameterException(spec.commandLine(),
                    "--source must be polygon or sample, not '" + source + "'");
        };
        return LoadReport.runInForeground(spec, launcher -> launcher.start(request, assetClass));
    }

    private LoadRequest sample() {
        if (symbols != null || timeframes != null) {
            throw new ParameterException(spec.commandLine(), "the sample holds " + SAMPLE_SYMBOL + " " + SAMPLE_TIMEFRAME.code()
                    + " only: drop --symbols and --timeframes with --source sample");
        }
        Instant start = window.start(SAMPLE_FROM);
        return new LoadRequest(LoadRequest.newId(), List.of(SAMPLE_SYMBOL), List.of(SAMPLE_TIMEFRAME),
                start, window.end(start, SAMPLE_TO), LoadRequest.fileSource(LoadBarsJobConfiguration.SAMPLE));
    }

    private LoadRequest polygon() {
        if (symbols == null || symbols.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--symbols is required, e.g. --symbols AAPL,X:BTCUSD");
        }
        Instant start = window.start(null);
        var request = new LoadRequest(LoadRequest.newId(), symbols,
                timeframes == null ? List.of(Timeframe.ONE_DAY) : timeframes, start,
                window.end(start, WindowOptions.endOfToday()), LoadRequest.POLYGON);
        // the key last: a wrong option needs fixing whether or not a key is set
        PolygonKey.require(", or load the bundled sample with --source sample");
        return request;
    }
}
