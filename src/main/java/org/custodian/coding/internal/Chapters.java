package org.custodian.coding.internal;

import org.custodian.coding.CodeSystem;

/**
 * Where a code sits in its classification. ICD-10-CM: the 22 chapters of the FY2026 tabular list
 * (CMS/NCHS "ICD-10-CM Tabular List of Diseases and Injuries"), by the code's first three
 * characters. ICD-10-PCS: the section, the code's first character (CMS "ICD-10-PCS Official
 * Guidelines", A.2 and the PCS tables).
 */
final class Chapters {

    private Chapters() {
    }

    /** First and last three-character category of each chapter, in the tabular's order. */
    private static final String[][] CM = {
            {"A00", "B99", "1", "Certain infectious and parasitic diseases"},
            {"C00", "D49", "2", "Neoplasms"},
            {"D50", "D89", "3", "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism"},
            {"E00", "E89", "4", "Endocrine, nutritional and metabolic diseases"},
            {"F01", "F99", "5", "Mental, behavioral and neurodevelopmental disorders"},
            {"G00", "G99", "6", "Diseases of the nervous system"},
            {"H00", "H59", "7", "Diseases of the eye and adnexa"},
            {"H60", "H95", "8", "Diseases of the ear and mastoid process"},
            {"I00", "I99", "9", "Diseases of the circulatory system"},
            {"J00", "J99", "10", "Diseases of the respiratory system"},
            {"K00", "K95", "11", "Diseases of the digestive system"},
            {"L00", "L99", "12", "Diseases of the skin and subcutaneous tissue"},
            {"M00", "M99", "13", "Diseases of the musculoskeletal system and connective tissue"},
            {"N00", "N99", "14", "Diseases of the genitourinary system"},
            {"O00", "O9A", "15", "Pregnancy, childbirth and the puerperium"},
            {"P00", "P96", "16", "Certain conditions originating in the perinatal period"},
            {"Q00", "QA0", "17", "Congenital malformations, deformations and chromosomal abnormalities"},
            {"R00", "R99", "18", "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified"},
            {"S00", "T88", "19", "Injury, poisoning and certain other consequences of external causes"},
            {"U00", "U85", "22", "Codes for special purposes"},
            {"V00", "Y99", "20", "External causes of morbidity"},
            {"Z00", "Z99", "21", "Factors influencing health status and contact with health services"},
    };

    static String of(CodeSystem system, String code) {
        return system == CodeSystem.ICD10CM ? cmChapter(code) : pcsSection(code);
    }

    static String cmChapter(String code) {
        String category = code.length() >= 3 ? code.substring(0, 3) : code;
        for (String[] c : CM) {
            // Characters compare as ASCII, so "O9A" sorts after "O99" and "QA0" (FY2026) after "Q99"
            // as the tabular intends.
            if (category.compareTo(c[0]) >= 0 && category.compareTo(c[1]) <= 0) {
                return "Chapter " + c[2] + ": " + c[3] + " (" + c[0] + "-" + c[1] + ")";
            }
        }
        return "Unclassified";
    }

    static String pcsSection(String code) {
        String name = switch (code.isEmpty() ? ' ' : code.charAt(0)) {
            case '0' -> "Medical and Surgical";
            case '1' -> "Obstetrics";
            case '2' -> "Placement";
            case '3' -> "Administration";
            case '4' -> "Measurement and Monitoring";
            case '5' -> "Extracorporeal or Systemic Assistance and Performance";
            case '6' -> "Extracorporeal or Systemic Therapies";
            case '7' -> "Osteopathic";
            case '8' -> "Other Procedures";
            case '9' -> "Chiropractic";
            case 'B' -> "Imaging";
            case 'C' -> "Nuclear Medicine";
            case 'D' -> "Radiation Therapy";
            case 'F' -> "Physical Rehabilitation and Diagnostic Audiology";
            case 'G' -> "Mental Health";
            case 'H' -> "Substance Abuse Treatment";
            case 'X' -> "New Technology";
            default -> null;
        };
        return name == null ? "Unclassified" : "Section " + code.charAt(0) + ": " + name;
    }
}
