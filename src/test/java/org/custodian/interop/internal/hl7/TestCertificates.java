package org.custodian.interop.internal.hl7;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test (nothing binary is committed): a certificate authority, the
 * listener's certificate, and clients' certificates it issues; EC P-256 keys, quick to make.
 */
final class TestCertificates {

    static final char[] PASSWORD = "test-store-password".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate, with the chain up to (and without) the self-signed root. */
    record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

        Certificate[] chain() {
            return issuer == null || issuer.equals(certificate) ? new Certificate[] {certificate}
                    : new Certificate[] {certificate, issuer};
        }
    }

    private TestCertificates() {
    }

    /** A self-signed certificate: an authority when {@code authority}, else a lone (untrusted) end entity. */
    static Issued selfSigned(String subject, boolean authority) throws GeneralSecurityException {
        KeyPair keys = keys();
        X509Certificate certificate = sign(subject, keys, subject, keys.getPrivate(), authority, false);
        return new Issued(keys.getPrivate(), certificate, certificate);
    }

    /** A certificate {@code authority} issues; {@code server}: for 127.0.0.1 and localhost. */
    static Issued issue(Issued authority, String subject, boolean server) throws GeneralSecurityException {
        KeyPair keys = keys();
        X509Certificate certificate = sign(subject, keys, authority.certificate().getSubjectX500Principal().getName(),
                authority.key(), false, server);
        return new Issued(keys.getPrivate(), certificate, authority.certificate());
    }

    /** A PKCS12 keystore file holding this key and certificate chain. */
    static Path keystore(Path dir, String name, Issued who) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", who.key(), PASSWORD, who.chain());
        return save(store, dir.resolve(name + ".p12"));
    }

    /** A PKCS12 truststore file holding these certificates. */
    static Path truststore(Path dir, String name, X509Certificate... trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("ca" + i, trusted[i]);
        }
        return save(store, dir.resolve(name + ".p12"));
    }

    /** A TLS client socket to the listener: with {@code who}'s certificate (none when null), trusting {@code authority}. */
    static Socket client(int port, Issued who, X509Certificate authority) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (who != null) {
            keys.setKeyEntry("key", who.key(), PASSWORD, who.chain());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
                                        boolean authority, boolean server) throws GeneralSecurityException {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make a test certificate for " + subject, e);
        }
    }

    /** An X.500 name encoded as the JDK reads "CN=..,O=.." (RFC 2253: most specific first in text, last in DER). */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
    }

    private static Path save(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
