package org.custodian.coding.internal;

import org.custodian.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a DRG for every discharged inpatient stay on the worklist, as the system (no person's reads
 * are recorded for it): at start-up — a database coded before the DRG was kept gets its final DRGs,
 * so the case mix index shows at once — and then every {@code custodian.coding.drg-refresh-interval}
 * (default 1m; 0: start-up only; {@code CUSTODIAN_CODING_DRG_REFRESH_INTERVAL}) for stays discharged since, whose
 * working DRG comes from the chart's documented conditions until a coder saves an abstract.
 */
@Component
class DrgRefresher extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(DrgRefresher.class);
    static final int BATCH = 5_000;

    private final CaseMixService caseMix;

    DrgRefresher(CaseMixService caseMix, CodingSettings settings) {
        super("coding-drg-refresher", settings.drgRefreshInterval(), true, WhenZero.RUN_ONCE_AT_START);
        this.caseMix = caseMix;
    }

    @Override
    protected void runOnce() {
        int n = caseMix.refreshMissing(BATCH);
        if (n > 0) {
            log.info("Grouped {} inpatient stay(s) without a kept MS-DRG", n);
        }
    }
}
