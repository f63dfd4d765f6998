package org.custodian.mpi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.custodian.patient.SsnColumn;

/** How patient rows become engine records: one column list, one mapper, for every query of the index. */
final class IndexRows {

    /** Columns in the order {@link #record} reads them. */
    static final String COLUMNS = "id, given_name, family_name, birth_date, sex, ssn, address_line, city, state, postal_code, phone";

    private IndexRows() {
    }

    /** {@code ssns}: the SSN column is encrypted at rest and read here in clear for the matcher. */
    static MpiRecord record(ResultSet rs, SsnColumn ssns) throws SQLException {
        return MpiRecord.registered(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getString(5), ssns.open(rs.getString(6)), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11));
    }
}
