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
        description = "Queue a load for the cluster's batch nodes and print its job id (--from is required, --to defaults"
                + " to today). As an API trigger does, it tracks the symbols for the nightly load with these timeframes,"
                + " a deactivated one again too (mdw symbols deactivate stops that).")
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
            LoadSubmissionService submissions = context.getBean(LoadSubmissionService.class);
            var submission = submissions.submitTracking(request, assetClass);
            // audited with the job the answer names, whether it queued this load or already loads it
            Audit.record(context, spec, "load.submit", submission.jobId());
            if (!submission.existing()) {
                spec.commandLine().getOut().println("queued at " + Instant.now() + ": job " + submission.jobId());
                return 0;
            }
            // a load the active job covers is that job; one of other series or times too would lose them without a word
            var active = submissions.find(submission.jobId());
            if (active.filter(job -> job.covers(request)).isPresent()) {
                spec.commandLine().getOut().println("already queued or running: job " + submission.jobId());
                return 0;
            }
            List<String> shared = active.map(request::sharedSeries).orElse(List.of());
            spec.commandLine().getErr().println(spec.qualifiedName() + ": nothing queued: job " + submission.jobId()
                    + ", queued or running, already loads " + (shared.isEmpty() ? "some series" : String.join(", ", shared))
                    + active.map(job -> " from " + job.from() + " to " + job.to()).orElse("")
                    + " of this request; " + (active.filter(request::hasEverySeriesIn).isPresent()
                    ? "submit it again once it has ended" : "submit the rest without those series, or once it has ended"));
            return 1;
        }
    }
}
