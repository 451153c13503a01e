package dev.ocspwatch.app.cli;

import picocli.CommandLine;

/** Reports the version Maven wrote into the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"ocspwatch " + (version == null ? "(development build)" : version)};
    }
}
