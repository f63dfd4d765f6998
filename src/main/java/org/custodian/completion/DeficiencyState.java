package org.custodian.completion;

public enum DeficiencyState {
    OPEN, CLOSED
}
