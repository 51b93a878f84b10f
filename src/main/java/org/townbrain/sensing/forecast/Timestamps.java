package org.townbrain.sensing.forecast;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 timestamps with an offset, read and written as epoch seconds. The common shapes
 * ({@code 2026-06-01T08:05:00+08:00}, {@code …Z}, with or without seconds or fractions) are
 * parsed by hand because the replay reads millions of them; anything else falls back to
 * {@link OffsetDateTime#parse}.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** Epoch seconds of an ISO-8601 timestamp with offset held in {@code b[from, to)}. */
    public static long parse(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 17 && b[from + 4] == '-' && b[from + 7] == '-' && (b[from + 10] == 'T' || b[from + 10] == ' ')
                && b[from + 13] == ':') {
            int year = digits(b, from, 4);
            int month = digits(b, from + 5, 2);
            int day = digits(b, from + 8, 2);
            int hour = digits(b, from + 11, 2);
            int minute = digits(b, from + 14, 2);
            int i = from + 16;
            int second = 0;
            if (i < to && b[i] == ':') {
                second = digits(b, i + 1, 2);
                i += 3;
                if (i < to && (b[i] == '.' || b[i] == ',')) {
                    i++;
                    while (i < to && b[i] >= '0' && b[i] <= '9') {
                        i++;
                    }
                }
            }
            int offsetSeconds = Integer.MIN_VALUE;
            if (i < to && (b[i] == 'Z' || b[i] == 'z') && i + 1 == to) {
                offsetSeconds = 0;
            } else if (i < to && (b[i] == '+' || b[i] == '-') && to - i == 6 && b[i + 3] == ':') {
                int sign = b[i] == '-' ? -1 : 1;
                int oh = digits(b, i + 1, 2);
                int om = digits(b, i + 4, 2);
                if (oh >= 0 && om >= 0) {
                    offsetSeconds = sign * (oh * 3600 + om * 60);
                }
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 61 && offsetSeconds != Integer.MIN_VALUE) {
                return daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
            }
        }
        return OffsetDateTime.parse(new String(b, from, n, java.nio.charset.StandardCharsets.US_ASCII))
                .toEpochSecond();
    }

    public static long parse(String text) {
        byte[] b = text.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return parse(b, 0, b.length);
    }

    /** The offset written in a timestamp, or UTC when it has none we understand. */
    public static ZoneOffset offsetOf(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).getOffset();
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public static String format(long epochSeconds, ZoneOffset offset) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(epochSeconds).atOffset(offset));
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
