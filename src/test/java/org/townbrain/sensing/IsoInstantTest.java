package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void readsWhatDevicesSendToTheMicrosecond() {
        assertThat(IsoInstant.parse("2026-06-01T08:05:00+08:00")).isEqualTo(Instant.parse("2026-06-01T00:05:00Z"));
        assertThat(IsoInstant.parse(" 2026-06-01T00:05:00.1234567Z ")).isEqualTo(Instant.parse("2026-06-01T00:05:00.123456Z"));
        assertThat(IsoInstant.parse("2024-02-29T23:59-00:30")).isEqualTo(Instant.parse("2024-03-01T00:29:00Z"));
    }

    /** A JSON reader hands over its buffer: only the given range counts, and an unusual shape is left to the caller. */
    @Test
    void readsARangeOfABuffer() {
        char[] buffer = "[\"2026-06-01T08:05:00+08:00\",\" 2026-06-01T00:05Z\",\"2026-06-01T08:05:00+0800\"]".toCharArray();
        assertThat(IsoInstant.common(buffer, 2, 25)).isEqualTo(Instant.parse("2026-06-01T00:05:00Z"));
        assertThat(IsoInstant.common(buffer, 30, 18)).isEqualTo(Instant.parse("2026-06-01T00:05:00Z"));
        assertThat(IsoInstant.common(buffer, 51, 24)).isNull();
        assertThat(IsoInstant.common(buffer, 2, 24)).as("cut short").isNull();
    }

    @Test
    void refusesWhatOffsetDateTimeRefuses() {
        for (String bad : List.of("2026-02-29T08:00:00+08:00", "2026-06-31T08:00:00Z", "2026-06-01T24:00:00Z",
                "2026-06-01T08:60:00Z", "2026-06-01T08:00:60Z", "2026-06-01T08:00:00", "2026-06-01T08:00:00+19:00",
                "2026-06-01 08:00:00Z", "2026-06-01T08:00:00.1234567890Z", "yesterday", "2026-6-1T08:00:00Z")) {
            assertThatThrownBy(() -> IsoInstant.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    /** Every shape and value, good or bad, gives what {@code OffsetDateTime.parse} gives. */
    @Test
    void agreesWithOffsetDateTimeOnRandomTimes() {
        Random random = new Random(20260601);
        String[] offsets = {"Z", "+08:00", "-05:30", "+18:00", "-18:00", "+18:01", "+08:00:00", "+0800", "z", "+8:00", ""};
        String[] fractions = {"", ".5", ".123456", ".123456789", ".", ".1234567891"};
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String time = String.format("%04d-%02d-%02dT%02d:%02d", random.nextInt(2, 10_000), random.nextInt(0, 14),
                    random.nextInt(0, 33), random.nextInt(0, 25), random.nextInt(0, 61));
            if (random.nextBoolean()) {
                time += String.format(":%02d", random.nextInt(0, 61)) + fractions[random.nextInt(fractions.length)];
            }
            samples.add(time + offsets[random.nextInt(offsets.length)]);
        }
        for (String sample : samples) {
            Object expected;
            try {
                expected = OffsetDateTime.parse(sample).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            Object actual;
            try {
                actual = IsoInstant.parse(sample);
            } catch (DateTimeParseException e) {
                actual = DateTimeParseException.class;
            }
            assertThat(actual).as(sample).isEqualTo(expected);
        }
    }
}
