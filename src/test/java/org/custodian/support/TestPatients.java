package org.custodian.support;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;

/** Uniquely named patients for tests that share one database. */
public final class TestPatients {

    private TestPatients() {
    }

    /** A family name no other test uses: a prefix and eight random letters, e.g. "Uiqwertyui". */
    public static String uniqueName(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }

    public static NewPatient newPatient(String givenName, String familyName, LocalDate birthDate) {
        return new NewPatient(null, null, givenName, null, familyName, birthDate, AdministrativeSex.F, "123-45-6789",
                new Address("1 Test Way", "Springfield", "IL", "62701"), "217-555-0100",
                List.of(new PatientIdentifier("urn:test:dl", "D-" + familyName + "-" + java.util.UUID.randomUUID(), "Driver license")));
    }

    public static String mrn(Patient p) {
        return p.mrn();
    }
}
