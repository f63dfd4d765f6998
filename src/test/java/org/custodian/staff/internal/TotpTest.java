package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B's test vectors, and the rules around them (one use per code, the window). */
class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238AppendixB(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SEED_SHA1, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SEED_SHA256, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SEED_SHA512, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void rfc4226AppendixDSixDigitCodes() {
        // HOTP values for counters 0..9 of the RFC 4226 secret: what an authenticator shows (6 digits, SHA-1).
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.code(SEED_SHA1, counter, 6, "HmacSHA1")).isEqualTo(expected[counter]);
        }
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("mzxw6ytboi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Base32.decode(secret)).hasSize(20);
    }

    @Test
    void aCodeIsAcceptedOnceWithinOneStepEitherSideAndNotAfter() {
        String secret = Base32.encode(SEED_SHA1);
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.step(now);
        String code = Totp.code(secret, now);

        assertThat(Totp.verify(secret, code, now, 0)).hasValue(step);
        // RFC 6238 section 5.2: the same code is not accepted twice.
        assertThat(Totp.verify(secret, code, now, step)).isEmpty();
        // A phone one step behind or ahead still signs in; two steps off does not.
        assertThat(Totp.verify(secret, code, now.plusSeconds(30), 0)).hasValue(step);
        assertThat(Totp.verify(secret, code, now.minusSeconds(30), 0)).hasValue(step);
        assertThat(Totp.verify(secret, code, now.plusSeconds(90), 0)).isEmpty();
        assertThat(Totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.verify(secret, null, now, 0)).isEmpty();
    }

    @Test
    void theOtpauthUriCarriesIssuerAccountAndSecret() {
        assertThat(Totp.uri("Custodian HIM", "jane.doe", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/Custodian%20HIM:jane.doe?secret=JBSWY3DPEHPK3PXP&issuer=Custodian%20HIM"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
