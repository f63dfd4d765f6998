package org.custodian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Fencing for work that must run on one instance at a time when several Custodian instances share one
 * PostgreSQL database: a session advisory lock ({@code pg_try_advisory_lock}) on a connection of its
 * own, held while the work runs and released after it (or by PostgreSQL when that connection dies, so a
 * killed instance never holds it). Those sessions come from a pool of their own
 * ({@code DatabaseConfiguration.lockDataSource}), so locks never take the connections their work needs. The instance that does not get the lock skips the run. Used by every
 * {@link PeriodicJob}; {@link #tryHold} keeps one held while an instance plays a role (the MLLP listener).
 */
@Component
public class ClusterLocks {

    private final DataSource dataSource;

    public ClusterLocks(@Qualifier("lockDataSource") DataSource dataSource) {
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

    /**
     * Takes the lock {@code name} for as long as the returned lease is open, if no other session holds
     * it: for a role one instance plays while it lives (the MLLP listener), not a bounded run. The lease
     * keeps a pooled connection; PostgreSQL releases the lock when that session ends, so an instance
     * that dies (or whose session the server drops) loses it, and {@link Lease#held} then says so.
     */
    public Optional<Lease> tryHold(String name) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            if (lock(c, "select pg_try_advisory_lock(hashtext(?))", name)) {
                return Optional.of(new Lease(c, name));
            }
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException ignored) {
                // it is gone anyway
            }
            return Optional.empty();
        }
    }

    /** A lock held by a session of its own (see {@link #tryHold}). */
    public static final class Lease implements AutoCloseable {

        /** pg_locks shows a one-key advisory lock as classid (high 32 bits), objid (low 32 bits), objsubid 1. */
        private static final String HELD = "with k as (select hashtext(?)::bigint as v)"
                + " select exists (select 1 from pg_locks l, k where l.locktype = 'advisory' and l.pid = pg_backend_pid()"
                + " and l.granted and l.objsubid = 1 and l.classid = ((k.v >> 32) & 4294967295)::oid"
                + " and l.objid = (k.v & 4294967295)::oid)";

        private final Connection connection;
        private final String name;

        private Lease(Connection connection, String name) {
            this.connection = connection;
            this.name = name;
        }

        /**
         * Whether the session still holds the lock: it answers within {@code timeoutSeconds} and PostgreSQL
         * lists the lock as this session's (a session terminated by the server, a dead connection, a
         * network that no longer answers: not held).
         */
        public boolean held(int timeoutSeconds) {
            try (PreparedStatement ps = connection.prepareStatement(HELD)) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            } catch (SQLException e) {
                return false;
            }
        }

        /** Releases the lock (if the session still lives) and returns the connection to the pool. */
        @Override
        public void close() {
            try {
                lock(connection, "select pg_advisory_unlock(hashtext(?))", name);
            } catch (SQLException e) {
                // the session is gone, and the lock with it
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
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
