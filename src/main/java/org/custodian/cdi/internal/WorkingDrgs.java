package org.custodian.cdi.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.Encounter;
import org.custodian.coding.CaseMix;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.springframework.stereotype.Component;

/**
 * A stay's working MS-DRG as CDI shows it and records it before and after a query: the coding
 * module's (from the abstract in progress, or the chart's conditions) when it can group the stay;
 * otherwise CDI's own grouping, provisional with the newest loaded grouper when the stay's fiscal
 * year has none ({@link StayGrouping}). The severity is always CDI's grouping of the chart's conditions.
 */
@Component
class WorkingDrgs {

    private final CaseMix caseMix;
    private final ChartFindings findings;
    private final PatientRegistry patients;
    private final StayGrouping grouping;
    private final HospitalClock clock;
    private final org.custodian.chart.ChartService charts;

    WorkingDrgs(CaseMix caseMix, ChartFindings findings, PatientRegistry patients, StayGrouping grouping, java.time.Clock clock,
                org.custodian.chart.ChartService charts) {
        this.charts = charts;
        this.caseMix = caseMix;
        this.findings = findings;
        this.patients = patients;
        this.grouping = grouping;
        this.clock = HospitalClock.of(clock);
    }

    WorkingDrg of(long encounterId) {
        return of(charts.encounter(encounterId));
    }

    WorkingDrg of(Encounter e) {
        StayGrouping.Grouped g = group(e);
        CaseMix.EncounterDrg c = caseMix.encounterDrg(e.id());
        if (c.drg() != null) {
            return new WorkingDrg(c.drg(), c.title(), c.stage(), c.version(), false, c.weight(), c.expectedPayment(), g.severity(),
                    c.message());
        }
        if (g.drg() == null) {
            return new WorkingDrg(null, null, null, null, false, null, null, null, g.message() != null ? g.message() : c.message());
        }
        return new WorkingDrg(g.drg(), g.title(), "CDI estimate", g.version(), g.provisional(), g.weight(), grouping.payment(g), g.severity(),
                g.message());
    }

    private StayGrouping.Grouped group(Encounter e) {
        Patient p = patients.find(e.patientId()).orElse(null);
        List<CodedFinding> f = new ArrayList<>(findings.conditions(e.id()));
        f.addAll(findings.procedures(e.id()));
        LocalDate admit = e.admitAt().atZone(clock.getZone()).toLocalDate();
        LocalDate discharge = e.dischargeAt() == null ? clock.today() : e.dischargeAt().atZone(clock.getZone()).toLocalDate();
        return grouping.group(f, admit, discharge, p == null ? null : p.birthDate(), p == null || p.sex() == null ? "U" : p.sex().name(),
                e.dischargeDisposition() == null ? "01" : e.dischargeDisposition().code());
    }
}
