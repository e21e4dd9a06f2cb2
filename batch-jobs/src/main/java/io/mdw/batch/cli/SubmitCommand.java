package io.mdw.batch.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.mdw.market.AssetClass;
import io.mdw.market.Timeframe;
import io.mdw.scheduling.LoadRequest;
import io.mdw.scheduling.LoadSubmissionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Queues a load in the cluster; a batch node runs it. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Queue a load for the cluster's batch nodes and print its job id.")
class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--symbols", split = ",", required = true, converter = TickerConverter.class, description = "tickers, e.g. AAPL,X:BTCUSD")
    List<String> symbols;

    @Option(names = "--timeframes", split = ",", converter = TimeframeConverter.class, defaultValue = "1d",
            description = "timeframes, e.g. 1d,1h (default 1d)")
    List<Timeframe> timeframes;

    @Option(names = "--asset-class", converter = AssetClassConverter.class,
            description = "stock, etf, crypto or forex (default: from the ticker)")
    AssetClass assetClass;

    @Mixin
    WindowOptions window;

    @Override
    public Integer call() {
        Instant start = window.start(null);
        var request = new LoadRequest(LoadRequest.newId(), symbols, timeframes, start,
                window.end(start, WindowOptions.endOfToday()), LoadRequest.POLYGON);
        try (var context = BatchContext.records()) {
            var submission = context.getBean(LoadSubmissionService.class).submitTracking(request, assetClass);
            Audit.record(context, spec, "load.submit", submission.jobId());
            spec.commandLine().getOut().println(submission.existing()
                    ? "already queued or running: job " + submission.jobId()
                    : "queued at " + Instant.now() + ": job " + submission.jobId());
        }
        return 0;
    }
}
