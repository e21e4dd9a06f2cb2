package io.mdw.batch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.batch.warehouse.TrackedSymbol;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The symbols the nightly load keeps up to date. */
@Command(name = "symbols", mixinStandardHelpOptions = true, description = "Track, list and deactivate symbols.",
        subcommands = { SymbolsCommand.Add.class, SymbolsCommand.ListSymbols.class, SymbolsCommand.Deactivate.class })
class SymbolsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Track a symbol (or add timeframes to one already tracked, and reactivate it).")
    static class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", converter = TickerConverter.class, description = "the ticker, e.g. AAPL or X:BTCUSD")
        String symbol;

        @Option(names = "--asset-class", converter = AssetClassConverter.class,
                description = "stock, etf, crypto or forex (default: from the ticker)")
        AssetClass assetClass;

        @Option(names = "--timeframes", split = ",", converter = TimeframeConverter.class, defaultValue = "1d",
                description = "timeframes to keep, e.g. 1d,1h (default 1d)")
        List<Timeframe> timeframes;

        @Option(names = "--since", converter = HistoryStartConverter.class,
                description = "history start (YYYY-MM-DD, from 1900-01-01 to today) for its first nightly load")
        LocalDate since;

        @Override
        public Integer call() {
            try (var context = BatchContext.records()) {
                var symbols = context.getBean(SymbolRepository.class);
                symbols.register(symbol, assetClass, timeframes, since);
                Audit.record(context, spec, "symbol.add", null);
                print(spec.commandLine().getOut(), List.of(symbols.find(symbol).orElseThrow()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tracked symbols.")
    static class ListSymbols implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var context = BatchContext.records()) {
                print(spec.commandLine().getOut(), context.getBean(SymbolRepository.class).list());
            }
            return 0;
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Stop loading a symbol (its data stays).")
    static class Deactivate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", converter = TickerConverter.class, description = "the ticker")
        String symbol;

        @Override
        public Integer call() {
            try (var context = BatchContext.records()) {
                SymbolRepository symbols = context.getBean(SymbolRepository.class);
                TrackedSymbol known = symbols.find(symbol).orElseThrow(() -> new IllegalArgumentException(
                        "symbol " + symbol + " is not tracked (see ./mdw symbols list)"));
                if (known.timeframes().isEmpty()) {
                    throw new IllegalArgumentException("symbol " + symbol + " is not tracked: it was only loaded from a"
                            + " file (./mdw symbols add tracks it)");
                }
                symbols.deactivate(symbol);
                Audit.record(context, spec, "symbol.deactivate", null);
                spec.commandLine().getOut().println(symbol + (known.active() ? " deactivated" : " was already deactivated"));
            }
            return 0;
        }
    }

    static void print(PrintWriter out, List<TrackedSymbol> symbols) {
        out.printf("%-12s %-7s %-12s %-20s %-11s %s%n", "SYMBOL", "CLASS", "TICKER", "TIMEFRAMES", "SINCE", "ACTIVE");
        for (TrackedSymbol s : symbols) {
            out.printf("%-12s %-7s %-12s %-20s %-11s %s%n", s.symbol(), s.assetClass().code(), s.providerTicker(),
                    String.join(",", s.timeframes().stream().map(Timeframe::code).toList()),
                    s.historyStart() == null ? "-" : s.historyStart(), active(s));
        }
        out.flush();
    }

    /** A symbol only loaded from a file was never tracked: it has no timeframes, unlike a deactivated one. */
    private static String active(TrackedSymbol symbol) {
        return symbol.active() ? "yes" : symbol.timeframes().isEmpty() ? "no (file load)" : "no";
    }
}
