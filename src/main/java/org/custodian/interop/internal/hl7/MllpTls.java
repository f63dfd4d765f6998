package org.custodian.interop.internal.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The listener's TLS: its own key and certificate from the keystore, client certificates required
 * and checked against the truststore's authorities (mutual TLS), TLS 1.2 or 1.3 only. HIPAA 45 CFR
 * 164.312(e)(1), transmission security: PHI crosses the network encrypted; 164.312(d): the
 * sending system proves who it is before it is heard.
 */
final class MllpTls {

    private MllpTls() {
    }

    static SSLServerSocket serverSocket(MllpSettings.Tls tls) throws IOException {
        if (tls.truststore() == null || tls.truststore().isBlank()) {
            throw new IllegalStateException("custodian.mllp.tls.truststore is required with a keystore: it holds the"
                    + " certificate authorities whose client certificates the listener accepts");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load("keystore", tls.keystore(), tls.keystoreType(), tls.keystorePassword()),
                    chars(tls.keystorePassword()));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load("truststore", tls.truststore(), tls.truststoreType(), tls.truststorePassword()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            socket.setNeedClientAuth(true);
            socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("custodian.mllp.tls: the keystore or truststore cannot be used ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static KeyStore load(String what, String path, String type, String password)
            throws IOException, GeneralSecurityException {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("custodian.mllp.tls." + what + ": cannot read " + file.toAbsolutePath());
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars(password));
        } catch (IOException e) {
            throw new IllegalStateException("custodian.mllp.tls." + what + ": " + file.toAbsolutePath()
                    + " is not a " + type + " store, or its password is wrong", e);
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
