package org.custodian.cdi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custodian.cdi.CdiQueries.Format;
import org.custodian.cdi.CdiQueries.Option;
import org.custodian.cdi.CdiQueries.OptionKind;
import org.custodian.cdi.CdiQueries.Template;
import org.custodian.cdi.CdiQueries.YesNoPurpose;

/**
 * The query templates: each multiple-choice one offers the clinically reasonable options, "other"
 * and "clinically undetermined", in neutral words that name no payment, DRG or score (AHIMA/ACDIS,
 * Guidelines for Achieving a Compliant Query Practice, 2022 update). The specialist fills in the
 * clinical indicators from the patient's record.
 */
final class TemplateLibrary {

    static final String LACTATE = "2524-7";
    static final String LACTATE_ARTERIAL = "32693-4";
    static final String HEART_RATE = "8867-4";
    static final String TEMPERATURE = "8310-5";
    static final String RESPIRATORY_RATE = "9279-1";
    static final String WBC = "6690-2";
    static final String SYSTOLIC = "8480-6";

    private static final String ASK = "Based on your clinical judgement, can the clinical indicators below be further specified as:";

    static final List<Template> ALL = List.of(
            mc("sepsis", "Sepsis", ASK, List.of(LACTATE, LACTATE_ARTERIAL, HEART_RATE, TEMPERATURE, RESPIRATORY_RATE, WBC, SYSTOLIC),
                    dx("Sepsis", "A41.9"), dx("Severe sepsis with septic shock", "R65.21"), dx("Severe sepsis without septic shock", "R65.20"),
                    none("Localized infection without sepsis")),
            mc("aki", "Acute kidney injury", ASK, List.of("2160-0", "3094-0"),
                    dx("Acute kidney injury (acute tubular necrosis)", "N17.0"), dx("Acute kidney injury, unspecified", "N17.9"),
                    none("Chronic kidney disease without acute injury"), none("Expected variation in renal function")),
            mc("malnutrition", "Malnutrition", ASK, List.of("39156-5", "1751-7"),
                    dx("Severe protein-calorie malnutrition", "E43"), dx("Moderate protein-calorie malnutrition", "E44.0"),
                    dx("Mild protein-calorie malnutrition", "E44.1"), none("No malnutrition")),
            mc("acute-respiratory-failure", "Acute respiratory failure", ASK, List.of("59408-5", "2708-6", "2703-7", "2019-8", RESPIRATORY_RATE),
                    dx("Acute respiratory failure with hypoxia", "J96.01"), dx("Acute respiratory failure with hypercapnia", "J96.02"),
                    dx("Acute on chronic respiratory failure with hypoxia", "J96.21"), none("Respiratory insufficiency without failure")),
            mc("anemia", "Anemia", ASK, List.of("718-7", "4544-3"),
                    dx("Acute blood-loss anemia", "D62"), dx("Anemia of chronic disease", "D63.8"), dx("Iron deficiency anemia", "D50.9"),
                    none("Expected dilutional drop without anemia")),
            mc("encephalopathy", "Encephalopathy", ASK, List.of("2951-2", "2339-0", "1845-6"),
                    dx("Metabolic encephalopathy", "G93.41"), dx("Toxic encephalopathy", "G92.8"), dx("Delirium due to a known physiological condition", "F05"),
                    none("Altered mental status without encephalopathy")),
            mc("heart-failure", "Heart failure type and acuity", "Based on your clinical judgement, can the heart failure documented be further specified as to type and acuity:",
                    List.of("30934-4", "33762-6", "10230-1"),
                    dx("Acute on chronic systolic (HFrEF) heart failure", "I50.23"), dx("Acute on chronic diastolic (HFpEF) heart failure", "I50.33"),
                    dx("Acute systolic heart failure", "I50.21"), dx("Acute diastolic heart failure", "I50.31"),
                    dx("Chronic systolic heart failure", "I50.22"), dx("Chronic diastolic heart failure", "I50.32")),
            mc("pressure-injury", "Pressure-injury stage", "Based on your clinical judgement and the wound assessment below, can the pressure injury be further specified as to stage:",
                    List.of(), dx("Stage 1", "L89.91"), dx("Stage 2", "L89.92"), dx("Stage 3", "L89.93"), dx("Stage 4", "L89.94"),
                    dx("Unstageable", "L89.90"), none("Not a pressure injury")),
            mc("obesity", "Obesity and BMI", "Based on your clinical judgement, the BMI below is associated with:", List.of("39156-5", "29463-7"),
                    dx("Morbid (severe) obesity", "E66.01"), dx("Obesity", "E66.9"), dx("Overweight", "E66.3"), none("No associated condition")),
            new Template("poa", "Present on admission", Format.YES_NO, YesNoPurpose.PRESENT_ON_ADMISSION,
                    "Was the condition documented below present at the time of the inpatient admission order?", List.of(
                    new Option("Yes, present on admission", OptionKind.YES, null), new Option("No, not present on admission", OptionKind.NO, null),
                    new Option("Clinically undetermined", OptionKind.UNDETERMINED, null)), List.of()),
            new Template("open-ended", "Open-ended", Format.OPEN_ENDED, null,
                    "Please clarify the clinical significance of the indicators below in your documentation.", List.of(), List.of()));

    private TemplateLibrary() {
    }

    private static Template mc(String id, String title, String question, List<String> loinc, Option... specific) {
        List<Option> options = new ArrayList<>(List.of(specific));
        options.add(new Option("Other (please specify)", OptionKind.OTHER, null));
        options.add(new Option("Clinically undetermined", OptionKind.UNDETERMINED, null));
        return new Template(id, title, Format.MULTIPLE_CHOICE, null, question, options, loinc);
    }

    private static Option dx(String text, String code) {
        return new Option(text, OptionKind.DIAGNOSIS, code);
    }

    private static Option none(String text) {
        return new Option(text, OptionKind.NOT_SUPPORTED, null);
    }

    static Optional<Template> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Every LOINC code a template or the case page offers as an indicator. */
    static List<String> indicatorLoinc() {
        return ALL.stream().flatMap(t -> t.indicatorLoinc().stream()).distinct().toList();
    }
}
