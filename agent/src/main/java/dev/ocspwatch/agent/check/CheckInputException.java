package dev.ocspwatch.agent.check;

/**
 * The check cannot start: bad usage or input (exit 2), or an input it needed could not be
 * fetched (exit 3). The message is the one line the user sees.
 */
public final class CheckInputException extends Exception {
    private final int exitCode;

    public CheckInputException(String message) {
        this(message, CheckExitCode.BAD_INPUT);
    }

    public CheckInputException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
