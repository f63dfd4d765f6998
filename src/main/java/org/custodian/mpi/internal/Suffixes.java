package org.custodian.mpi.internal;

/**
 * Generational suffixes (Jr, Sr, II, III, IV) written after a name. A father and the son named
 * after him share given name, surname and often address; the suffix is what tells them apart, so
 * two records whose suffixes differ are two people. "II" and "Jr" both name the second bearer.
 */
final class Suffixes {

    private Suffixes() {
    }

    /** The normalised suffix ending {@code name} ("smith jr." → "jr"), or null. */
    static String of(String name) {
        if (name == null) {
            return null;
        }
        int space = name.lastIndexOf(' ');
        if (space <= 0) {
            return null;
        }
        return normalise(name.substring(space + 1));
    }

    static String strip(String name) {
        return name.substring(0, name.lastIndexOf(' ')).replaceAll("[ ,]+$", "");
    }

    /** jr/jr./ii/2nd → "jr", sr/sr./i → "sr", iii/3rd → "iii", iv/4th → "iv"; anything else null. */
    static String normalise(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.replace(".", "").replace(",", "")) {
            case "jr", "jnr", "junior", "ii", "2nd" -> "jr";
            case "sr", "snr", "senior" -> "sr";
            case "iii", "3rd" -> "iii";
            case "iv", "4th" -> "iv";
            default -> null;
        };
    }

    /** Both records name a generation, and not the same one. */
    static boolean differ(MpiRecord a, MpiRecord b) {
        return a.suffix() != null && b.suffix() != null && !a.suffix().equals(b.suffix());
    }
}
