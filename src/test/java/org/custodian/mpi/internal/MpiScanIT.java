package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CustodianTest
class MpiScanIT {

    @Autowired MpiScan scan;
    @Autowired DuplicateWorklist worklist;
    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Autowired org.springframework.context.ApplicationContext context;

    /** The mpi-scan command's run is kept in mpi_scan_run like the scans of the UI and the schedule. */
    @Test
    void theCommandLineScanIsRecorded() throws Exception {
        org.custodian.CliCommand command = context.getBeansOfType(org.custodian.CliCommand.class).values().stream()
                .filter(c -> c.name().equals("mpi-scan")).findFirst().orElseThrow();
        long before = jdbc.sql("select coalesce(max(id), 0) from mpi_scan_run").query(Long.class).single();
        assertThat(command.run(new String[0])).isZero();
        List<String> runs = jdbc.sql("select trigger || ' ' || status || ' ' || started_by from mpi_scan_run where id > ? and registrations > 0")
                .param(before).query(String.class).list();
        assertThat(runs).containsExactly("COMMAND_LINE DONE " + org.custodian.mpi.DuplicateScan.SYSTEM_ACTOR);
        assertThat(org.custodian.mpi.DuplicateScan.Trigger.COMMAND_LINE.words()).isEqualTo("command line");
    }

    @Test
    void theScanFindsADuplicateAndARejectedPairDoesNotComeBack() throws Exception {
        String family = TestPatients.uniqueName("Scan");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(new NewPatient(null, null, "Theodore", null, family, LocalDate.of(1939, 8, 17),
                    AdministrativeSex.M, "601-23-4455", new Address("31 Quarry Ln", "Galesburg", "IL", "61401"), "309-555-0190", null)).id();
            ids[1] = patients.register(new NewPatient(null, null, "Ted", null, family, LocalDate.of(1939, 8, 17),
                    AdministrativeSex.M, null, new Address("31 Quarry Ln", "Galesburg", "IL", "61401"), "309-555-0190", null)).id();
        });
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        MpiScan.Result first = scan.scan(new PrintStream(progress, true));
        assertThat(progress.toString()).contains("100%");
        assertThat(first.registrations()).isGreaterThanOrEqualTo(2);
        List<String> status = jdbc.sql("select status from mpi_pair where patient_a = ? and patient_b = ?")
                .params(ids[0], ids[1]).query(String.class).list();
        assertThat(status).containsExactly("OPEN");
        long pairId = jdbc.sql("select id from mpi_pair where patient_a = ? and patient_b = ?").params(ids[0], ids[1])
                .query(Long.class).single();

        accounts.runAs(Role.DATA_INTEGRITY_ANALYST,
                () -> worklist.decide(pairId, DuplicateWorklist.Decision.NOT_SAME, "father and son at the same address"));
        MpiScan.Result second = scan.scan(new PrintStream(new ByteArrayOutputStream(), true));
        assertThat(second.linkPairs() + second.reviewPairs()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select status from mpi_pair where patient_a = ? and patient_b = ?").params(ids[0], ids[1])
                .query(String.class).list()).containsExactly("NOT_SAME");
        assertThat(worklist.list(true, 0, 1000)).extracting(DuplicatePair::id).doesNotContain(pairId);
    }
}
