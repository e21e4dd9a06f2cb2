package io.mdw.batch.cli;

import java.util.concurrent.Callable;

import io.mdw.batch.load.LoadJobParameters;
import io.mdw.scheduling.LoadRequestFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Resumes a failed load (the last one, or the one named) from its last committed chunk. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume the last failed or stopped load, or the one named, after its last committed chunk.")
class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "JOB_ID", description = "the load's job id (load-…, as ./mdw jobs lists"
            + " it); default: the last failed or stopped load")
    String jobId;

    @Override
    public Integer call() throws Exception {
        return LoadReport.runInForeground(spec, (launcher, context) -> {
            var failed = jobId != null ? launcher.restartable(jobId) : launcher.lastRestartable()
                    .orElseThrow(() -> new IllegalStateException("there is no failed or stopped load to restart (one"
                            + " queued again in the cluster is resumed by a batch node: ./mdw jobs lists it)"));
            if (LoadJobParameters.request(failed.getJobParameters()).file() == null) {
                PolygonKey.require(" to resume this load from Polygon");
            }
            String requestId = failed.getJobParameters().getString(LoadRequestFields.REQUEST_ID);
            Audit.record(context, spec, "load.restart", requestId);
            spec.commandLine().getOut().printf("restarting job execution %d (request %s)%n", failed.getId(), requestId);
            return launcher.restart(failed);
        });
    }
}
