package dev.ocspwatch.app;

import dev.ocspwatch.app.agent.AgentCommand;
import dev.ocspwatch.app.bench.BenchCommand;
import dev.ocspwatch.app.collector.CollectorCommand;
import dev.ocspwatch.app.standalone.StandaloneCommand;
import dev.ocspwatch.app.check.CheckCommand;
import dev.ocspwatch.app.ct.CtCommand;
import dev.ocspwatch.app.lab.LabCommand;
import dev.ocspwatch.app.cli.LogLevel;
import dev.ocspwatch.app.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ocspwatch} command: wiring only; each subcommand lives in its own package. */
@Command(name = "ocspwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Watches whether certificate authorities serve an authoritative OCSP response within 15 minutes"
                    + " of a certificate's first publication (CA/Browser Forum Baseline Requirements 4.9.9)."},
        subcommands = {LabCommand.class, StandaloneCommand.class, AgentCommand.class, CollectorCommand.class, CheckCommand.class, CtCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        LogLevel.fromEnvironment(System.getenv());
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new CommandLine.IExecutionExceptionHandler() {
            @Override
            public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
                // An exception reaching here is a bug: say so in one line, keep the trace for a report.
                cmd.getErr().println("ocspwatch: internal error: " + e);
                e.printStackTrace(cmd.getErr());
                return 70;
            }
        });
        return commandLine;
    }
}
