package org.custodian;

/**
 * A worklist whose size operations watch (issue 23): each module declares a bean per worklist it
 * holds, and the operations module exports it as the Micrometer gauge
 * {@code custodian.worklist.size{worklist="<name>"}} (Prometheus: {@code custodian_worklist_size}).
 * A count of what waits for someone, read with one query; never patient data.
 */
public interface WorklistSize {

    /** The worklist's name in the gauge's tag: lower case, words joined by '-'. */
    String worklist();

    /** Items waiting now. */
    long size();

    /** A worklist counted by one SQL query returning a number. */
    static WorklistSize counting(String worklist, org.springframework.jdbc.core.simple.JdbcClient jdbc, String countSql) {
        return new WorklistSize() {
            @Override
            public String worklist() {
                return worklist;
            }

            @Override
            public long size() {
                return jdbc.sql(countSql).query(Long.class).single();
            }
        };
    }
}
