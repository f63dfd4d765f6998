package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.staff.CeActivity;
import org.custodian.staff.CredentialProgress;
import org.custodian.staff.RecertificationStatus;
import org.custodian.staff.StaffCredential;
import org.junit.jupiter.api.Test;

/**
 * AHIMA's recertification rules as the bundled rules file states them (CCHIIM Recertification
 * Guide): a 2-year cycle from the exam date; 30 CEUs for RHIA, CHPS, CHDA, CDIP, CPHI; 20 for RHIT,
 * CCA, CCS, CCS-P; 10 more per additional AHIMA credential up to 50; 80% in the HIIM domains.
 */
class RecertificationTest {

    static final String HIIM = "Health Law and Compliance";
    static final String OTHER = "Related (outside the HIIM domains)";
    static final LocalDate START = LocalDate.of(2025, 3, 14);
    static final LocalDate END = LocalDate.of(2027, 3, 13);

    final RecertificationRules rules = bundledRules();
    final Recertification recert = new Recertification(rules);

    static RecertificationRules bundledRules() {
        InputStream in = RecertificationTest.class.getResourceAsStream("/reference/staff/recertification-rules.json");
        return RecertificationRules.read(in, "bundled");
    }

    static StaffCredential held(String code) {
        return new StaffCredential(1, "jdoe", code, null, START, START, END);
    }

    static CeActivity ce(LocalDate on, String ceus, String domain) {
        return new CeActivity(1, "jdoe", on, "Webinar", null, new BigDecimal(ceus), domain, !domain.equals(OTHER), null);
    }

    private BigDecimal required(String code, String... others) {
        List<StaffCredential> all = new ArrayList<>();
        all.add(held(code));
        for (String o : others) {
            all.add(held(o));
        }
        return recert.required(all.get(0), all);
    }

    @Test
    void singleCredentialsNeedTheirOwnCeus() {
        for (String code : List.of("RHIA", "CHPS", "CHDA", "CDIP", "CPHI")) {
            assertThat(required(code)).as(code).isEqualByComparingTo("30");
        }
        for (String code : List.of("RHIT", "CCA", "CCS", "CCS-P")) {
            assertThat(required(code)).as(code).isEqualByComparingTo("20");
        }
    }

    @Test
    void eachAdditionalAhimaCredentialAddsTenUpToFifty() {
        assertThat(required("RHIA", "CCS")).isEqualByComparingTo("40");
        assertThat(required("CCS", "RHIA")).as("the highest base counts, whichever is asked").isEqualByComparingTo("40");
        assertThat(required("RHIT", "CCS")).isEqualByComparingTo("30");
        assertThat(required("RHIT", "CCS", "CCA")).isEqualByComparingTo("40");
        assertThat(required("RHIA", "CCS", "CDIP")).isEqualByComparingTo("50");
        assertThat(required("RHIA", "CCS", "CDIP", "CHPS", "CHDA")).as("capped").isEqualByComparingTo("50");
    }

    @Test
    void anotherBodysCredentialDoesNotCombineWithAhimas() {
        assertThat(required("RHIA", "CPC")).isEqualByComparingTo("30");
        assertThat(required("CPC", "RHIA")).isEqualByComparingTo("36");
    }

    @Test
    void eightyPercentMustFallInTheHiimDomains() {
        List<StaffCredential> rhia = List.of(held("RHIA"));
        LocalDate today = LocalDate.of(2026, 1, 10);

        CredentialProgress short1 = recert.progress(rhia, List.of(ce(today, "23", HIIM), ce(today, "7", OTHER)), today).get(0);
        assertThat(short1.hiimRequired()).isEqualByComparingTo("24");
        assertThat(short1.earned()).isEqualByComparingTo("30");
        assertThat(short1.status()).isEqualTo(RecertificationStatus.IN_PROGRESS);
        assertThat(short1.hiimShort()).isEqualByComparingTo("1");

        CredentialProgress met = recert.progress(rhia, List.of(ce(today, "24", HIIM), ce(today, "6", OTHER)), today).get(0);
        assertThat(met.status()).isEqualTo(RecertificationStatus.MET);

        CredentialProgress plenty = recert.progress(rhia, List.of(ce(today, "20", HIIM), ce(today, "30", OTHER)), today).get(0);
        assertThat(plenty.earned()).as("more than enough in all").isEqualByComparingTo("50");
        assertThat(plenty.status()).as("but too few in the HIIM domains").isNotEqualTo(RecertificationStatus.MET);

        CredentialProgress combined = recert.progress(List.of(held("RHIA"), held("CCS")),
                List.of(ce(today, "31", HIIM), ce(today, "9", OTHER)), today).get(0);
        assertThat(combined.required()).isEqualByComparingTo("40");
        assertThat(combined.hiimRequired()).isEqualByComparingTo("32");
        assertThat(combined.status()).isNotEqualTo(RecertificationStatus.MET);
    }

    @Test
    void onlyActivitiesInsideTheCycleCountBothEndsIncluded() {
        LocalDate today = END.minusDays(200);
        List<CeActivity> log = List.of(ce(START.minusDays(1), "5", HIIM), ce(START, "7", HIIM), ce(END, "11", HIIM),
                ce(END.plusDays(1), "13", HIIM));
        CredentialProgress p = recert.progress(List.of(held("RHIT")), log, today).get(0);
        assertThat(p.earned()).isEqualByComparingTo("18");
    }

    @Test
    void theCycleRunsTwoYearsFromTheExamAndLaterCredentialsJoinIt() {
        Recertification.Cycle first = recert.defaultCycle("RHIT", START, List.of());
        assertThat(first).isEqualTo(new Recertification.Cycle(START, END));
        Recertification.Cycle leap = recert.defaultCycle("RHIA", LocalDate.of(2024, 2, 29), List.of());
        assertThat(leap.end()).as("a cycle from 29 February ends on the last day of February").isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(recert.defaultCycle("RHIA", LocalDate.of(2024, 3, 1), List.of()).end()).isEqualTo(LocalDate.of(2026, 2, 28));

        Recertification.Cycle joined = recert.defaultCycle("CCS", LocalDate.of(2026, 6, 1), List.of(held("RHIT")));
        assertThat(joined).as("AHIMA aligns a further credential with the current cycle").isEqualTo(new Recertification.Cycle(START, END));
        Recertification.Cycle aapc = recert.defaultCycle("CPC", LocalDate.of(2026, 6, 1), List.of(held("RHIT")));
        assertThat(aapc.start()).as("another body keeps its own cycle").isEqualTo(LocalDate.of(2026, 6, 1));
        Recertification.Cycle afterEnd = recert.defaultCycle("CCS", END.plusDays(1), List.of(held("RHIT")));
        assertThat(afterEnd.start()).isEqualTo(END.plusDays(1));
    }

    @Test
    void dueWarningsAtNinetySixtyAndThirtyDaysWhileShort() {
        List<StaffCredential> rhit = List.of(held("RHIT"));
        List<CeActivity> some = List.of(ce(START.plusDays(30), "10", HIIM));
        assertThat(status(rhit, some, END.minusDays(91))).isEqualTo(RecertificationStatus.IN_PROGRESS);
        assertThat(status(rhit, some, END.minusDays(90))).isEqualTo(RecertificationStatus.DUE_IN_90_DAYS);
        assertThat(status(rhit, some, END.minusDays(61))).isEqualTo(RecertificationStatus.DUE_IN_90_DAYS);
        assertThat(status(rhit, some, END.minusDays(60))).isEqualTo(RecertificationStatus.DUE_IN_60_DAYS);
        assertThat(status(rhit, some, END.minusDays(31))).isEqualTo(RecertificationStatus.DUE_IN_60_DAYS);
        assertThat(status(rhit, some, END.minusDays(30))).isEqualTo(RecertificationStatus.DUE_IN_30_DAYS);
        assertThat(status(rhit, some, END)).isEqualTo(RecertificationStatus.DUE_IN_30_DAYS);
        assertThat(status(rhit, some, END.plusDays(1))).isEqualTo(RecertificationStatus.LAPSED);

        List<CeActivity> enough = List.of(ce(START.plusDays(30), "20", HIIM));
        assertThat(status(rhit, enough, END.minusDays(10))).as("no warning once met").isEqualTo(RecertificationStatus.MET);
    }

    private RecertificationStatus status(List<StaffCredential> held, List<CeActivity> log, LocalDate today) {
        return recert.progress(held, log, today).get(0).status();
    }

    @Test
    void aJobsCredentialRequirementIsMetOnlyByACurrentCredential() {
        LocalDate today = LocalDate.of(2026, 1, 10);
        assertThat(recert.unmetJobRequirements(List.of("CODER"), today, List.of()))
                .singleElement().asString().contains("CODER").contains("CCS").contains("CCA");
        assertThat(recert.unmetJobRequirements(List.of("CODER"), today, List.of(held("CCA")))).isEmpty();
        assertThat(recert.unmetJobRequirements(List.of("CODER"), END.plusDays(1), List.of(held("CCS"))))
                .as("a lapsed CCS does not qualify").hasSize(1);
        assertThat(recert.unmetJobRequirements(List.of("AUDITOR"), today, List.of())).isEmpty();
    }

    @Test
    void theRulesAreDataAChangedFileChangesTheRequirement() throws IOException {
        String json;
        try (InputStream in = RecertificationTest.class.getResourceAsStream("/reference/staff/recertification-rules.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = json.replace("\"code\": \"RHIA\",  \"body\": \"AHIMA\", \"title\": \"Registered Health Information Administrator\", \"ceus\": 30",
                "\"code\": \"RHIA\",  \"body\": \"AHIMA\", \"title\": \"Registered Health Information Administrator\", \"ceus\": 34");
        assertThat(changed).isNotEqualTo(json);
        RecertificationRules updated = RecertificationRules.read(new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)), "test");
        StaffCredential rhia = held("RHIA");
        assertThat(new Recertification(updated).required(rhia, List.of(rhia))).isEqualByComparingTo("34");
    }

    @Test
    void aBrokenRulesFileSaysWhatIsWrong() {
        assertThatThrownBy(() -> RecertificationRules.read(new ByteArrayInputStream("{\"version\":\"x\"".getBytes()), "rules.json"))
                .hasMessageContaining("rules.json");
        String noShare = "{\"version\":\"x\",\"source\":\"y\",\"otherDomain\":\"o\",\"credentials\":[{\"code\":\"RHIA\",\"body\":\"AHIMA\",\"title\":\"t\",\"ceus\":30}],\"hiimDomains\":[\"d\"]}";
        assertThatThrownBy(() -> RecertificationRules.read(new ByteArrayInputStream(noShare.getBytes()), "rules.json"))
                .hasMessageContaining("hiimMinimumShare");
    }
}
