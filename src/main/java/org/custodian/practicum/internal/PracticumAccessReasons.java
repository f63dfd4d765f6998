package org.custodian.practicum.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.stereotype.Component;

/**
 * The practicum's work items are exercises on synthetic records, never the hospital's patients: they
 * give no one a reason to open a real chart, so a student's or instructor's access to one stays
 * unexplained and is scored (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class PracticumAccessReasons implements AccessReasons {

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return List.of();
    }
}
