package org.custodian.completion;

import java.util.List;

/**
 * A source of a practitioner's inbox items. Record completion contributes the open deficiencies;
 * CDI will contribute its open queries as another bean, and the inbox shows them all, oldest first.
 */
public interface InboxSource {

    List<InboxItem> itemsFor(long practitionerId);
}
