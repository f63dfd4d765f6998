package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.custodian.audit.AuditLog;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The database itself refuses to change or remove an audit event (HIPAA 45 CFR 164.312(b) audit
 * controls): ordinary SQL, even from the table's owner, gets an error from the append-only triggers.
 */
@CustodianTest
class AuditAppendOnlyIT {

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;

    JdbcTemplate jdbc;
    List<Long> seqs;

    @BeforeEach
    void events() {
        AuditTamper tamper = new AuditTamper(dataSource, transactions);
        jdbc = tamper.jdbc();
        seqs = tamper.appendMarked(log, 2);
    }

    @Test
    void updateIsRefused() {
        long seq = seqs.get(0);
        String before = detail(seq);
        assertRefused(() -> jdbc.update("update audit_event set detail = 'changed' where seq = ?", seq), "UPDATE");
        assertRefused(() -> jdbc.update("update audit_event set seq = seq + 1000000 where seq = ?", seq), "UPDATE");
        assertThat(detail(seq)).isEqualTo(before);
    }

    @Test
    void deleteIsRefused() {
        long seq = seqs.get(1);
        long count = count();
        assertRefused(() -> jdbc.update("delete from audit_event where seq = ?", seq), "DELETE");
        assertRefused(() -> jdbc.update("delete from audit_event"), "DELETE");
        assertThat(count()).isGreaterThanOrEqualTo(count);
        assertThat(detail(seq)).isNotNull();
    }

    @Test
    void truncateIsRefused() {
        long count = count();
        assertRefused(() -> jdbc.execute("truncate audit_event"), "TRUNCATE");
        assertThat(count()).isGreaterThanOrEqualTo(count);
        assertThat(log.verify().valid()).isTrue();
    }

    private void assertRefused(Runnable statement, String operation) {
        assertThatThrownBy(statement::run)
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_event is append-only (" + operation + " refused)");
    }

    private String detail(long seq) {
        return jdbc.queryForObject("select detail from audit_event where seq = ?", String.class, seq);
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from audit_event", Long.class);
    }
}
