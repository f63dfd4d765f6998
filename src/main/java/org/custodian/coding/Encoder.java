package org.custodian.coding;

import java.util.List;

/**
 * The coder's search over one code set: by code prefix (with or without the dot), by words in
 * any order, clinical abbreviations and misspellings; best first.
 */
public interface Encoder {

    /**
     * @throws IllegalArgumentException when that fiscal year of the system is not loaded
     */
    List<CodeHit> search(CodeSystem system, int fiscalYear, String query, int limit);
}
