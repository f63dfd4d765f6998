package org.custodian.coding.internal;

import org.custodian.coding.CodeSystem;

/** A code set was (re)loaded: the encoder drops its index of that set. Internal to the module. */
record CodeSetLoaded(CodeSystem system, int fiscalYear) {
}
