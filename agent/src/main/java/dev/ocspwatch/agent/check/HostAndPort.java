package dev.ocspwatch.agent.check;

/** {@code HOST[:PORT]} as {@code --host} takes it; IPv6 literals in brackets. Port 443 by default. */
public record HostAndPort(String host, int port) {
    public static HostAndPort parse(String text) {
        String host = text;
        int port = 443;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--host \"" + text + "\": unclosed '[' in an IPv6 literal");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("--host \"" + text + "\": expected ':PORT' after ']'");
                }
                port = port(text, text.substring(close + 2));
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text, text.substring(text.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--host \"" + text + "\": no host name");
        }
        return new HostAndPort(host, port);
    }

    private static int port(String text, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--host \"" + text + "\": port must be 1-65535");
        }
    }
}
