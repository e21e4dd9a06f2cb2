package io.mdw.batch.cli;

import io.mdw.scheduling.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.mdw.calendar.WarehouseDates;
import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Loads one series from a file through the same pipeline as the provider's data. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a Polygon-format JSON file or a CSV file (header t,o,h,l,c,v[,vw,n]) as one series: all of"
                + " it, or its bars from --from to --to.")
class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the file (.json in the provider's format, or .csv)")
    Path file;

    @Option(names = "--symbol", required = true, converter = TickerConverter.class, description = "the ticker the bars belong to, e.g. X:ETHUSD")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class, description = "e.g. 5m")
    Timeframe timeframe;

    @Option(names = "--asset-class", converter = AssetClassConverter.class,
            description = "stock, etf, crypto or forex (default: from the ticker)")
    AssetClass assetClass;

    @Mixin
    WindowOptions window;

    @Override
    public Integer call() throws Exception {
        // refused before a job starts: a failed job would be "the last failed load" that ./mdw restart picks up
        if (file.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "the file's path is empty; give the path of a .json or .csv"
                    + " file");
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), file + " is not a regular file (a device or a pipe?);"
                    + " give the path of a .json or .csv file");
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": permission denied");
        }
        if (Files.size(file) == 0) {
            throw new ParameterException(spec.commandLine(), file + " is empty; give a Polygon aggregates response"
                    + " (.json) or a .csv file with a header row such as time,open,high,low,close,volume");
        }
        // without --from/--to the window is every year the warehouse holds, so every bar of the file is inside it
        Instant start = window.start(WarehouseDates.START);
        var request = new LoadRequest(LoadRequest.newId(), List.of(symbol), List.of(timeframe), start,
                window.end(start, WarehouseDates.END), LoadRequest.fileSource(file.toAbsolutePath().toString()));
        return LoadReport.runInForeground(spec, launcher -> launcher.start(request, assetClass));
    }
}
