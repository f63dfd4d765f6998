package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The chart's and the registry's writes are authorized at their services, whoever calls them: a
 * page, another module, a feed or the CLI. Work no person started runs as an explicit system
 * principal ({@link SystemAccess}) with the permissions of its job; a caller with none is refused.
 */
@CustodianTest
class ChartServiceAuthorizationIT {

    @Autowired ChartService charts;
    @Autowired EncounterLifecycle encounters;
    @Autowired PatientRegistry patients;
    @Autowired Amendments amendments;
    @Autowired StaffAccounts accounts;

    private static NewPatient person() {
        return new NewPatient(null, null, "Auth", null, TestPatients.uniqueName("Service"), LocalDate.of(1960, 1, 1),
                AdministrativeSex.F, null, new Address("1 Main St", "Quincy", "IL", "62301"), null, null);
    }

    private static NewEncounter stay(long patientId) {
        return new NewEncounter(patientId, null, EncounterClass.INPATIENT, Instant.parse("2026-01-01T10:00:00Z"), null,
                "Dr. Service", "Medicine", null);
    }

    @Test
    void aCallerWithNoPrincipalAtAllCannotWriteTheChart() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> patients.register(person())).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> charts.recordAll(List.of())).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> encounters.discharge(1L, Instant.now(), null))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aRoleWithoutChartWriteIsRefusedAtTheService() {
        accounts.runAs(Role.CODER, () -> {
            assertThatThrownBy(() -> patients.register(person())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> charts.record(stay(1L))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> encounters.cancelAdmit(1L)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> amendments.accept(1L, "text")).isInstanceOf(AccessDeniedException.class);
        });
    }

    /** 42 CFR 482.24(c)(1): authentication is the author's act; an administrator who writes cannot sign. */
    @Test
    void writingIsNotSigning() {
        accounts.runAs(Role.ADMIN, () -> assertThatThrownBy(() -> charts.sign(1L)).isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void aSystemPrincipalWithTheInterfaceEnginesPermissionsIsServedAndTheCallersContextRestored() {
        SecurityContextHolder.clearContext();
        long id = SystemAccess.call("feed:test", Role.INTERFACE_ENGINE.permissions(), () -> patients.register(person()).id());
        assertThat(id).isPositive();
        // Reading is not the interface engine's: it sends, it reads nothing back.
        assertThatThrownBy(() -> SystemAccess.call("feed:test", EnumSet.of(Permission.CODING_READ),
                () -> charts.record(stay(id)))).isInstanceOf(AccessDeniedException.class);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("the caller's context is restored").isNull();
    }

    @Test
    void theClinicianIsServed() {
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(person()).id();
            assertThat(charts.record(stay(patient)).id()).isPositive();
        });
    }
}
