package org.custodian.patient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.CustodianTest;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SSNs at rest (issue 22; HIPAA 45 CFR 164.312(a)(2)(iv)): the column holds AES-GCM ciphertext and a keyed
 * hash, never the digits; the chart still shows the last four, the index still finds a likely match by the
 * SSN, and a row from before encryption is encrypted at the next start's pass.
 */
@CustodianTest
class SsnAtRestIT {

    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;
    @Autowired SsnReEncryption reEncryption;
    @Autowired JdbcClient jdbc;

    @Test
    void theColumnHoldsNoDigitsAndTheSsnStillReadsAndMatches() {
        String ssn = "5" + String.format("%08d", (int) (Math.random() * 1e8));
        String family = TestPatients.uniqueName("Ssn");
        NewPatient p = TestPatients.newPatient("Rest", family, LocalDate.of(1971, 3, 4));
        Patient registered = patients.register(new NewPatient(p.facility(), p.mrn(), p.givenName(), p.middleName(), family,
                p.birthDate(), p.sex(), ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5), p.address(),
                p.phone(), p.identifiers()));

        String[] stored = jdbc.sql("select ssn, ssn_hash from patient where id = ?").param(registered.id())
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        assertThat(stored[0]).startsWith("v1:").doesNotContain(ssn).doesNotContain(ssn.substring(5));
        assertThat(stored[1]).hasSize(64).doesNotContain(ssn);
        assertThat(registered.ssnMasked()).isEqualTo("***-**-" + ssn.substring(5));

        // Another registration: another birth year and no phone or address, so only the SSN's block can find it.
        NewPatient other = new NewPatient(null, null, "Rest", null, family, LocalDate.of(1990, 1, 1),
                p.sex(), ssn, null, null, java.util.List.of());
        assertThat(mpi.likelyMatches(other)).as("found by the SSN's keyed hash")
                .anyMatch(m -> m.mrn().equals(registered.mrn()));

        // A row as it was before V160: the digits in clear, no hash. The start-up pass encrypts it.
        jdbc.sql("update patient set ssn = ?, ssn_hash = null where id = ?").params(ssn, registered.id()).update();
        assertThat(patients.find(registered.id()).orElseThrow().ssnMasked()).as("reads meanwhile").endsWith(ssn.substring(5));
        assertThat(reEncryption.run()).isGreaterThanOrEqualTo(1);
        String after = jdbc.sql("select ssn from patient where id = ?").param(registered.id()).query(String.class).single();
        assertThat(after).startsWith("v1:").doesNotContain(ssn);
        assertThat(jdbc.sql("select ssn_hash from patient where id = ?").param(registered.id()).query(String.class).single())
                .isEqualTo(stored[1]);
    }

    /** An index registered before V160 holds many clear SSNs: the pass walks past its first batch of a thousand. */
    @Test
    void theStartUpPassSealsMoreThanOneBatch() {
        String mrnPrefix = "SSNB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT) + "-";
        jdbc.sql("""
                insert into patient (mrn, given_name, family_name, birth_date, sex, search_name, ssn)
                select ? || g, 'B' || md5(g::text), 'S' || md5(? || g), date '1900-01-01' + g * 11, 'U', md5(? || g),
                       lpad((600000000 + g)::text, 9, '0')
                from generate_series(1, 2500) g""").params(mrnPrefix, mrnPrefix, mrnPrefix).update();
        try {
            assertThat(reEncryption.run()).isGreaterThanOrEqualTo(2500);
            assertThat(jdbc.sql("select count(*) from patient where mrn like ? and (ssn not like 'v1:%' or ssn_hash is null)")
                    .param(mrnPrefix + "%").query(Long.class).single()).isZero();
        } finally {
            // Strangers of no use to any other test of the shared database (nor to its duplicate scans).
            jdbc.sql("delete from patient where mrn like ?").param(mrnPrefix + "%").update();
        }
    }
}
