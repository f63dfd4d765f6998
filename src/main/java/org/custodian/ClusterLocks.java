package org.custodian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Fencing for work that must run on one instance at a time when several Custodian instances share one
 * PostgreSQL database: a session advisory lock ({@code pg_try_advisory_lock}) on a connection of its
 * own, held while the work runs and released after it (or by PostgreSQL when that connection dies, so a
 * killed instance never holds it). The instance that does not get the lock skips the run. Used by every
 * {@link PeriodicJob} and by the MLLP listener's leader.
 */
@Component
public class ClusterLocks {

    private final DataSource dataSource;

    public ClusterLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} if no other session holds the lock {@code name}; returns whether it ran. */
    public boolean runAlone(String name, Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (!lock(c, "select pg_try_advisory_lock(hashtext(?))", name)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock(c, "select pg_advisory_unlock(hashtext(?))", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the cluster lock '" + name + "': SQLState " + e.getSQLState(), e);
        }
    }

    private static boolean lock(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
