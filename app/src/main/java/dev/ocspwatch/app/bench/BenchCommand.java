package dev.ocspwatch.app.bench;

import picocli.CommandLine.Command;

/** {@code ocspwatch bench}: benchmarks that print their figures (the README's performance section). */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures.",
        subcommands = {CheckBenchmark.class, LabOcspBenchmark.class, DiscoveryBenchmark.class, ProberBenchmark.class,
                CollectorBenchmark.class})
public final class BenchCommand {
}
