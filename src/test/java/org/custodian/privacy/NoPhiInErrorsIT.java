package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Database errors end up in logs: they must not quote the values that caused them. */
@CustodianTest
class NoPhiInErrorsIT {

    @Autowired JdbcClient jdbc;

    @Test
    void aConstraintViolationDoesNotQuoteThePatientsData() {
        String mrn = "Z" + UUID.randomUUID().toString().substring(0, 8);
        String insert = """
                insert into patient (mrn, given_name, family_name, birth_date, sex, search_name)
                values (?, 'Phi', 'Leakcheck', date '1960-01-01', 'F', 'phi leakcheck')""";
        jdbc.sql(insert).param(mrn).update();
        assertThatThrownBy(() -> jdbc.sql(insert).param(mrn).update()).satisfies(e -> {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains("patient_facility_mrn_key").doesNotContain(mrn);
        });
    }
}
