package org.custodian.demo.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.custodian.demo.internal.DemoStaff.Credential;

/**
 * Hands the demo passwords to the person who started Custodian: on the console (standard output,
 * never the log, which may be shipped elsewhere), and in a file only its owner can read, for
 * whoever missed the console.
 */
final class DemoCredentials {

    static final String FILE_NAME = "demo-credentials.txt";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DemoCredentials() {
    }

    static String listing(List<Credential> credentials) {
        StringBuilder sb = new StringBuilder();
        for (Credential c : credentials) {
            sb.append(String.format("     %-10s %-22s %s%n", c.username(),
                    c.password() == null ? "(existing account)" : c.password(), c.role().title()));
        }
        return sb.toString();
    }

    /** Writes the file readable and writable by its owner only; the permissions are set before any secret is in it. */
    static void write(Path file, String url, List<Credential> credentials) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        }
        String text = "Custodian demo hospital - sign-in details (synthetic data only)\n"
                + "Open " + url + "\n\n"
                + "     user       password               role\n"
                + listing(credentials)
                + "\nThe administrator 'admin' is listed when its password was generated at this first start;\n"
                + "otherwise it came from CUSTODIAN_ADMIN_PASSWORD. Delete this file once you have noted these\n"
                + "passwords.\n";
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    static void print(PrintStream out, String summary, String url, List<Credential> credentials, Path file,
                      boolean fileWritten) {
        String rule = "  " + "=".repeat(76);
        out.println();
        out.println(rule);
        out.println("   " + summary);
        out.println();
        out.println("   Open " + url + " and sign in as one of the demo users:");
        out.println();
        out.print(listing(credentials));
        out.println();
        out.println("   These passwords are shown once.");
        if (fileWritten) {
            out.println("   A copy, readable only by you, is in " + file.toAbsolutePath().normalize());
        }
        out.println("   All patients are synthetic. For real use start with CUSTODIAN_DEMO=false.");
        out.println(rule);
        out.println();
    }
}
