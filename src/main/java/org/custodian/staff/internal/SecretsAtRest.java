package org.custodian.staff.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** At start, encrypts TOTP secrets written before encryption, or under a rotated-out data key (issue 22). */
@Component
class SecretsAtRest {

    private static final Logger log = LoggerFactory.getLogger(SecretsAtRest.class);

    private final JdbcSecondFactors secondFactors;

    SecretsAtRest(JdbcSecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        int n = secondFactors.reEncrypt();
        if (n > 0) {
            log.info("Encrypted {} TOTP secrets under the current data key", n);
        }
    }
}
