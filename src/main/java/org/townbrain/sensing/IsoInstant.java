package org.townbrain.sensing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.temporal.ChronoUnit;

/**
 * Reads an observation time: ISO-8601 with an offset, exactly as {@link OffsetDateTime#parse}
 * reads it, to the microsecond (as PostgreSQL keeps it). The shapes devices send
 * ({@code 2026-06-01T08:05:00+08:00}, {@code 2026-06-01T00:05:00.123Z}) are read by hand,
 * because {@code OffsetDateTime.parse} was most of the time spent checking a batch; anything
 * else, valid or not, goes to {@code OffsetDateTime.parse}, which decides and explains.
 */
final class IsoInstant {

    private IsoInstant() {
    }

    static Instant parse(String text) {
        char[] chars = text.toCharArray();
        Instant fast = common(chars, 0, chars.length);
        return fast != null ? fast : OffsetDateTime.parse(text.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The common shapes read straight from a parser's buffer, without making a string; null for
     * anything else, which the caller then reads with {@link #parse(String)}.
     */
    static Instant common(char[] chars, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to && Character.isWhitespace(chars[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(chars[to - 1])) {
            to--;
        }
        Instant at = shape(chars, from, to);
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} then {@code Z} or {@code ±HH:MM} in {@code s[from, n)}; null for any other shape or an impossible value. */
    private static Instant shape(char[] s, int from, int n) {
        if (n - from < 17 || s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T' || s[from + 13] != ':') {
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = 0;
        int nanos = 0;
        int i = from + 16;
        if (i < n && s[i] == ':') {
            second = i + 3 <= n ? digits(s, i + 1, 2) : -1;
            i += 3;
            if (i < n && s[i] == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && isDigit(s[i])) {
                    nanos = nanos * 10 + (s[i++] - '0');
                }
                if (i == start) {
                    return null;
                }
                for (int k = i - start; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        int offset;
        if (i == n - 1 && s[i] == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || oh == 18 && om > 0) {
                return null;
            }
            offset = (s[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return month == 2 ? (Year.isLeap(year) ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written with {@code count} digits at {@code from}, or -1. */
    private static int digits(char[] s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
