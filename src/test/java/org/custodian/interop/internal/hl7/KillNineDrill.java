package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The drill both crash tests run: the real application in a child JVM on the test's database takes
 * a feed over MLLP; after {@code killAfter} ACKs it is killed with SIGKILL while the next message is
 * on its way (no shutdown hook, no flush); a second child is started and every message not
 * acknowledged is sent again, as a sending system does. Every ACK must be AA. The test then checks
 * the database: every acknowledged message applied exactly once, none lost.
 */
final class KillNineDrill {

    record Message(String controlId, String text) {
    }

    record Outcome(int acknowledgedBeforeKill, int resent) {
    }

    private KillNineDrill() {
    }

    /** @param name a word for the temporary directory and the printed figures, e.g. "adt-crash" */
    static Outcome run(DataSource dataSource, String name, List<Message> feed, int killAfter) throws Exception {
        Set<String> acknowledged = new HashSet<>();
        Path dataDir = Files.createTempDirectory("custodian-test-" + name);
        int port = MllpCrashIT.freePort();

        Process first = MllpCrashIT.startChild(dataSource, port, dataDir);
        try (MllpClient client = MllpCrashIT.awaitListener(first, port, dataDir)) {
            for (Message m : feed) {
                if (acknowledged.size() == killAfter) {
                    client.sendRaw(MllpCrashIT.frame(m.text()));
                    first.destroyForcibly();
                    break;
                }
                String ack = client.send(m.text());
                assertThat(MllpClient.code(ack)).as(m.controlId() + ": " + ack).isEqualTo("AA");
                acknowledged.add(m.controlId());
            }
        } catch (IOException expected) {
            // the connection died with the server
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSize(killAfter);

        Process second = MllpCrashIT.startChild(dataSource, port, dataDir);
        int resent = 0;
        try (MllpClient client = MllpCrashIT.awaitListener(second, port, dataDir)) {
            for (Message m : feed) {
                if (!acknowledged.contains(m.controlId())) {
                    String ack = client.send(m.text());
                    assertThat(MllpClient.code(ack)).as(m.controlId() + ": " + ack).isEqualTo("AA");
                    resent++;
                }
            }
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
            second.destroyForcibly();
        }
        System.out.printf("MLLP %s: killed after %d ACKs, resent %d%n", name, killAfter, resent);
        assertThat(resent).isEqualTo(feed.size() - killAfter);
        return new Outcome(killAfter, resent);
    }
}
