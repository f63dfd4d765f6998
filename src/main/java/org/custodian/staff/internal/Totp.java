package org.custodian.staff.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): the second factor of a staff
 * sign-in (HIPAA 45 CFR 164.312(d), person authentication). Authenticator apps use HMAC-SHA1, six
 * digits and 30-second steps; the RFC's test vectors (eight digits, SHA-1/256/512) are its unit tests.
 * Public so that tests can compute the code an authenticator app would show.
 */
public final class Totp {

    /** Seconds per time step (RFC 6238 X). */
    public static final int STEP_SECONDS = 30;
    /** Digits of a code, as authenticator apps show them. */
    public static final int DIGITS = 6;
    /** Steps either side of now that are still accepted, for a phone's clock a little off (RFC 6238 section 5.2). */
    static final int WINDOW = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new shared secret: 20 random bytes (160 bits, RFC 4226 section 4's recommendation), in Base32. */
    static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return Base32.encode(key);
    }

    /** The time step of {@code instant} (RFC 6238 T, with T0 = 0). */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The six-digit code of {@code base32Secret} at {@code instant}, as an authenticator app shows it. */
    public static String code(String base32Secret, Instant instant) {
        return code(Base32.decode(base32Secret), step(instant), DIGITS, "HmacSHA1");
    }

    /** RFC 4226 HOTP of counter {@code step}: dynamic truncation of HMAC({@code key}, step), {@code digits} digits. */
    static String code(byte[] key, long step, int digits, String algorithm) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] counter = new byte[8];
            for (int i = 7; i >= 0; i--) {
                counter[i] = (byte) (step & 0xff);
                step >>>= 8;
            }
            hash = mac.doFinal(counter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        String text = Integer.toString(binary % modulus);
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * The time step at which {@code code} is right for {@code base32Secret} near {@code now}, if it is and
     * that step is later than {@code lastUsedStep}: a code already used, or an older one, is refused
     * (RFC 6238 section 5.2, "the verifier MUST NOT accept the second attempt of the same OTP").
     */
    static OptionalLong verify(String base32Secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        long current = step(now);
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (s > lastUsedStep && constantTimeEquals(code(key, s, DIGITS, "HmacSHA1"), code)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** The otpauth URI an authenticator app reads from the QR code (Key Uri Format). */
    static String uri(String issuer, String account, String base32Secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
