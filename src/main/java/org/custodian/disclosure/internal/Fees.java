package org.custodian.disclosure.internal;

import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.DisclosureRelease.InvoiceLine;
import org.custodian.disclosure.RequesterType;
import org.custodian.disclosure.internal.DisclosureSettings.FeeRule;

/**
 * The invoice line of a request. Right of access (45 CFR 164.524(c)(4)): only a reasonable,
 * cost-based fee for labor of copying, supplies and postage, or the flat $6.50 for electronic copies;
 * continuing care is not charged; third parties per the configured schedule.
 */
final class Fees {

    private final DisclosureSettings settings;

    Fees(DisclosureSettings settings) {
        this.settings = settings;
    }

    InvoiceLine invoice(String requestNumber, RequesterType type, Delivery delivery, int pages) {
        FeeRule rule = settings.fee(type);
        String what = "Copies of health records, request " + requestNumber + ", " + pages + " page" + (pages == 1 ? "" : "s")
                + ", " + delivery.label().toLowerCase(java.util.Locale.ROOT);
        long postage = delivery == Delivery.PAPER ? rule.getPostageCents() : 0;
        return switch (rule.getMode()) {
            case NONE -> new InvoiceLine(what, 0, type == RequesterType.PROVIDER_TREATMENT
                    ? "no fee: continuing care" : "no fee for this requester");
            case FLAT_ELECTRONIC -> delivery.electronic()
                    ? new InvoiceLine(what, rule.getFlatCents(), "flat fee for an electronic copy (45 CFR 164.524(c)(4))")
                    : costBased(what, rule, pages, postage);
            case COST_BASED -> costBased(what, rule, pages, postage);
            case PER_PAGE -> new InvoiceLine(what, rule.getBaseCents() + rule.getPerPageCents() * pages + postage,
                    "fee schedule: base " + money(rule.getBaseCents()) + " + " + money(rule.getPerPageCents()) + " per page"
                            + (postage > 0 ? " + postage " + money(postage) : ""));
        };
    }

    private static InvoiceLine costBased(String what, FeeRule rule, int pages, long postage) {
        return new InvoiceLine(what, rule.getPerPageCents() * pages + postage,
                "cost-based: labor and supplies " + money(rule.getPerPageCents()) + " per page"
                        + (postage > 0 ? " + postage " + money(postage) : "") + " (45 CFR 164.524(c)(4))");
    }

    static String money(long cents) {
        return String.format(java.util.Locale.US, "$%d.%02d", cents / 100, cents % 100);
    }
}
