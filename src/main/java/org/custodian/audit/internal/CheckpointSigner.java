package org.custodian.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.custodian.audit.AuditCheckpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs and checks checkpoints with an Ed25519 key pair kept in files outside the database
 * ({@code custodian.audit.key-dir}), created on first use. Whoever can rewrite the audit table
 * still cannot forge a checkpoint without the private key file.
 */
@Component
class CheckpointSigner {

    private final Path keyDir;
    private volatile KeyPair keys;

    CheckpointSigner(@Value("${custodian.audit.key-dir}") String keyDir) {
        this.keyDir = Path.of(keyDir);
    }

    AuditCheckpoint sign(long seq, String headHash, Instant createdAt) {
        KeyPair pair = keys();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(payload(seq, headHash, createdAt));
            return new AuditCheckpoint(seq, headHash, createdAt, encode(pair.getPublic()),
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the checkpoint", e);
        }
    }

    /** Null when the signature is ours and intact, otherwise what is wrong. */
    String problemWith(AuditCheckpoint checkpoint) {
        if (checkpoint.headHash() == null || checkpoint.createdAt() == null || checkpoint.publicKey() == null
                || checkpoint.signature() == null) {
            return "checkpoint is incomplete: it needs seq, headHash, createdAt, publicKey and signature";
        }
        KeyPair pair = keys();
        if (!encode(pair.getPublic()).equals(checkpoint.publicKey())) {
            return "checkpoint was not signed by this installation's audit key";
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(payload(checkpoint.seq(), checkpoint.headHash(), checkpoint.createdAt()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))
                    ? null : "checkpoint signature does not match its content";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "checkpoint signature is malformed";
        }
    }

    private static byte[] payload(long seq, String headHash, Instant createdAt) {
        return ("custodian-audit-checkpoint|" + seq + "|" + headHash + "|" + createdAt)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private KeyPair keys() {
        KeyPair pair = keys;
        if (pair == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = loadOrCreate();
                }
                pair = keys;
            }
        }
        return pair;
    }

    private KeyPair loadOrCreate() {
        Path priv = keyDir.resolve("audit-checkpoint-ed25519.key");
        Path pub = keyDir.resolve("audit-checkpoint-ed25519.pub");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(priv) && Files.exists(pub)) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
                return new KeyPair(publicKey, privateKey);
            }
            Files.createDirectories(keyDir);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            try {
                // Owner-only from the moment it exists: no window in which the umask's default applies.
                Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(priv); // not a POSIX file system; the directory's own protection applies
            }
            Files.write(priv, pair.getPrivate().getEncoded());
            Files.write(pub, pair.getPublic().getEncoded());
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the audit key in " + keyDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key in " + keyDir + " is unreadable", e);
        }
    }
}
