package io.mdw.batch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;

/** A long-running batch node of the cluster. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a batch node: executes queued and nightly loads from the clustered scheduler; "
                + "Actuator health and metrics on MANAGEMENT_SERVER_PORT (default 8081).")
class NodeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        var context = BatchContext.startNode();
        CountDownLatch stopped = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        if (context.isActive()) {
            stopped.await();
        }
        return 0;
    }
}
