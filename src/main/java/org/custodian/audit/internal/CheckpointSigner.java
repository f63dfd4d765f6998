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
import org.springframework.stereotype.Component;

/**
 * Signs and checks checkpoints with an Ed25519 key pair kept in files outside the database
 * ({@code custodian.audit.checkpoint-key}, by default {@code audit-checkpoint-ed25519.key} in
 * {@code custodian.audit.key-dir}; the public key beside it as {@code .pub}), created on first use.
 * Whoever can rewrite the audit table still cannot forge a checkpoint without the private key file,
 * unless the key sits with the database: a start with the key inside the data directory says so
 * (issue 22, finding 9; HIPAA 45 CFR 164.312(c)(1), integrity).
 */
@Component
class CheckpointSigner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CheckpointSigner.class);

    private final Path privateKeyFile;
    private final Path publicKeyFile;
    private volatile KeyPair keys;

    /** The default file names in {@code keyDir}. */
    CheckpointSigner(String keyDir) {
        this(Path.of(keyDir).resolve("audit-checkpoint-ed25519.key"));
    }

    private CheckpointSigner(Path privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
        String name = privateKeyFile.getFileName().toString();
        this.publicKeyFile = privateKeyFile.resolveSibling((name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub");
    }

    @org.springframework.beans.factory.annotation.Autowired
    CheckpointSigner(AuditSettings settings, org.custodian.CustodianSettings custodian) {
        this(settings.checkpointKey(custodian.dataDir()), custodian.dataDir());
    }

    CheckpointSigner(String keyFile, String dataDir) {
        this(Path.of(keyFile));
        if (insideDataDirectory(privateKeyFile, dataDir)) {
            log.warn("The audit checkpoint signing key {} lies inside the data directory {}: whoever can copy or rewrite the"
                    + " database can reach the key too. Set custodian.audit.checkpoint-key to a file elsewhere (another"
                    + " volume or a secrets mount) and keep the public key with your exported checkpoints.",
                    privateKeyFile.toAbsolutePath().normalize(), Path.of(dataDir).toAbsolutePath().normalize());
        }
    }

    static boolean insideDataDirectory(Path keyFile, String dataDir) {
        return dataDir != null && !dataDir.isBlank()
                && keyFile.toAbsolutePath().normalize().startsWith(Path.of(dataDir).toAbsolutePath().normalize());
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
        Path priv = privateKeyFile;
        Path pub = publicKeyFile;
        Path keyDir = priv.toAbsolutePath().getParent();
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
