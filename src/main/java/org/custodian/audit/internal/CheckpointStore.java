package org.custodian.audit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.custodian.audit.AuditCheckpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where signed checkpoints are kept outside the database: an append-only directory
 * ({@code custodian.audit.checkpoints.dir}). A checkpoint is a new file named by its time and sequence
 * number (so the newest sorts last: after a restore, the checkpoint the restore signs is the anchor, and
 * the older ones that vouch for lost events stay as evidence of the loss), created exclusively (an existing file is never overwritten) and then made read-only. Put the
 * directory on another volume, or on a WORM mount; docs/audit-checkpoint-worm.md gives the design for
 * object storage with object lock. HIPAA 45 CFR 164.312(c)(1): the evidence of integrity is kept where
 * whoever can rewrite the database cannot rewrite it too.
 */
@Component
class CheckpointStore {

    static final String PREFIX = "audit-checkpoint-";

    private final Path dir;
    private final JsonMapper json;

    CheckpointStore(AuditSettings settings, org.custodian.CustodianSettings custodian, JsonMapper json) {
        this.dir = Path.of(settings.checkpoints().dir(custodian.dataDir()));
        this.json = json;
    }

    Path directory() {
        return dir;
    }

    /** Writes a new file for the checkpoint; never replaces one. */
    Path write(AuditCheckpoint checkpoint) {
        String name = PREFIX + String.format("%012d.%09d-%020d", checkpoint.createdAt().getEpochSecond(),
                checkpoint.createdAt().getNano(), checkpoint.seq()) + ".json";
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                out.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(checkpoint).getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
            } catch (UnsupportedOperationException notPosix) {
                file.toFile().setReadOnly();
            }
            return file;
        } catch (FileAlreadyExistsException e) {
            if (checkpoint.equals(read(file))) {
                return file; // the very same statement, signed twice in one instant
            }
            throw new IllegalStateException("checkpoint file " + name + " already exists; it is never overwritten", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint to " + dir, e);
        }
    }

    /** The newest checkpoint, if any. */
    Optional<AuditCheckpoint> latest() {
        List<Path> files = files();
        return files.isEmpty() ? Optional.empty() : Optional.of(read(files.get(files.size() - 1)));
    }

    /** Every checkpoint file, oldest first. */
    List<AuditCheckpoint> all() {
        return files().stream().map(this::read).toList();
    }

    List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the checkpoints in " + dir, e);
        }
    }

    AuditCheckpoint read(Path file) {
        try {
            return json.readValue(Files.readString(file), AuditCheckpoint.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint " + file.getFileName(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the checkpoint " + file.getFileName() + " is unreadable", e);
        }
    }
}
