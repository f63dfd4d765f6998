package org.custodian.chart.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.AmendmentRequest;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewAmendmentRequest;
import org.custodian.chart.NewDocument;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The amendment service with its clock fixed on the days that matter (45 CFR 164.526(b)(2)): a
 * request received on 31 January 2024, a leap year, is due on 31 March; the extension is allowed
 * on that last day and refused the day after, and then the request is overdue.
 */
@CustodianTest
class AmendmentServiceClockIT {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired AuditTrail audit;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired StaffAccounts accounts;

    long documentId;

    @BeforeEach
    void document() {
        accounts.runAs(Role.CLINICIAN, () -> {
            long patientId = patients.register(new NewPatient(null, null, "Clock", null, "Leap-" + UUID.randomUUID().toString().substring(0, 6),
                    LocalDate.of(1980, 2, 29), AdministrativeSex.F, null, null, null, null)).id();
            Instant at = Instant.parse("2024-01-10T10:00:00Z");
            documentId = charts.file(new NewDocument(patientId, null, DocumentType.CONSULT_NOTE, null, "Dr. Day", "Consult.",
                    DocumentStatus.SIGNED, at, "dr.day", at)).id();
        });
    }

    private JdbcAmendments at(String day) {
        return new JdbcAmendments(jdbc, tx, audit, Clock.fixed(Instant.parse(day + "T15:00:00Z"), ZoneOffset.UTC), List.of());
    }

    @Test
    void theExtensionIsAllowedOnTheSixtiethDayAndRefusedOnTheSixtyFirst() {
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            AmendmentRequest onTime = at("2024-02-15").receive(new NewAmendmentRequest(documentId, "Wrong laterality.", null,
                    LocalDate.of(2024, 1, 31)));
            assertThat(onTime.dueOn()).isEqualTo(LocalDate.of(2024, 3, 31));
            AmendmentRequest extended = at("2024-03-31").extend(onTime.id(), "Awaiting the radiologist's review.");
            assertThat(extended.extendedTo()).isEqualTo(LocalDate.of(2024, 4, 30));
            assertThat(extended.overdueOn(LocalDate.of(2024, 4, 30))).isFalse();
            assertThat(extended.overdueOn(LocalDate.of(2024, 5, 1))).isTrue();

            AmendmentRequest late = at("2024-02-15").receive(new NewAmendmentRequest(documentId, "Wrong date of birth.", null,
                    LocalDate.of(2024, 1, 31)));
            assertThatThrownBy(() -> at("2024-04-01").extend(late.id(), "Backlog."))
                    .isInstanceOfSatisfying(org.custodian.Problem.class, p -> assertThat(p.status()).isEqualTo(409));
            assertThat(late.overdueOn(LocalDate.of(2024, 4, 1))).isTrue();
        });
    }

    @Test
    void receiptDefaultsToTodayByTheClock() {
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            AmendmentRequest r = at("2025-12-31").receive(new NewAmendmentRequest(documentId, "Spelling of my name.", null, null));
            assertThat(r.receivedOn()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(r.dueOn()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThatThrownBy(() -> at("2025-12-31").receive(new NewAmendmentRequest(documentId, "x", null, LocalDate.of(2026, 1, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receivedOn");
        });
    }

    @Autowired Clock hospitalClock;

    /**
     * At 23:30 on New Year's Eve in the hospital's zone it is already 1 January in UTC: the request
     * is received on the 31st by the hospital's calendar, due 60 days from that day, and a request
     * dated the 1st is still in the future.
     */
    @Test
    void theLegalClockCountsTheHospitalsDateAtHalfPastElevenAtNight() {
        assertThat(hospitalClock.getZone()).isEqualTo(java.time.ZoneId.of("America/New_York"));
        Instant halfPastEleven = java.time.LocalDateTime.of(2025, 12, 31, 23, 30).atZone(hospitalClock.getZone()).toInstant();
        assertThat(halfPastEleven).isEqualTo(Instant.parse("2026-01-01T04:30:00Z"));
        JdbcAmendments late = new JdbcAmendments(jdbc, tx, audit, org.custodian.HospitalClock.fixed(halfPastEleven,
                hospitalClock.getZone()), List.of());
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            AmendmentRequest r = late.receive(new NewAmendmentRequest(documentId, "My middle initial.", null, null));
            assertThat(r.receivedOn()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(r.dueOn()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThatThrownBy(() -> late.receive(new NewAmendmentRequest(documentId, "x", null, LocalDate.of(2026, 1, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receivedOn");
        });
    }
}
