package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.custodian.CliCommand;
import org.custodian.demo.DemoHospital;
import org.junit.jupiter.api.Test;

class DemoCommandsTest {

    @Test
    void demoDuplicatesPrintsTheAnswerKey() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2027-01-15T12:00:00Z"), ZoneOffset.UTC);
        CliCommand command = new DemoCommands().demoDuplicates(new DemoSettings(null, 20261127L, 1000), clock);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = command.run(new String[] {"7", "200"});
        } finally {
            System.setOut(original);
        }
        assertThat(command.name()).isEqualTo("demo-duplicates");
        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        // Generated on another day, the same seed and size name the same pairs.
        DemoHospital hospital = DemoHospital.generate(7, 200, "MAIN", Clock.offset(clock, java.time.Duration.ofDays(-90)));
        assertThat(hospital.duplicates()).hasSize(12);
        assertThat(printed).contains("12 duplicate registrations");
        hospital.duplicates().forEach(d -> assertThat(printed).contains(d.mrn() + "\t" + d.originalMrn() + "\t"));
        assertThat(printed.lines().filter(l -> l.matches("[0-9]{7}\t[0-9]{7}\t[A-Z_,]+"))).hasSize(12);
    }
}
