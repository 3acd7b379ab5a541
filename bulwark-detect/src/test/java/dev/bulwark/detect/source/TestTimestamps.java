package dev.bulwark.detect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reading of UTC times agrees with java.time, and leaves everything else to it. */
class TestTimestamps {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T08:15:02Z", "2026-11-30T08:15:02.5Z", "2026-11-30T08:15:02.123456Z", "2024-02-29T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z"})
    void utcTimesAreReadLikeJavaTime(String text) {
        assertThat(Timestamps.utc(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
        assertThat(Timestamps.parse(text)).contains(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T08:15:02+02:00", "2026-13-30T08:15:02Z", "2026-02-30T08:15:02Z", "2026-11-30T24:00:00Z",
        "2026-11-30T08:15:02.Z", "2026-11-30 08:15:02Z", "2026-11-30T08:15:0xZ", "2026-11-30T08:15:02.1234567890Z"})
    void anythingElseIsLeftToTheGeneralParser(String text) {
        assertThat(Timestamps.utc(text)).isNull();
    }

    @Test
    void offsetsAndLakeTimesStillParse() {
        assertThat(Timestamps.parse("2026-11-30T08:15:02+02:00")).contains(Instant.parse("2026-11-30T06:15:02Z"));
        assertThat(Timestamps.parse("2026-11-30 08:15:02.000")).contains(Instant.parse("2026-11-30T08:15:02Z"));
        assertThat(Timestamps.parse("2026-02-30T08:15:02Z")).isEmpty();
    }
}
