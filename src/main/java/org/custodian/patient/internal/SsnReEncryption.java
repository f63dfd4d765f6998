package org.custodian.patient.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.custodian.patient.SsnColumn;

/**
 * At start, rewrites every SSN not yet under the current data key: written before encryption
 * (migration V160) or under a key since rotated out ({@code custodian.security.data-key-previous}),
 * with its keyed hash, a thousand rows a transaction. Until then such values still read (plaintext as
 * it is, earlier keys while configured).
 */
@Component
class SsnReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SsnReEncryption.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final SsnColumn ssns;
    private final String currentPrefix;

    SsnReEncryption(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, SsnColumn ssns) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.ssns = ssns;
        String sample = ssns.seal("000000000");
        this.currentPrefix = sample.substring(0, sample.lastIndexOf(':') + 1);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        int n = run();
        if (n > 0) {
            log.info("Encrypted {} SSNs under the current data key", n);
        }
    }

    /**
     * Rewrites what is not under the current key; returns how many rows. The rows are walked once in id
     * order (each batch starts after the last one's highest id: starting from the first row every time read
     * the already sealed rows again, so a million SSNs took minutes), a thousand to a transaction and one
     * round trip. A row another instance is sealing at the same moment is skipped, not waited for.
     */
    int run() {
        String notCurrent = currentPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        int total = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> rows = tx.execute(status -> {
                List<Object[]> found = jdbc.sql("""
                                select id, ssn from patient where id > ? and ssn is not null and ssn not like ? escape '!'
                                order by id limit ? for update skip locked""")
                        .params(from, notCurrent, BATCH)
                        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
                List<Object[]> sealed = new ArrayList<>(found.size());
                for (Object[] row : found) {
                    String digits = ssns.open((String) row[1]);
                    sealed.add(new Object[] {ssns.seal(digits), ssns.hash(digits), row[0]});
                }
                batch.batchUpdate("update patient set ssn = ?, ssn_hash = ? where id = ?", sealed);
                return found;
            });
            if (rows == null || rows.isEmpty()) {
                return total;
            }
            total += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
    }
}
