package dev.ocspwatch.agent.discovery;

/**
 * Something discovery could not use: an entry (with its index) or a tree head or tile (index -1,
 * or the first index of the tile). Counted per log and reason, logged once, never fatal.
 *
 * @param reason a short, stable label for metrics ({@code malformed-leaf}, {@code sth-signature}, ...)
 * @param detail the specifics, quoting the bad input
 */
public record Reject(String log, long index, String reason, String detail) {
}
