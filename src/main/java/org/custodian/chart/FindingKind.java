package org.custodian.chart;

/** What a coded finding records: a condition (problem, diagnosis) or a procedure performed. */
public enum FindingKind {
    CONDITION, PROCEDURE
}
