package org.custodian.interop.internal.hl7;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.mllp.*}: the HL7 v2 MLLP listener. Without {@code tls} it speaks plain MLLP and
 * only on a loopback address (the demo); anywhere else it needs TLS with client certificates
 * (HIPAA 45 CFR 164.312(e)(1), transmission security; 164.312(d), person or entity authentication),
 * and every sender must be on the allow-list ({@code senders}).
 *
 * @param enabled       start the listener with the application
 * @param port          TCP port (2575, the registered HL7 MLLP port)
 * @param bindAddress   the address to listen on; 127.0.0.1 unless TLS is configured
 * @param maxFrameBytes largest frame accepted; a larger one is answered AR
 * @param window        frames of one connection awaiting their ACK at most
 * @param tls           keystore and truststore; null for the plain loopback demo
 * @param senders       the allow-list: who may send what (empty on plain loopback: anyone local)
 * @param limits        connection caps and timeouts
 * @param maxBatch      messages the applier thread commits in one transaction at most (docs/decisions.md)
 * @param leaderCheck   how often a standby instance checks whether it may take the listener over
 */
@ConfigurationProperties("custodian.mllp")
public record MllpSettings(Boolean enabled, Integer port, String bindAddress, Integer maxFrameBytes, Integer window,
                           Tls tls, List<Sender> senders, Limits limits, Integer maxBatch, Duration leaderCheck) {

    /** What HL7 v2.8 allows MSH-10 (ST, 199); also the cap of MSH-3 and MSH-4 as stored. */
    static final int MAX_HEADER_FIELD = 199;

    public MllpSettings {
        enabled = enabled != null && enabled;
        port = port == null ? 2575 : port;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.trim();
        maxFrameBytes = maxFrameBytes == null ? 4 * 1024 * 1024 : maxFrameBytes;
        window = window == null ? 256 : Math.max(1, window);
        senders = senders == null ? List.of() : List.copyOf(senders);
        limits = limits == null ? Limits.DEFAULTS : limits;
        maxBatch = maxBatch == null ? 64 : Math.max(1, maxBatch);
        leaderCheck = leaderCheck == null ? Duration.ofSeconds(2) : leaderCheck;
        if (leaderCheck.isNegative() || leaderCheck.isZero()) {
            throw new IllegalArgumentException("custodian.mllp.leader-check must be positive");
        }
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("custodian.mllp.max-frame-bytes must be at least 1");
        }
        if (limits.maxInFlightBytes() < maxFrameBytes) {
            throw new IllegalArgumentException("custodian.mllp.limits.max-in-flight-bytes (" + limits.maxInFlightBytes()
                    + ") must be at least custodian.mllp.max-frame-bytes (" + maxFrameBytes + ")");
        }
    }

    public static MllpSettings defaults() {
        return new MllpSettings(null, null, null, null, null, null, null, null, null, null);
    }

    boolean usesTls() {
        return tls != null && tls.keystore() != null && !tls.keystore().isBlank();
    }

    MllpSettings withLimits(Limits limits) {
        return new MllpSettings(enabled, port, bindAddress, maxFrameBytes, window, tls, senders, limits, maxBatch, leaderCheck);
    }

    /**
     * The server's own key and certificate ({@code keystore}) and the certificate authorities whose
     * client certificates it accepts ({@code truststore}); PKCS12 unless a type is given.
     */
    public record Tls(String keystore, String keystorePassword, String keystoreType, String truststore,
                      String truststorePassword, String truststoreType) {

        public Tls {
            keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
            truststoreType = truststoreType == null || truststoreType.isBlank() ? "PKCS12" : truststoreType;
        }
    }

    /**
     * One sending system on the allow-list: its TLS client certificate, by subject
     * ({@code certificateSubject}, an X.500 name such as "CN=lab,O=General Hospital") and/or
     * SHA-256 fingerprint ({@code certificateFingerprint}, hex, colons allowed), both required to
     * match when both are given; the MSH-3 sending application and MSH-4 sending facility its
     * messages must carry; the message types it may send ("ADT^A08", "ADT^*"; empty: every
     * type Custodian takes). On the plain loopback listener an entry without a certificate is
     * matched on MSH-3/MSH-4 alone.
     */
    public record Sender(String name, String certificateSubject, String certificateFingerprint,
                         String sendingApplication, String sendingFacility, List<String> messageTypes) {

        public Sender {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("custodian.mllp.senders[].name is required");
            }
            if (sendingApplication == null || sendingApplication.isBlank()) {
                throw new IllegalArgumentException("custodian.mllp.senders[" + name
                        + "].sending-application (MSH-3) is required");
            }
            sendingFacility = sendingFacility == null ? "" : sendingFacility;
            messageTypes = messageTypes == null ? List.of() : List.copyOf(messageTypes);
        }

        boolean hasCertificate() {
            return certificateSubject != null && !certificateSubject.isBlank()
                    || certificateFingerprint != null && !certificateFingerprint.isBlank();
        }

        /** Whether this sender may send {@code type} ("ADT") with {@code trigger} ("A40"). */
        boolean maySend(String type, String trigger) {
            if (messageTypes.isEmpty()) {
                return true;
            }
            String full = type + "^" + trigger;
            for (String allowed : messageTypes) {
                if (allowed.equals("*") || allowed.equals(full) || allowed.equals(type + "^*")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * What one listener gives its peers at most, so that no peer can hold its threads or memory:
     * connections open at once, in all and per remote address (each costs two threads); how long a
     * connection may sit without starting a frame ({@code idleTimeout}) and how long a started
     * frame (or a TLS handshake) may take to arrive whole ({@code frameTimeout}); and the bytes of a
     * connection's frames read but not yet answered ({@code maxInFlightBytes}), past which the
     * listener stops reading from it until its ACKs are out.
     */
    public record Limits(Integer maxConnections, Integer maxConnectionsPerAddress, Duration idleTimeout,
                         Duration frameTimeout, Long maxInFlightBytes) {

        static final Limits DEFAULTS = new Limits(null, null, null, null, null);

        public Limits {
            maxConnections = maxConnections == null ? 64 : maxConnections;
            maxConnectionsPerAddress = maxConnectionsPerAddress == null ? 16 : maxConnectionsPerAddress;
            idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
            frameTimeout = frameTimeout == null ? Duration.ofSeconds(30) : frameTimeout;
            maxInFlightBytes = maxInFlightBytes == null ? 16L * 1024 * 1024 : maxInFlightBytes;
            if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("custodian.mllp.limits.max-connections and max-connections-per-address"
                        + " must be at least 1");
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero() || frameTimeout.isNegative() || frameTimeout.isZero()) {
                throw new IllegalArgumentException("custodian.mllp.limits.idle-timeout and frame-timeout must be positive");
            }
            if (maxInFlightBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("custodian.mllp.limits.max-in-flight-bytes must be at most "
                        + Integer.MAX_VALUE);
            }
        }
    }
}
