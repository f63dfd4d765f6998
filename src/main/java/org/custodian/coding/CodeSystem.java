package org.custodian.coding;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The CMS code sets Custodian codes with: diagnoses (ICD-10-CM) and inpatient procedures (ICD-10-PCS). */
public enum CodeSystem {
    ICD10CM("icd10cm", "ICD-10-CM"),
    ICD10PCS("icd10pcs", "ICD-10-PCS");

    private final String id;
    private final String title;

    CodeSystem(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The identifier used in the API, the database and CMS's file names, e.g. {@code icd10cm}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Optional<CodeSystem> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT).replace("-", "");
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /**
     * The code as printed: ICD-10-CM puts a dot after the third character (E1165 → E11.65); PCS
     * codes have no dot.
     */
    public String dotted(String code) {
        String c = normalize(code);
        return this == ICD10CM && c.length() > 3 ? c.substring(0, 3) + "." + c.substring(3) : c;
    }

    /** Upper case, without dot or spaces, as CMS's order files carry codes. */
    public static String normalize(String code) {
        return code == null ? "" : code.replace(".", "").replace(" ", "").trim().toUpperCase(Locale.ROOT);
    }
}
