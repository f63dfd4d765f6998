package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code custodian.mllp.*} as an operator writes it in application.properties, and what the listener says at start. */
class MllpSettingsTest {

    @Test
    void theSendersAllowListAndLimitsBindFromProperties() {
        MllpSettings s = bind(Map.of(
                "custodian.mllp.bind-address", "0.0.0.0",
                "custodian.mllp.tls.keystore", "/etc/custodian/mllp.p12",
                "custodian.mllp.tls.truststore", "/etc/custodian/partners.p12",
                "custodian.mllp.senders[0].name", "lab",
                "custodian.mllp.senders[0].certificate-subject", "CN=lab-system,O=General Hospital",
                "custodian.mllp.senders[0].sending-application", "LAB",
                "custodian.mllp.senders[0].sending-facility", "GH",
                "custodian.mllp.senders[0].message-types", "ADT^A08,ADT^A28",
                "custodian.mllp.limits.frame-timeout", "10s",
                "custodian.mllp.limits.max-connections", "32"));
        assertThat(s.usesTls()).isTrue();
        assertThat(s.tls().keystoreType()).isEqualTo("PKCS12");
        MllpSettings.Sender lab = s.senders().get(0);
        assertThat(lab.maySend("ADT", "A08")).isTrue();
        assertThat(lab.maySend("ADT", "A40")).as("a lab system sends no merges").isFalse();
        assertThat(s.limits().frameTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.limits().maxConnections()).isEqualTo(32);
        assertThat(s.limits().maxConnectionsPerAddress()).isEqualTo(16);
    }

    @Test
    void theDefaultsArePlainLoopbackWithLimits() {
        MllpSettings s = MllpSettings.defaults();
        assertThat(s.usesTls()).isFalse();
        assertThat(s.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(s.limits().maxInFlightBytes()).isGreaterThanOrEqualTo(s.maxFrameBytes());
    }

    @Test
    void aSenderWithoutItsSendingApplicationIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> bind(Map.of("custodian.mllp.senders[0].name", "lab")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("custodian.mllp.senders[lab].sending-application (MSH-3) is required");
    }

    @Test
    void aFingerprintThatIsNotSha256IsRefused() {
        assertThatThrownBy(() -> new MllpSenders(List.of(new MllpSettings.Sender("lab", null, "AB:CD", "LAB", "GH",
                List.of())))).hasMessageContaining("custodian.mllp.senders[lab].certificate-fingerprint must be a SHA-256");
    }

    /** The demo listener says at start that it is plain and loopback-only (and binds nothing else). */
    @Test
    void thePlainListenerSaysItIsPlainAndLoopbackOnly() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MllpServer.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        MllpServer server = new MllpServer(null, null, null, null, MllpSettings.defaults());
        try {
            server.listen(0);
        } finally {
            server.stop();
            logger.detachAppender(seen);
        }
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("MLLP listener on 127.0.0.1:").contains("PLAIN")
                        .contains("LOOPBACK-ONLY"));
    }

    private static MllpSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("custodian.mllp", MllpSettings.class)
                .orElseGet(MllpSettings::defaults);
    }
}
