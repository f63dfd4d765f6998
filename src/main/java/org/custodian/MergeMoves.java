package org.custodian;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a module's rows follow a patient merge and come back on an unmerge. Each module owns its
 * tables, so each moves its own rows in its listener of {@code PatientsMerged} (in the merge's
 * transaction) and records the rows it moved in its own move table of the shape
 * {@code (merge_id, row_type, row_id)}; an unmerge moves back exactly those rows, not rows filed
 * on the survivor since the merge. In the root package so every module can use it.
 */
public final class MergeMoves {

    private MergeMoves() {
    }

    /**
     * Moves the rows of {@code table} from the retired patient to the survivor and records them.
     * Table and row type names are the caller's constants, never input.
     */
    public static List<Long> move(JdbcClient jdbc, String moveTable, String table, String rowType, long mergeId,
                                  long retiredPatientId, long survivingPatientId) {
        return move(jdbc, moveTable, table, "id", rowType, mergeId, retiredPatientId, survivingPatientId);
    }

    /** As {@link #move(JdbcClient, String, String, String, long, long, long)} for a table keyed by {@code idColumn}. */
    public static List<Long> move(JdbcClient jdbc, String moveTable, String table, String idColumn, String rowType,
                                  long mergeId, long retiredPatientId, long survivingPatientId) {
        List<Long> ids = jdbc.sql("update " + table + " set patient_id = ? where patient_id = ? returning " + idColumn)
                .params(survivingPatientId, retiredPatientId).query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("insert into " + moveTable + " (merge_id, row_type, row_id) select ?, ?, unnest(?::bigint[])")
                    .params(mergeId, rowType, ids.toArray(Long[]::new)).update();
        }
        return ids;
    }

    /** Moves the rows a merge moved back to the retired patient. */
    public static List<Long> moveBack(JdbcClient jdbc, String moveTable, String table, String rowType, long mergeId,
                                      long retiredPatientId) {
        return moveBack(jdbc, moveTable, table, "id", rowType, mergeId, retiredPatientId);
    }

    /** As {@link #moveBack(JdbcClient, String, String, String, long, long)} for a table keyed by {@code idColumn}. */
    public static List<Long> moveBack(JdbcClient jdbc, String moveTable, String table, String idColumn, String rowType,
                                      long mergeId, long retiredPatientId) {
        return jdbc.sql("update " + table + " set patient_id = ? where " + idColumn + " in "
                        + "(select row_id from " + moveTable + " where merge_id = ? and row_type = ?) returning " + idColumn)
                .params(retiredPatientId, mergeId, rowType).query(Long.class).list();
    }
}
