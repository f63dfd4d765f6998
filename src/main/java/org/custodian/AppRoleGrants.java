package org.custodian;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The application's database role may read and write rows and nothing more (HIPAA 45 CFR 164.312(a)(1),
 * least privilege; 164.312(b), audit controls; issue 22). After every migration, on the owner's
 * connection: DML on every table and the sequences, nothing on Flyway's history, and on {@code audit_event}
 * only SELECT and INSERT — the log is append-only for the application by grant, before its trigger. The
 * embedded database creates the role ({@link DatabaseConfiguration}); on a server the DBA does (see
 * docs/operations.md), and nothing is granted when the role does not exist.
 */
@Component
class AppRoleGrants implements Callback {

    private final String role;

    @Autowired
    AppRoleGrants(DatabaseSettings db) {
        this(db.role());
    }

    AppRoleGrants(String role) {
        this.role = role == null ? "" : role.strip();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && role.matches("[a-z_][a-z0-9_]{0,62}");
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement st = context.getConnection().createStatement()) {
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + role + "' and rolname <> current_user")) {
                if (!rs.next()) {
                    return;
                }
            }
            st.execute("grant usage on schema public to " + role);
            st.execute("grant select, insert, update, delete on all tables in schema public to " + role);
            st.execute("grant usage, select, update on all sequences in schema public to " + role);
            st.execute("revoke all on flyway_schema_history from " + role);
            st.execute("revoke update, delete, truncate on audit_event from " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application's database role " + role + " its rights", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "custodian-app-role-grants";
    }
}
