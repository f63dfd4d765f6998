package org.custodian.completion;

import java.util.List;

/**
 * A page of the open-deficiency list, due soonest first, and how many open deficiencies match in
 * all: a department carries thousands, and the analyst narrows by patient or practitioner.
 */
public record OpenDeficiencies(List<Deficiency> items, long total) {

    public OpenDeficiencies {
        items = List.copyOf(items);
    }

    /** Whether the list shows fewer than match. */
    public boolean truncated() {
        return total > items.size();
    }
}
