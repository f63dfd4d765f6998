package org.custodian.interop.internal.hl7;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The sender allow-list ({@code custodian.mllp.senders}): which peers a connection stands for.
 * Over TLS a client certificate the truststore accepted must also be one an entry names (by
 * subject and/or SHA-256 fingerprint): a certificate authority vouches for many systems, the
 * allow-list says which of them may feed this registry (HIPAA 45 CFR 164.312(d)).
 */
final class MllpSenders {

    private final List<MllpSettings.Sender> senders;

    MllpSenders(List<MllpSettings.Sender> senders) {
        for (MllpSettings.Sender s : senders) {
            if (s.certificateSubject() != null && !s.certificateSubject().isBlank()) {
                try {
                    new X500Principal(s.certificateSubject());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("custodian.mllp.senders[" + s.name()
                            + "].certificate-subject is not an X.500 name (e.g. CN=lab,O=General Hospital)", e);
                }
            }
            if (s.certificateFingerprint() != null && !s.certificateFingerprint().isBlank()
                    && !normalized(s.certificateFingerprint()).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("custodian.mllp.senders[" + s.name()
                        + "].certificate-fingerprint must be a SHA-256 fingerprint: 64 hex digits, colons allowed");
            }
        }
        this.senders = List.copyOf(senders);
    }

    boolean anyWithCertificate() {
        return senders.stream().anyMatch(MllpSettings.Sender::hasCertificate);
    }

    int size() {
        return senders.size();
    }

    /**
     * A peer on the plain loopback listener: with no allow-list, anyone local (the demo); with one,
     * the entries that name no certificate, matched on MSH-3/MSH-4 alone.
     */
    MllpPeer plain(String address) {
        return new MllpPeer(address, MllpPeer.LOOPBACK_PLAIN,
                senders.stream().filter(s -> !s.hasCertificate()).toList(), senders.isEmpty());
    }

    /** A peer over TLS with this client certificate; null when no entry names the certificate (refused). */
    MllpPeer tls(String address, X509Certificate certificate) {
        List<MllpSettings.Sender> matching = senders.stream().filter(s -> s.hasCertificate() && names(s, certificate))
                .toList();
        return matching.isEmpty() ? null
                : new MllpPeer(address, certificate.getSubjectX500Principal().getName(), matching, false);
    }

    private static boolean names(MllpSettings.Sender s, X509Certificate certificate) {
        if (s.certificateSubject() != null && !s.certificateSubject().isBlank()
                && !new X500Principal(s.certificateSubject()).equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        return s.certificateFingerprint() == null || s.certificateFingerprint().isBlank()
                || normalized(s.certificateFingerprint()).equals(fingerprint(certificate));
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex without separators. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a client certificate", e);
        }
    }

    private static String normalized(String fingerprint) {
        return fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
    }
}
