package dev.ocspwatch.app.ct;

import picocli.CommandLine.Command;

/** {@code ocspwatch ct}: Certificate Transparency tools. */
@Command(name = "ct", mixinStandardHelpOptions = true, description = "Certificate Transparency tools.",
        subcommands = {CtTailCommand.class})
public final class CtCommand {
}
