package org.custodian.disclosure.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.custodian.disclosure.RequesterType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configurable rules of release: deadlines ({@code custodian.disclosure.*}) and fees per requester
 * type ({@code custodian.disclosure.fees.<TYPE>.*}). The defaults follow HIPAA; a state with a shorter
 * deadline is set with {@code custodian.disclosure.state-days.CA=15}.
 */
@Component
@ConfigurationProperties("custodian.disclosure")
public class DisclosureSettings {

    /** The right-of-access deadline from receipt, 45 CFR 164.524(b)(2)(i). */
    private int rightOfAccessDays = 30;
    /** The one extension, 45 CFR 164.524(b)(2)(iii). */
    private int extensionDays = 30;
    /** The accounting deadline from receipt, 45 CFR 164.528(c)(1). */
    private int accountingDays = 60;
    /** How far back the accounting reaches, 45 CFR 164.528(a)(3). */
    private int accountingYears = 6;
    /** Shorter state deadlines (calendar days) by two-letter state. A longer one never applies: HIPAA's is the ceiling. */
    private Map<String, Integer> stateDays = new HashMap<>();
    private Map<RequesterType, FeeRule> fees = defaultFees();
    /** Who signs the certification of records for subpoenas and court orders. */
    private String custodianOfRecords = "Custodian of Records, Health Information Management";
    /** The facility named on packets; unset: the organization ({@code custodian.organization}). */
    private String facility;
    private final String organization;

    public DisclosureSettings() {
        this(org.custodian.CustodianSettings.DEFAULT_ORGANIZATION);
    }

    @org.springframework.beans.factory.annotation.Autowired
    DisclosureSettings(org.custodian.CustodianSettings custodian) {
        this(custodian.organization());
    }

    private DisclosureSettings(String organization) {
        this.organization = organization;
    }

    /**
     * How one requester type is charged. {@code FLAT_ELECTRONIC}: the flat $6.50 option for
     * electronic copies under the right of access, cost-based for paper; {@code COST_BASED}: labor
     * and supplies per page plus postage (164.524(c)(4)); {@code PER_PAGE}: a base fee plus a page
     * rate (third parties, where state law sets the rate); {@code NONE}: no charge (continuing care).
     */
    public static class FeeRule {
        public enum Mode { NONE, FLAT_ELECTRONIC, COST_BASED, PER_PAGE }

        private Mode mode = Mode.NONE;
        private long flatCents = 650;
        private long baseCents;
        private long perPageCents;
        private long postageCents;

        public FeeRule() {
        }

        FeeRule(Mode mode, long baseCents, long perPageCents, long postageCents) {
            this.mode = mode;
            this.baseCents = baseCents;
            this.perPageCents = perPageCents;
            this.postageCents = postageCents;
        }

        public Mode getMode() { return mode; }
        public void setMode(Mode mode) { this.mode = mode; }
        public long getFlatCents() { return flatCents; }
        public void setFlatCents(long flatCents) { this.flatCents = flatCents; }
        public long getBaseCents() { return baseCents; }
        public void setBaseCents(long baseCents) { this.baseCents = baseCents; }
        public long getPerPageCents() { return perPageCents; }
        public void setPerPageCents(long perPageCents) { this.perPageCents = perPageCents; }
        public long getPostageCents() { return postageCents; }
        public void setPostageCents(long postageCents) { this.postageCents = postageCents; }
    }

    static Map<RequesterType, FeeRule> defaultFees() {
        Map<RequesterType, FeeRule> f = new EnumMap<>(RequesterType.class);
        f.put(RequesterType.PATIENT, new FeeRule(FeeRule.Mode.FLAT_ELECTRONIC, 0, 10, 150));
        f.put(RequesterType.PERSONAL_REPRESENTATIVE, new FeeRule(FeeRule.Mode.FLAT_ELECTRONIC, 0, 10, 150));
        f.put(RequesterType.PROVIDER_TREATMENT, new FeeRule(FeeRule.Mode.NONE, 0, 0, 0));
        f.put(RequesterType.THIRD_PARTY, new FeeRule(FeeRule.Mode.PER_PAGE, 2500, 50, 150));
        f.put(RequesterType.PAYER, new FeeRule(FeeRule.Mode.PER_PAGE, 1500, 25, 150));
        f.put(RequesterType.ATTORNEY, new FeeRule(FeeRule.Mode.PER_PAGE, 2500, 50, 150));
        f.put(RequesterType.COURT, new FeeRule(FeeRule.Mode.PER_PAGE, 2500, 50, 150));
        f.put(RequesterType.PUBLIC_HEALTH, new FeeRule(FeeRule.Mode.NONE, 0, 0, 0));
        f.put(RequesterType.LAW_ENFORCEMENT, new FeeRule(FeeRule.Mode.NONE, 0, 0, 0));
        return f;
    }

    public FeeRule fee(RequesterType type) {
        FeeRule rule = fees.get(type);
        return rule != null ? rule : defaultFees().get(type);
    }

    public int getRightOfAccessDays() { return rightOfAccessDays; }
    public void setRightOfAccessDays(int rightOfAccessDays) { this.rightOfAccessDays = rightOfAccessDays; }
    public int getExtensionDays() { return extensionDays; }
    public void setExtensionDays(int extensionDays) { this.extensionDays = extensionDays; }
    public int getAccountingDays() { return accountingDays; }
    public void setAccountingDays(int accountingDays) { this.accountingDays = accountingDays; }
    public int getAccountingYears() { return accountingYears; }
    public void setAccountingYears(int accountingYears) { this.accountingYears = accountingYears; }
    public Map<String, Integer> getStateDays() { return stateDays; }
    public void setStateDays(Map<String, Integer> stateDays) { this.stateDays = stateDays; }
    public Map<RequesterType, FeeRule> getFees() { return fees; }
    public void setFees(Map<RequesterType, FeeRule> fees) { this.fees = fees; }
    public String getCustodianOfRecords() { return custodianOfRecords; }
    public void setCustodianOfRecords(String custodianOfRecords) { this.custodianOfRecords = custodianOfRecords; }
    public String getFacility() { return facility == null || facility.isBlank() ? organization : facility; }
    public void setFacility(String facility) { this.facility = facility; }
}
