package io.mdw.batch.bench;

import picocli.CommandLine.Command;

/** {@code mdw bench}: measurements of the batch node. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the batch node.",
        subcommands = EtlBenchCommand.class)
public class BenchCommand {
}
