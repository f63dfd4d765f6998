package org.custodian.privacy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 data keys of {@link AesGcmFieldEncryption}, never stored in the database: the current key
 * from {@code custodian.security.data-key} (base64 of 32 bytes, e.g. from a secrets manager) or else from
 * the key file {@code custodian.security.data-key-file}, created (mode 0600) at the first start when it does
 * not exist; earlier keys from {@code custodian.security.data-key-previous} (base64 keys or key files,
 * comma-separated) while a rotation re-encrypts. Each key is named by the first 8 hex digits of its SHA-256.
 */
final class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);

    private final String currentId;
    private final Map<String, SecretKey> all = new LinkedHashMap<>();

    DataKeys(String key, String keyFile, String previous, String dataDir) {
        SecretKey current = key != null && !key.isBlank() ? fromBase64(key.strip()) : fromFile(Path.of(keyFile), dataDir, true);
        currentId = id(current);
        all.put(currentId, current);
        for (String part : (previous == null ? "" : previous).split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                SecretKey k = Files.isRegularFile(Path.of(p)) ? fromFile(Path.of(p), dataDir, false) : fromBase64(p);
                all.putIfAbsent(id(k), k);
            }
        }
    }

    String currentId() {
        return currentId;
    }

    Map<String, SecretKey> all() {
        return Map.copyOf(all);
    }

    static String id(SecretKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a data key is not base64 (nor an existing key file)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("a data key must be 32 bytes (AES-256), base64-encoded; it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey fromFile(Path file, String dataDir, boolean create) {
        try {
            if (!Files.exists(file) && create) {
                create(file);
            }
            if (inside(file, dataDir)) {
                log.warn("The data encryption key {} lies inside the data directory {}: whoever copies the directory has both"
                        + " the encrypted columns and their key. Set custodian.security.data-key-file to a file elsewhere (a secrets"
                        + " mount) or custodian.security.data-key, and back the key up: without it SSNs and TOTP secrets are lost.",
                        file.toAbsolutePath().normalize(), Path.of(dataDir).toAbsolutePath().normalize());
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data encryption key " + file, e);
        }
    }

    static boolean inside(Path file, String dataDir) {
        return dataDir != null && !dataDir.isBlank()
                && file.toAbsolutePath().normalize().startsWith(Path.of(dataDir).toAbsolutePath().normalize());
    }

    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        log.info("Created the data encryption key {} (AES-256). Back it up apart from the database.", file.toAbsolutePath().normalize());
    }
}
