package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
    static final List<String> HOSTILE = List.of(
            "http://ocsp.example/'; touch pwned; echo '",
            "http://ocsp.example/$(touch pwned)",
            "http://ocsp.example/`touch pwned`",
            "http://ocsp.example/\"; touch pwned; \"",
            "http://ocsp.example/a b\tc",
            "http://ocsp.example/line\ntouch pwned",
            "http://ocsp.example/back\\slash\\",
            "http://ocsp.example/*?[a]~#",
            "http://ocsp.example/?a=1&b=2|touch pwned>x",
            "''''",
            "=ls",
            "");

    @Test
    void hostileArgumentsReachTheProgramUnchangedAndRunNothing(@TempDir Path dir) {
        assumeTrue(Shell.available("sh", "-c", "true"), "no POSIX sh here");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HOSTILE);
        String line = new ShellCommand("run me", argv).line();

        Shell.Result result = Shell.run(dir, Map.of(), "sh", "-c", line);

        assertEquals(0, result.exitCode(), result.output());
        List<String> received = Arrays.asList(new String(result.stdout(), StandardCharsets.UTF_8).split("\0", -1));
        assertEquals(HOSTILE, received.subList(0, received.size() - 1), line);
        assertFalse(Files.exists(dir.resolve("pwned")), "an argument ran as a command: " + line);
        assertFalse(Files.exists(dir.resolve("x")), "an argument redirected output: " + line);
    }

    @Test
    void plainWordsStayBareAndTheRestIsSingleQuoted() {
        assertEquals("-resp_text", ShellCommand.quote("-resp_text"));
        assertEquals("raw/eu-west/20250210T141500.250Z-GET-7-request.der",
                ShellCommand.quote("raw/eu-west/20250210T141500.250Z-GET-7-request.der"));
        assertEquals("'http://x/?a=1&b=2'", ShellCommand.quote("http://x/?a=1&b=2"));
        assertEquals("'it'\\''s'", ShellCommand.quote("it's"));
        assertEquals("''", ShellCommand.quote(""));
        assertEquals("'=ls'", ShellCommand.quote("=ls"), "zsh would expand =ls to a path");
    }

    @Test
    void aCommentCannotStartACommandOnTheNextLine() {
        ShellCommand command = ShellCommand.of("GET http://x/\ntouch pwned\r\n# ok", "curl", "http://x/");

        String[] lines = command.script().split("\n");

        assertEquals(2, lines.length, command.script());
        assertTrue(lines[0].startsWith("# GET http://x/ touch pwned"), lines[0]);
        assertEquals("curl http://x/", lines[1]);
    }

    @Test
    void splitterReadsBackWhatQuoteWrote() {
        for (String hostile : HOSTILE) {
            assertEquals(List.of("curl", hostile), Shell.split(ShellCommand.of(null, "curl", hostile).line()), hostile);
        }
    }
}
