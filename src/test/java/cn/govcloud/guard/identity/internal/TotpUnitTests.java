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

    /** RFC 6238 appendix B, SHA-1 column; the RFC prints 8 digits, an authenticator app shows the last 6. */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void codes_match_the_rfc_6238_test_vectors(long epochSecond, String rfcCode) {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(epochSecond)))).isEqualTo(rfcCode.substring(2));
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
