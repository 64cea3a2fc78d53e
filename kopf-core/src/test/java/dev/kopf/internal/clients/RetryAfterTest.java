package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a throttled or refused request waits before it is sent again. */
class RetryAfterTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "429, 3, 3000",
        "503, 1, 1000",
        "500, ' 2 ', 2000",
        "429, 3600, 60000",
        "429, 0, 0",
        "429, -1, 0",
        "429, none, 0",
        "429, 'Wed, 21 Oct 2015 07:28:00 GMT', 0",
        "409, 3, 0",
        "404, 3, 0",
    })
    void theHeaderIsHonouredAfterThrottlingAndServerErrorsOnly(int code, String header,
            long millis) {
        assertThat(RetryAfter.waitOf(code, header)).isEqualTo(millis);
    }
}
