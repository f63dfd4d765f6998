package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.custodian.chart.NewEncounter;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.demo.DemoHospital;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The demo hospital's coded past: every clinical picture has codes a coder would give, billable in
 * both bundled fiscal years; a loaded demo hospital has its older visits final-coded by the demo
 * coder after discharge, its newest not, and the coded abstracts pass the edits a coder's would.
 */
@CustodianTest
class DemoCodingIT {

    @Autowired DemoLoader loader;
    @Autowired CodeSets codeSets;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void everyConditionHasCodesBillableInFy2025AndFy2026() {
        for (Catalog.Condition c : Catalog.CONDITIONS) {
            assertThat(DemoCoding.BY_DIAGNOSIS).as(c.diagnosis()).containsKey(c.diagnosis());
        }
        for (Catalog.Chronic c : Catalog.CHRONIC) {
            assertThat(DemoCoding.CHRONIC).as(c.name()).containsKey(c.name());
        }
        List<String> dx = new java.util.ArrayList<>(DemoCoding.CHRONIC.values());
        List<String> px = new java.util.ArrayList<>();
        DemoCoding.BY_DIAGNOSIS.values().forEach(codes -> {
            dx.addAll(codes.diagnoses());
            px.addAll(codes.procedures());
        });
        for (LocalDate discharge : List.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 12, 1))) {
            int fy = org.custodian.coding.FiscalYear.of(discharge);
            assertThat(dx).as("ICD-10-CM FY of " + discharge)
                    .allMatch(code -> codeSets.isValid(CodeSystem.ICD10CM, DemoCoding.inForce(code, fy), discharge));
            assertThat(px).as("ICD-10-PCS FY of " + discharge).allMatch(code -> codeSets.isValid(CodeSystem.ICD10PCS, code, discharge));
        }
    }

    @Test
    void olderVisitsAreFinalCodedAfterDischargeAndTheNewestAreLeftToCode() {
        String facility = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        DemoHospital hospital = DemoHospital.generate(7, 50, facility, clock);
        DemoLoader.Loaded loaded = loader.load(hospital);
        assertThat(loaded.coding().invalidCode()).isZero();
        assertThat(loaded.coding().recorded()).isPositive();

        Map<Long, NewEncounter> byId = new HashMap<>();
        for (int i = 0; i < hospital.visits().size(); i++) {
            byId.put(loaded.encounterIds().get(i), hospital.visits().get(i).encounter());
        }
        record Coded(long encounterId, String coder, OffsetDateTime started, OffsetDateTime finalized) {
        }
        List<Coded> coded = jdbc.sql("""
                select encounter_id, coder, started_at, finalized_at from coding_abstract
                where kind = 'BILLING' and status = 'FINAL' and encounter_id = any(?)""")
                .param(loaded.encounterIds().toArray(Long[]::new))
                .query((rs, n) -> new Coded(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class))).list();
        assertThat(coded).hasSize(loaded.coding().recorded());

        long old = byId.values().stream().filter(e -> e.dischargeAt() != null
                && Duration.between(e.dischargeAt(), hospital.asOf()).toDays() > DemoCoding.CODED_AFTER_DAYS).count();
        long oldCoded = coded.stream().filter(c -> Duration.between(byId.get(c.encounterId()).dischargeAt(), hospital.asOf()).toDays()
                > DemoCoding.CODED_AFTER_DAYS).count();
        System.out.printf("demo coding: %d of %d visits discharged over %d days ago final-coded; %d coded in all%n",
                oldCoded, old, DemoCoding.CODED_AFTER_DAYS, coded.size());
        assertThat(oldCoded).isGreaterThanOrEqualTo(old * 95 / 100).isLessThanOrEqualTo(old);
        for (Coded c : coded) {
            NewEncounter e = byId.get(c.encounterId());
            assertThat(c.coder()).isEqualTo("coder");
            assertThat(c.started().toInstant()).isAfter(e.dischargeAt());
            assertThat(c.finalized().toInstant()).isAfter(c.started().toInstant()).isBefore(hospital.asOf());
            assertThat(Duration.between(e.dischargeAt(), hospital.asOf()).toDays()).isGreaterThanOrEqualTo(4);
        }

        // What a coder would see on opening them, one of each clinical picture: no error edit
        // (validity for the fiscal year, POA, principal rules, procedure dates within the stay).
        Map<Long, String> diagnosis = new HashMap<>();
        for (int i = 0; i < hospital.visits().size(); i++) {
            diagnosis.put(loaded.encounterIds().get(i), hospital.visits().get(i).diagnosis());
        }
        Map<String, Coded> onePerPicture = new HashMap<>();
        coded.forEach(c -> onePerPicture.putIfAbsent(diagnosis.get(c.encounterId()), c));
        assertThat(onePerPicture).hasSizeGreaterThan(15);
        String coder = accounts.of(Role.CODER);
        for (Coded c : onePerPicture.values()) {
            JsonNode abs = api.as(coder, "GET", "/api/coding/encounters/" + c.encounterId() + "/abstract", null).json();
            assertThat(abs.get("status").asString()).isEqualTo("FINAL");
            for (JsonNode edit : abs.get("edits")) {
                assertThat(edit.get("severity").asString()).as(c.encounterId() + " " + edit).isNotEqualTo("ERROR");
            }
        }

        // Grouped as recorded, so the case mix index shows at first start: every final-coded inpatient
        // stay has its final DRG kept, with a weight when its discharge falls in FY2026 (grouper v43).
        List<Long> inpatients = coded.stream().filter(c -> byId.get(c.encounterId()).encounterClass()
                == org.custodian.chart.EncounterClass.INPATIENT).map(Coded::encounterId).toList();
        assertThat(inpatients).isNotEmpty();
        long kept = jdbc.sql("select count(*) from coding_drg where final and source = 'ABSTRACT' and encounter_id = any(?)")
                .param(inpatients.toArray(Long[]::new)).query(Long.class).single();
        assertThat(kept).isEqualTo(inpatients.size());
        long fy2026 = inpatients.stream().filter(id -> {
            LocalDate d = LocalDate.ofInstant(byId.get(id).dischargeAt(), clock.getZone());
            return !d.isBefore(LocalDate.of(2025, 10, 1)) && d.isBefore(LocalDate.of(2026, 10, 1));
        }).count();
        assertThat(jdbc.sql("select count(*) from coding_drg where final and weight is not null and encounter_id = any(?)")
                .param(inpatients.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(fy2026);
    }
}
