package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every table with a {@code patient_id} column is declared by its module's {@link MergeFollower}:
 * its rows move with a merge, or stay with a stated reason. A new module's table that nobody
 * declared would keep a merged patient's rows on the retired registration, out of the survivor's
 * chart, accounting of disclosures and legal holds; this test fails first.
 */
@CustodianTest
class MergeFollowersSchemaIT {

    @Autowired List<MergeFollower> followers;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void everyTableWithAPatientIdIsDeclaredByAMergeFollower() {
        assertThat(undeclared()).as("tables with patient_id that no module's MergeFollower declares").isEmpty();
    }

    @Test
    void everyDeclaredTableExistsAndHasAPatientId() {
        Set<String> withPatientId = tablesWithPatientId();
        assertThat(followers.stream().flatMap(f -> f.tables().stream()).toList())
                .as("declared tables").isNotEmpty().allSatisfy(t -> assertThat(withPatientId).contains(t));
    }

    @Test
    void aTableNobodyDeclaredIsFound() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("create table merge_follower_probe (id bigserial primary key, patient_id bigint)").update();
            assertThat(undeclared()).containsExactly("merge_follower_probe");
            status.setRollbackOnly();
        });
    }

    @Test
    void aTableIsDeclaredByOneModuleOnly() {
        List<String> all = followers.stream().flatMap(f -> f.tables().stream()).toList();
        assertThat(all).doesNotHaveDuplicates();
    }

    private Set<String> undeclared() {
        Set<String> missing = tablesWithPatientId();
        followers.forEach(f -> f.tables().forEach(missing::remove));
        return missing;
    }

    private Set<String> tablesWithPatientId() {
        return new TreeSet<>(jdbc.sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.column_name = 'patient_id' and t.table_type = 'BASE TABLE'
                          and c.table_schema = current_schema()""")
                .query(String.class).list());
    }
}
