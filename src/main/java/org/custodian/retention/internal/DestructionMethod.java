package org.custodian.retention.internal;

/**
 * How a record was destroyed, as the certificate states it. Custodian purges the electronic
 * content itself; where a paper or film copy exists its destruction is attested with it.
 */
public enum DestructionMethod {
    ELECTRONIC_PURGE("Electronic purge: clinical content overwritten in the database, tombstone kept"),
    PURGE_AND_SHRED("Electronic purge, and cross-cut shredding of the paper record"),
    PURGE_AND_INCINERATE("Electronic purge, and incineration of the paper or film record");

    private final String label;

    DestructionMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
