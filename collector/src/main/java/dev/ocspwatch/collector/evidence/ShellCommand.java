package dev.ocspwatch.collector.evidence;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One POSIX shell command: its arguments exactly as the program should receive them, and a
 * comment for the person running it. Arguments come from responders and CT logs, so
 * {@link #line()} single-quotes everything that is not plainly safe; the comment is flattened
 * to one line so it cannot end itself early and start a command.
 */
public record ShellCommand(String comment, List<String> argv) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./@%+,:=-]+");

    public ShellCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        comment = comment == null ? "" : oneLine(comment);
    }

    public static ShellCommand of(String comment, String... argv) {
        return new ShellCommand(comment, List.of(argv));
    }

    /** The command as a shell reads it: every argument arrives unchanged, as one argument. */
    public String line() {
        return argv.stream().map(ShellCommand::quote).collect(Collectors.joining(" "));
    }

    /** {@code # comment} then the command, for a script. */
    public String script() {
        return comment.isEmpty() ? line() : "# " + comment + "\n" + line();
    }

    /**
     * Safe words stay bare; anything else is wrapped in single quotes, inside which a shell
     * interprets nothing, and each embedded quote becomes {@code '\''}. NUL cannot travel in an
     * argument at all, so it is dropped. A leading {@code =} is quoted too: zsh, where people
     * paste these, expands {@code =word} to a path.
     */
    public static String quote(String argument) {
        String arg = Objects.requireNonNull(argument, "argument").replace("\0", "");
        if (SAFE.matcher(arg).matches() && !arg.startsWith("=")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Control characters (newlines above all) become spaces. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
        }
        return out.toString();
    }
}
