package org.custodian;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A module's declaration of how its patient rows follow a merge. A module owns its tables, so it
 * declares, as a bean, every table of its own that has a {@code patient_id} column: either the rows
 * move to the survivor on a merge and back on an unmerge (recorded in the module's move table of
 * the shape {@code (merge_id, row_type, row_id)}), or they stay where they are, with the reason.
 * The mpi module's {@code MergeFollowers} does the moving for every declared module in the merge's transaction, and
 * a schema test fails for any {@code patient_id} table that no module declares.
 *
 * <p>Table, column and row-type names are the module's constants, never input.
 */
public final class MergeFollower {

    /** Rows of {@code table}, found by {@code idColumn}, that move; audited as {@code resourceType}. */
    public record Moved(String table, String idColumn, String rowType, String resourceType) {
        public Moved {
            Objects.requireNonNull(table);
            Objects.requireNonNull(idColumn);
            Objects.requireNonNull(rowType);
            Objects.requireNonNull(resourceType);
        }
    }

    /** Rows of {@code table} that do not move with a merge, and why (a merge never silently skips a table). */
    public record Kept(String table, String reason) {
        public Kept {
            Objects.requireNonNull(table);
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a table kept out of merges needs its reason: " + table);
            }
        }
    }

    private final String module;
    private final String moveTable;
    private final List<Moved> moved;
    private final List<Kept> kept;

    private MergeFollower(String module, String moveTable, List<Moved> moved, List<Kept> kept) {
        this.module = Objects.requireNonNull(module);
        this.moveTable = moveTable;
        this.moved = List.copyOf(moved);
        this.kept = List.copyOf(kept);
    }

    /** A module whose moved rows are recorded in {@code moveTable}. */
    public static MergeFollower of(String module, String moveTable) {
        return new MergeFollower(module, Objects.requireNonNull(moveTable), List.of(), List.of());
    }

    /** A module none of whose rows move (each table still declared, with {@link #keeps}). */
    public static MergeFollower of(String module) {
        return new MergeFollower(module, null, List.of(), List.of());
    }

    /** Rows keyed by {@code id} move. */
    public MergeFollower moves(String table, String rowType, String resourceType) {
        return moves(table, "id", rowType, resourceType);
    }

    /** Rows keyed by {@code idColumn} move. */
    public MergeFollower moves(String table, String idColumn, String rowType, String resourceType) {
        if (moveTable == null) {
            throw new IllegalStateException(module + " moves " + table + " but declared no move table");
        }
        List<Moved> more = new ArrayList<>(moved);
        more.add(new Moved(table, idColumn, rowType, resourceType));
        return new MergeFollower(module, moveTable, more, kept);
    }

    /** Rows stay with the registration they were filed on (or the module handles them itself), for {@code reason}. */
    public MergeFollower keeps(String table, String reason) {
        List<Kept> more = new ArrayList<>(kept);
        more.add(new Kept(table, reason));
        return new MergeFollower(module, moveTable, moved, more);
    }

    public String module() {
        return module;
    }

    public String moveTable() {
        return moveTable;
    }

    public List<Moved> moved() {
        return moved;
    }

    public List<Kept> kept() {
        return kept;
    }

    /** Every table this module declared, moved or kept. */
    public List<String> tables() {
        return Stream.concat(moved.stream().map(Moved::table), kept.stream().map(Kept::table)).toList();
    }
}
