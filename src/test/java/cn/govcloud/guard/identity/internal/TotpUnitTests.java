package cn.govcloud.guard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The second factor against the published vectors, not against itself (issue 18 point 7). */
class TotpUnitTests {
    /** RFC 6238 appendix B's SHA-1 seed, the ASCII of "12345678901234567890". */
    static final String RFC_SEED = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    /**
     * RFC 6238 appendix B, SHA-1 rows: the time, its step T as the RFC prints it (hex) and the code. The RFC prints 8
     * digits; an authenticator app shows the last 6.
     */
    @ParameterizedTest
    @CsvSource({
            "59, 0000000000000001, 94287082",
            "1111111109, 00000000023523EC, 07081804",
            "1111111111, 00000000023523ED, 14050471",
            "1234567890, 000000000273EF07, 89005924",
            "2000000000, 0000000003F940AA, 69279037",
            "20000000000, 0000000027BC86AA, 65353130"})
    void codes_match_the_rfc_6238_test_vectors(long epochSecond, String rfcStep, String rfcCode) {
        long step = Totp.step(Instant.ofEpochSecond(epochSecond));
        assertThat(step).isEqualTo(Long.parseLong(rfcStep, 16));
        assertThat(Totp.code(RFC_SEED, step)).isEqualTo(rfcCode.substring(2));
    }

    /** The verifier, not only the generator: each vector's code is taken at its instant, and not 90 s later (±1 step). */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void the_rfc_codes_are_accepted_at_their_time_and_refused_once_the_window_has_passed(long epochSecond, String rfcCode) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        assertThat(Totp.matchingStep(RFC_SEED, rfcCode.substring(2), at)).isEqualTo(Totp.step(at));
        assertThat(Totp.matchingStep(RFC_SEED, rfcCode.substring(2), at.plusSeconds(90))).isEqualTo(-1);
    }

    @Test
    void a_code_one_step_either_side_is_accepted_and_two_steps_away_is_not() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 1), now)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 1), now)).isEqualTo(step + 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SEED, "12345", now)).isEqualTo(-1);
    }

    /** RFC 4648 section 10 (without padding, as otpauth URIs carry it). */
    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32_matches_rfc_4648(String plain, String encoded) {
        assertThat(Totp.base32(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Totp.unbase32(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
    }
}
