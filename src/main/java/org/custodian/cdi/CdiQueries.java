package org.custodian.cdi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Physician queries, compliant by construction (AHIMA/ACDIS, Guidelines for Achieving a Compliant
 * Query Practice, 2022 update): built from a template with clinical indicators selected from the
 * patient's record, checked before sending (a refused query is a 422 problem
 * {@code cdi-query-not-compliant} naming each violated rule in {@code violations}), delivered to the
 * physician's inbox, answered as a signed addendum in the chart; the query itself, with its
 * indicators, is kept as the business record.
 */
public interface CdiQueries {

    enum Format { MULTIPLE_CHOICE, YES_NO, OPEN_ENDED }

    /** What a yes/no query may be for (2022 guidelines): nothing else. */
    enum YesNoPurpose { CONFIRM_DOCUMENTED, PRESENT_ON_ADMISSION, CAUSE_AND_EFFECT }

    /** An option's meaning: a diagnosis (with its ICD-10-CM code), none supported, other (free text), clinically undetermined, yes, no. */
    enum OptionKind { DIAGNOSIS, NOT_SUPPORTED, OTHER, UNDETERMINED, YES, NO }

    enum Outcome { AGREED, DISAGREED, UNDETERMINED, NO_RESPONSE }

    record Option(String text, OptionKind kind, String code) {
    }

    /** A clinical indicator chosen from the record: {@code source} Observation (the kept resource's row id), Document or Finding. */
    record IndicatorRef(String source, long id) {
    }

    /**
     * A query to build. {@code practitionerId}: the physician asked (default: the stay's attending);
     * {@code ruleIds}: the worklist reasons it answers.
     */
    record NewQuery(Long encounterId, String template, Format format, YesNoPurpose yesNoPurpose, String question,
                    List<Option> options, List<IndicatorRef> indicators, Long practitionerId, List<String> ruleIds) {
    }

    /** An indicator as kept with the query: what, its value, unit and time, and a link to its source. */
    record Indicator(String source, long sourceId, String label, String value, String unit, Instant observedAt, String href) {
    }

    /** A query as the physician and CDI see it: no DRG, weight or payment (those are in {@link Impact}). */
    record Query(long id, long encounterId, long patientId, long practitionerId, String template, Format format,
                 YesNoPurpose yesNoPurpose, String question, List<Option> options, List<Indicator> indicators, Timing timing,
                 String status, String createdBy, Instant createdAt, String answeredBy, Instant answeredAt, Integer answerOption,
                 String answerText, Outcome outcome, Long addendumId, Instant followedUpAt, Instant escalatedAt, Long escalatedTo) {
    }

    /**
     * The working MS-DRG and expected payment before the query and after its answer: for CDI and HIM only, never on the query.
     * {@code grouperVersionBefore}/{@code After}: the MS-DRG grouper version that grouped it; {@code provisionalBefore}/{@code After}:
     * the stay's fiscal year had no grouper loaded, so it was grouped with the newest loaded version as an estimate.
     */
    record Impact(long queryId, String drgBefore, BigDecimal weightBefore, BigDecimal paymentBefore, String severityBefore,
                  String drgAfter, BigDecimal weightAfter, BigDecimal paymentAfter, String severityAfter, boolean ccMccCaptured,
                  String grouperVersionBefore, boolean provisionalBefore, String grouperVersionAfter, boolean provisionalAfter) {
    }

    /** The physician's answer: the chosen option (index), and the text "other" or an open-ended query needs. */
    record Answer(Integer option, String text) {
    }

    /** A template of the library. */
    record Template(String id, String title, Format format, YesNoPurpose yesNoPurpose, String question, List<Option> options,
                    List<String> indicatorLoinc) {
    }

    List<Template> templates();

    @PreAuthorize("hasAuthority('cdi:review')")
    Query create(NewQuery query);

    /** Answers a query sent to the caller (or escalated to them): a signed addendum in the chart. */
    @PreAuthorize("hasAuthority('cdi:answer')")
    Query answer(long id, Answer answer);

    /** A query: CDI sees any, a physician the ones sent to them. */
    @PreAuthorize("hasAnyAuthority('cdi:review', 'cdi:answer')")
    Query query(long id);

    @PreAuthorize("hasAuthority('cdi:review')")
    List<Query> forEncounter(long encounterId);

    @PreAuthorize("hasAuthority('cdi:review')")
    Impact impact(long id);

    /**
     * The numeric Observations (labs, vital signs) of the stay a query may cite as clinical indicators:
     * those the templates and rules look at, from 24 hours before admission to discharge, by time.
     */
    @PreAuthorize("hasAuthority('cdi:review')")
    List<org.custodian.chart.RecordFacts.Measurement> candidates(long encounterId);
}
