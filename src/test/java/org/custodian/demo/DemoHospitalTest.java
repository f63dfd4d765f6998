package org.custodian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.demo.DuplicateRegistration.Discrepancy;
import org.custodian.patient.NewPatient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator alone, no database: determinism and the shape of the default demo hospital. */
class DemoHospitalTest {

    static final long SEED = 20261127L;
    static final Instant NOW = Instant.parse("2026-11-27T15:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static DemoHospital hospital;
    static ValidatorFactory validation;

    @BeforeAll
    static void generate() {
        long start = System.nanoTime();
        hospital = DemoHospital.generate(SEED, 1000, "MAIN", CLOCK);
        System.out.printf("generated %d registrations, %d encounters, %d documents in %d ms%n",
                hospital.registrations().size(), hospital.encounterCount(), hospital.documentCount(),
                (System.nanoTime() - start) / 1_000_000);
        validation = Validation.buildDefaultValidatorFactory();
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    @Test
    void theSameSeedGivesTheSameHospital() {
        DemoHospital again = DemoHospital.generate(SEED, 1000, "MAIN", CLOCK);
        assertThat(again.registrations()).isEqualTo(hospital.registrations());
        assertThat(again.duplicates()).isEqualTo(hospital.duplicates());
        assertThat(again.visits()).isEqualTo(hospital.visits());
        assertThat(again).isEqualTo(hospital);
    }

    @Test
    void anotherSeedGivesAnotherHospital() {
        DemoHospital other = DemoHospital.generate(SEED + 1, 1000, "MAIN", CLOCK);
        assertThat(other.registrations()).isNotEqualTo(hospital.registrations());
        assertThat(other.duplicates()).isNotEqualTo(hospital.duplicates());
        assertThat(other.visits()).isNotEqualTo(hospital.visits());
        long sameName = 0;
        for (int i = 0; i < 1000; i++) {
            if (other.registrations().get(i).familyName().equals(hospital.registrations().get(i).familyName())) {
                sameName++;
            }
        }
        assertThat(sameName).isLessThan(100);
    }

    @Test
    void theDuplicateTruthDependsOnSeedAndSizeOnly() {
        DemoHospital later = DemoHospital.generate(SEED, 1000, "MAIN", Clock.offset(CLOCK, Duration.ofDays(200)));
        assertThat(later.duplicates()).isEqualTo(hospital.duplicates());
        for (int i = 0; i < hospital.registrations().size(); i++) {
            NewPatient a = hospital.registrations().get(i);
            NewPatient b = later.registrations().get(i);
            assertThat(b.mrn()).isEqualTo(a.mrn());
            assertThat(b.familyName() + b.givenName() + b.ssn()).isEqualTo(a.familyName() + a.givenName() + a.ssn());
        }
    }

    @Test
    void registrationsAreValidAndRealistic() {
        Validator validator = validation.getValidator();
        List<NewPatient> patients = hospital.registrations();
        assertThat(patients).hasSizeGreaterThanOrEqualTo(1000);
        Set<String> mrns = new HashSet<>();
        boolean accent = false;
        boolean apostrophe = false;
        boolean hyphen = false;
        boolean smi = false;
        int withoutSsn = 0;
        for (NewPatient p : patients) {
            assertThat(validator.validate(p)).as(p.mrn()).isEmpty();
            assertThat(mrns.add(p.mrn())).as("unique MRN " + p.mrn()).isTrue();
            assertThat(p.mrn()).matches("[0-9]{7}");
            assertThat(p.birthDate()).isBefore(LocalDate.ofInstant(NOW, ZoneOffset.UTC));
            assertThat(p.birthDate()).isAfter(LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusYears(97));
            if (p.ssn() == null) {
                withoutSsn++;
            } else {
                assertThat(p.ssn()).matches("[0-9]{9}").doesNotStartWith("000").doesNotStartWith("666")
                        .doesNotStartWith("9");
                assertThat(p.ssn().substring(3, 5)).isNotEqualTo("00");
                assertThat(p.ssn().substring(5)).isNotEqualTo("0000");
            }
            assertThat(p.address().state()).matches("[A-Z]{2}");
            assertThat(p.address().postalCode()).matches("[0-9]{5}");
            assertThat(p.address().line()).isNotBlank();
            assertThat(p.address().city()).isNotBlank();
            assertThat(p.phone()).isNotBlank();
            String name = p.givenName() + " " + p.familyName();
            accent |= !Normalizer.normalize(name, Normalizer.Form.NFD).equals(name);
            apostrophe |= name.contains("'");
            hyphen |= p.familyName().contains("-");
            smi |= fold(name).contains("smi");
        }
        assertThat(accent).as("some name with an accent").isTrue();
        assertThat(apostrophe).as("some name with an apostrophe").isTrue();
        assertThat(hyphen).as("some hyphenated family name").isTrue();
        assertThat(smi).as("the README's search example ?q=smi finds someone").isTrue();
        assertThat(withoutSsn).isBetween(10, 150);
    }

    @Test
    void aboutSixPercentAreDuplicatesWithRecordedDiscrepancies() {
        List<DuplicateRegistration> duplicates = hospital.duplicates();
        // More than a page of the duplicate worklist (50 pairs) at first start.
        assertThat(duplicates).hasSize(60);
        assertThat(hospital.registrations()).hasSize(1060);
        Set<Discrepancy> seen = EnumSet.noneOf(Discrepancy.class);
        for (DuplicateRegistration d : duplicates) {
            NewPatient dup = hospital.registrations().get(d.registration());
            NewPatient original = hospital.registrations().get(d.original());
            assertThat(d.registration()).isGreaterThan(d.original());
            assertThat(dup.mrn()).isEqualTo(d.mrn()).isNotEqualTo(original.mrn());
            assertThat(original.mrn()).isEqualTo(d.originalMrn());
            assertThat(d.discrepancies()).isNotEmpty();
            seen.addAll(d.discrepancies());
            // Whatever was not changed is the same; whatever was, differs as stated.
            boolean nameChanged = d.discrepancies().contains(Discrepancy.TRANSPOSED_LETTERS)
                    || d.discrepancies().contains(Discrepancy.NICKNAME);
            assertThat(!(dup.givenName().equals(original.givenName()) && dup.familyName().equals(original.familyName())))
                    .isEqualTo(nameChanged);
            assertThat(!dup.birthDate().equals(original.birthDate()))
                    .isEqualTo(d.discrepancies().contains(Discrepancy.DAY_MONTH_SWAPPED));
            if (d.discrepancies().contains(Discrepancy.DAY_MONTH_SWAPPED)) {
                assertThat(dup.birthDate().getDayOfMonth()).isEqualTo(original.birthDate().getMonthValue());
                assertThat(dup.birthDate().getMonthValue()).isEqualTo(original.birthDate().getDayOfMonth());
            }
            if (d.discrepancies().contains(Discrepancy.SSN_MISSING)) {
                assertThat(dup.ssn()).isNull();
                assertThat(original.ssn()).isNotNull();
            } else if (d.discrepancies().contains(Discrepancy.SSN_DIGIT_TYPO)) {
                assertThat(differentCharacters(dup.ssn(), original.ssn())).isEqualTo(1);
            } else {
                assertThat(dup.ssn()).isEqualTo(original.ssn());
            }
            assertThat(!dup.address().equals(original.address()))
                    .isEqualTo(d.discrepancies().contains(Discrepancy.ADDRESS_CHANGED));
            assertThat(dup.sex()).isEqualTo(original.sex());
        }
        assertThat(seen).as("several kinds of discrepancy").hasSizeGreaterThanOrEqualTo(4);
        long duplicated = hospital.registrations().size() - duplicates.size();
        assertThat(duplicated).isEqualTo(1000);
    }

    @Test
    void twoYearsOfEncountersOfEveryClass() {
        Validator validator = validation.getValidator();
        assertThat(hospital.encounterCount()).isGreaterThanOrEqualTo(3000);
        Instant twoYearsAgo = NOW.minus(Duration.ofDays(730));
        Map<EncounterClass, Integer> byClass = new HashMap<>();
        Set<String> services = new HashSet<>();
        Set<String> attendings = new HashSet<>();
        int inHouse = 0;
        for (DemoHospital.Visit v : hospital.visits()) {
            NewEncounter e = v.encounter();
            assertThat(validator.validate(e)).isEmpty();
            assertThat(v.registration()).isBetween(0, hospital.registrations().size() - 1);
            assertThat(e.admitAt()).isAfterOrEqualTo(twoYearsAgo).isBefore(NOW);
            LocalDate born = hospital.registrations().get(v.registration()).birthDate();
            assertThat(e.admitAt()).isAfter(born.atStartOfDay().toInstant(ZoneOffset.UTC));
            if (e.dischargeAt() == null) {
                assertThat(e.encounterClass()).isEqualTo(EncounterClass.INPATIENT);
                assertThat(e.dischargeDisposition()).isNull();
                inHouse++;
            } else {
                assertThat(e.dischargeAt()).isAfter(e.admitAt()).isBeforeOrEqualTo(NOW);
                assertThat(e.dischargeDisposition()).isNotNull();
            }
            if (e.encounterClass() == EncounterClass.INPATIENT && e.dischargeAt() != null) {
                assertThat(Duration.between(e.admitAt(), e.dischargeAt())).isGreaterThan(Duration.ofHours(4));
            }
            byClass.merge(e.encounterClass(), 1, Integer::sum);
            services.add(e.service());
            attendings.add(e.attendingProvider());
        }
        assertThat(byClass.keySet()).containsExactlyInAnyOrder(EncounterClass.values());
        assertThat(byClass.get(EncounterClass.INPATIENT)).isGreaterThan(hospital.encounterCount() / 5);
        assertThat(services).contains("Medicine", "Surgery", "Cardiology", "Obstetrics", "Orthopedics", "Psychiatry",
                "Pediatrics", "Emergency Medicine");
        assertThat(hospital.physicians()).hasSizeBetween(25, 35).doesNotHaveDuplicates();
        assertThat(hospital.physicians()).containsAll(attendings);
        assertThat(inHouse).as("a few patients are in the hospital now").isBetween(1, 40);
    }

    @Test
    void documentsOfEveryTypeMostlySignedSomeAwaitingSignature() {
        Validator validator = validation.getValidator();
        Map<DocumentStatus, Integer> byStatus = new HashMap<>();
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        int oldUnsigned = 0;
        int recentUnsigned = 0;
        int oldNotes = 0;
        int recentNotes = 0;
        int inpatientStays = 0;
        int staysWithAllNotes = 0;
        for (DemoHospital.Visit v : hospital.visits()) {
            Set<DocumentType> visitTypes = EnumSet.noneOf(DocumentType.class);
            for (NewDocument d : v.documents()) {
                assertThat(validator.validate(d)).isEmpty();
                assertThat(d.text()).hasSizeGreaterThan(400).contains("\n\n");
                assertThat(d.createdAt()).isAfterOrEqualTo(v.encounter().admitAt()).isBeforeOrEqualTo(NOW);
                assertThat(hospital.physicians()).contains(d.author());
                byStatus.merge(d.status(), 1, Integer::sum);
                types.add(d.type());
                visitTypes.add(d.type());
                if (d.status() == DocumentStatus.SIGNED) {
                    assertThat(d.signedBy()).isEqualTo(d.author());
                    assertThat(d.signedAt()).isAfter(d.createdAt()).isBeforeOrEqualTo(NOW);
                } else {
                    assertThat(d.signedBy()).isNull();
                    assertThat(d.signedAt()).isNull();
                }
                boolean old = d.createdAt().isBefore(NOW.minus(Duration.ofDays(180)));
                boolean recent = d.createdAt().isAfter(NOW.minus(Duration.ofDays(30)));
                oldNotes += old ? 1 : 0;
                recentNotes += recent ? 1 : 0;
                if (d.status() == DocumentStatus.UNSIGNED) {
                    if (old) {
                        oldUnsigned++;
                    } else if (recent) {
                        recentUnsigned++;
                    }
                }
            }
            NewEncounter e = v.encounter();
            if (e.encounterClass() == EncounterClass.INPATIENT && e.dischargeAt() != null
                    && e.dischargeAt().isBefore(NOW.minus(Duration.ofDays(3)))) {
                inpatientStays++;
                if (visitTypes.containsAll(EnumSet.of(DocumentType.HISTORY_AND_PHYSICAL, DocumentType.DISCHARGE_SUMMARY))) {
                    staysWithAllNotes++;
                }
                if (Set.of("Surgery", "Orthopedics").contains(e.service())) {
                    assertThat(visitTypes).as("a surgical stay has an operative report").contains(DocumentType.OPERATIVE_REPORT);
                }
                if (visitTypes.contains(DocumentType.OPERATIVE_REPORT)) {
                    // 42 CFR 482.51(b)(1)-(2): the H&P and the consent on the chart before the operation.
                    Instant operative = v.documents().stream().filter(d -> d.type() == DocumentType.OPERATIVE_REPORT)
                            .map(NewDocument::createdAt).min(Instant::compareTo).orElseThrow();
                    assertThat(v.documents()).filteredOn(d -> d.type() == DocumentType.PROCEDURE_CONSENT).singleElement()
                            .satisfies(d -> assertThat(d.createdAt()).isBefore(operative.minus(Duration.ofMinutes(59))));
                    assertThat(v.documents()).filteredOn(d -> d.type() == DocumentType.HISTORY_AND_PHYSICAL)
                            .allSatisfy(d -> assertThat(d.createdAt()).isBefore(operative.minus(Duration.ofMinutes(59))));
                }
                if (Duration.between(e.admitAt(), e.dischargeAt()).toDays() >= 3) {
                    assertThat(visitTypes).contains(DocumentType.PROGRESS_NOTE);
                }
            }
        }
        // The clinical notes and the scanned surgical consents; the H&P update and verbal-order types come from feeds.
        assertThat(types).containsExactlyInAnyOrder(DocumentType.DISCHARGE_SUMMARY, DocumentType.HISTORY_AND_PHYSICAL,
                DocumentType.OPERATIVE_REPORT, DocumentType.PROGRESS_NOTE, DocumentType.CONSULT_NOTE,
                DocumentType.PROCEDURE_CONSENT);
        assertThat(staysWithAllNotes).isEqualTo(inpatientStays);
        int total = hospital.documentCount();
        assertThat(total).isGreaterThan(hospital.encounterCount());
        double drafts = byStatus.getOrDefault(DocumentStatus.DRAFT, 0) / (double) total;
        assertThat(drafts).as("share of drafts").isGreaterThan(0.0).isLessThan(0.03);
        assertThat(byStatus.get(DocumentStatus.SIGNED)).isGreaterThan(total * 9 / 10);
        // This month's notes are the analysts' current work; old unsigned notes are the few delinquent records.
        assertThat(recentUnsigned / (double) recentNotes).as("share of this month's notes unsigned").isBetween(0.08, 0.20);
        assertThat(oldUnsigned / (double) oldNotes).as("share of notes older than six months unsigned").isBetween(0.002, 0.02);
        assertThat(oldUnsigned).as("unsigned for months").isGreaterThan(10);
        assertThat(recentUnsigned).as("unsigned this month").isGreaterThan(5);
    }

    @Test
    void aSmallHospitalIsSmall() {
        DemoHospital small = DemoHospital.generate(7, 50, "T1", CLOCK);
        assertThat(small.registrations()).hasSize(53);
        assertThat(small.duplicates()).hasSize(3);
        assertThat(small.registrations()).allSatisfy(p -> assertThat(p.facility()).isEqualTo("T1"));
        assertThat(small.encounterCount()).isBetween(100, 300);
    }

    private static int differentCharacters(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                n++;
            }
        }
        return n;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
