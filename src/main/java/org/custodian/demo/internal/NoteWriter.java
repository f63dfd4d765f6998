package org.custodian.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.custodian.chart.DischargeDisposition;
import org.custodian.demo.internal.Catalog.Condition;
import org.custodian.demo.internal.Catalog.Service;
import org.custodian.demo.internal.DemoHospitalGenerator.Person;
import org.custodian.patient.AdministrativeSex;

/**
 * Writes the clinical documents of the demo hospital: the sections a coder, CDI specialist or
 * release-of-information clerk expects in each type, filled from the visit's clinical picture
 * and the patient's background, with enough variation that no two notes read alike.
 */
final class NoteWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** What a note is about. {@code end} is null while the patient is still in the hospital. */
    record Context(Person patient, Condition condition, int age, Instant start, Instant end, String attending,
                   DischargeDisposition disposition) {
    }

    private final Random random;

    NoteWriter(Random random) {
        this.random = random;
    }

    static String socialHistory(Random random, int age, String job) {
        String tobacco = pick(random, "Never smoker.", "Never smoker.", "Former smoker, quit " + (2 + random.nextInt(25))
                + " years ago.", "Current smoker, " + (5 + random.nextInt(25)) + " pack-years.");
        String alcohol = pick(random, "No alcohol use.", "Drinks socially, 1-2 drinks per week.",
                "Drinks 1-2 glasses of wine with dinner.", "No alcohol or drug use.");
        String home = age >= 75 ? pick(random, "Lives with spouse.", "Lives alone; daughter nearby.", "Lives in an assisted living facility.")
                : pick(random, "Lives with spouse.", "Lives with partner and children.", "Lives alone.", "Lives with family.");
        String work = age >= 67 ? "Retired " + job.toLowerCase() + "." : "Works as a " + job.toLowerCase() + ".";
        return String.join(" ", work, home, tobacco, alcohol);
    }

    // ---------------------------------------------------------------- inpatient

    String historyAndPhysical(Context x) {
        Person p = x.patient();
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, "HISTORY AND PHYSICAL", x);
        t.append("Admission date: ").append(date(x.start())).append("\n\n");
        section(t, "CHIEF COMPLAINT", capitalize(c.complaint()) + ".");
        section(t, "HISTORY OF PRESENT ILLNESS", intro(x) + " who presents with " + c.hpi() + ". "
                + pick("Symptoms have been progressively worse.", "No similar episodes in the past.",
                "Tried over-the-counter remedies without relief.", "Family brought " + object(p) + " in for evaluation.")
                + " " + capitalize(c.findings()) + " " + capitalize(subject(p)) + " is admitted to the "
                + c.service().label.toLowerCase() + " service for further management.");
        section(t, "PAST MEDICAL HISTORY", pastHistory(p));
        section(t, "MEDICATIONS", homeMedications(p));
        section(t, "ALLERGIES", allergies(p));
        section(t, "SOCIAL HISTORY", p.social);
        section(t, "FAMILY HISTORY", x.age < 18 ? "Noncontributory."
                : pick("Father with coronary artery disease.", "Mother with type 2 diabetes mellitus.",
                "Noncontributory.", "Sister with breast cancer; mother with hypertension."));
        section(t, "REVIEW OF SYSTEMS", "Positive as noted in the history of present illness. A complete review of "
                + "systems is otherwise negative.");
        section(t, "PHYSICAL EXAMINATION", vitals(true) + "\n"
                + "General: " + pick("Alert and oriented, in mild distress.", "Ill-appearing but nontoxic.",
                "Comfortable at rest, in no acute distress.") + "\n"
                + "HEENT: Normocephalic, atraumatic. Mucous membranes " + pick("moist.", "dry.") + "\n"
                + "Cardiovascular: " + pick("Regular rate and rhythm, no murmurs.", "Tachycardic, regular, no murmurs.") + "\n"
                + "Lungs: " + pick("Clear to auscultation bilaterally.", "Diminished breath sounds at the bases.") + "\n"
                + "Abdomen: " + pick("Soft, nontender, nondistended.", "Soft, mildly tender, no rebound.") + "\n"
                + "Extremities: " + pick("No edema.", "Trace edema bilaterally.") + "\n"
                + "Neurologic: Alert, fluent speech, moves all extremities.");
        section(t, "LABORATORY AND IMAGING", labs() + " " + capitalize(c.findings()));
        StringBuilder plan = new StringBuilder();
        plan.append(intro(x)).append(", admitted with ").append(c.diagnosis()).append(".\n");
        int n = 1;
        plan.append(n++).append(". ").append(capitalize(c.diagnosis())).append(": ").append(c.plan()).append('\n');
        for (Catalog.Chronic chronic : p.chronic) {
            if (n > 4) {
                break;
            }
            plan.append(n++).append(". ").append(capitalize(chronic.name())).append(": continue ")
                    .append(chronic.medication()).append(".\n");
        }
        plan.append(n++).append(". Venous thromboembolism prophylaxis: ")
                .append(c.procedure() != null ? "sequential compression devices, pharmacologic prophylaxis after surgery."
                        : "enoxaparin 40 mg subcutaneously daily.").append('\n');
        plan.append(n).append(". Code status: ").append(x.age >= 80 && random.nextInt(3) == 0 ? "DNR/DNI, confirmed with the patient and family."
                : "Full code.").append('\n');
        plan.append("Expected length of stay ").append(pick("2 to 3 days.", "3 to 5 days.", "several days."));
        section(t, "ASSESSMENT AND PLAN", plan.toString());
        signature(t, x.attending());
        return t.toString();
    }

    String progressNote(Context x, String author, int hospitalDay, int lengthOfStay) {
        Condition c = x.condition();
        boolean lastDays = hospitalDay >= lengthOfStay - 1;
        StringBuilder t = new StringBuilder();
        header(t, "PROGRESS NOTE - HOSPITAL DAY " + (hospitalDay + 1), x);
        section(t, "SUBJECTIVE", pick("Feels better this morning.", "Slept poorly; pain 4/10.",
                "No acute events overnight.", "Reports improved appetite.", "Some nausea overnight, now resolved.")
                + " " + pick("Tolerating diet.", "Ambulated in the hallway with physical therapy.",
                "Voiding without difficulty.", "Family at the bedside, questions answered."));
        section(t, "OBJECTIVE", vitals(hospitalDay < 2) + "\n"
                + "Exam: " + pick("Alert, oriented, in no distress.", "Resting comfortably.", "Awake and conversant.")
                + " " + pick("Lungs clear.", "Improved air movement.", "Few basilar crackles.") + " "
                + pick("Abdomen soft.", "Incision clean, dry and intact.", "No calf tenderness.") + "\n"
                + "Labs: " + labs());
        section(t, "ASSESSMENT", capitalize(c.diagnosis()) + (c.procedure() == null ? ", "
                : ", status post " + Character.toLowerCase(c.procedure().charAt(0)) + c.procedure().substring(1) + ", ")
                + (lastDays ? "clinically improved and nearing discharge."
                : pick("improving.", "stable.", "slowly improving.", "responding to treatment.")));
        section(t, "PLAN", (lastDays ? "Anticipate discharge " + pick("tomorrow.", "within 24 to 48 hours.")
                + " Case management for discharge planning. " : "")
                + (c.procedure() == null ? "Continue current management: " + c.plan()
                : pick("Advance diet as tolerated.", "Continue diet.") + " Wound care, incentive spirometry, "
                + "multimodal analgesia and early ambulation.") + " "
                + pick("Advance activity as tolerated.", "Physical therapy to follow.", "Monitor labs in the morning.",
                "Continue to monitor closely."));
        signature(t, author);
        return t.toString();
    }

    String dischargeSummary(Context x, boolean hadProcedure) {
        Person p = x.patient();
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, "DISCHARGE SUMMARY", x);
        t.append("Admission date: ").append(date(x.start())).append("\n")
                .append("Discharge date: ").append(date(x.end())).append("\n")
                .append("Attending physician: ").append(x.attending()).append("\n\n");
        section(t, "ADMITTING DIAGNOSIS", capitalize(c.complaint()) + ".");
        List<String> secondary = new ArrayList<>();
        for (Catalog.Chronic chronic : p.chronic) {
            secondary.add(capitalize(chronic.name()));
        }
        section(t, "DISCHARGE DIAGNOSES", "Principal: " + capitalize(c.diagnosis()) + "."
                + (secondary.isEmpty() ? "" : "\nSecondary: " + String.join("; ", secondary) + "."));
        section(t, "PROCEDURES", hadProcedure && c.procedure() != null ? c.procedure() + "." : "None.");
        section(t, "HISTORY OF PRESENT ILLNESS", intro(x) + " who presented with " + c.hpi() + ".");
        section(t, "HOSPITAL COURSE", c.course() + " " + pick("Pain was well controlled at discharge.",
                "The patient remained hemodynamically stable throughout the stay.",
                "There were no complications.", "Seen by physical therapy and case management before discharge."));
        section(t, "CONDITION AT DISCHARGE", x.disposition() == DischargeDisposition.EXPIRED ? "Expired."
                : pick("Stable.", "Good.", "Improved, stable."));
        section(t, "DISPOSITION", x.disposition() == null ? "Not discharged." : x.disposition().label() + ".");
        if (x.disposition() == DischargeDisposition.EXPIRED) {
            section(t, "EVENTS", "The patient's condition declined despite treatment. After discussion with the family, "
                    + "care was transitioned to comfort measures. The patient expired peacefully on "
                    + date(x.end()) + " at " + time(x.end()) + ". The family was at the bedside.");
        } else {
            List<String> meds = new ArrayList<>(c.dischargeMedications());
            for (Catalog.Chronic chronic : p.chronic) {
                meds.add(chronic.medication() + " (home medication, continue)");
            }
            section(t, "DISCHARGE MEDICATIONS", meds.isEmpty() ? "Resume home medications." : numbered(meds));
            section(t, "FOLLOW-UP", "Primary care physician in " + pick("1 week.", "7 to 10 days.", "2 weeks.")
                    + (c.procedure() != null ? " Surgical clinic in 2 weeks for a wound check." : "")
                    + " Return to the emergency department for fever, worsening pain, shortness of breath or other concerns.");
            section(t, "INSTRUCTIONS", pick("Diet as tolerated.", "Heart-healthy, low-sodium diet.",
                    "Carbohydrate-consistent diet.") + " " + pick("Activity as tolerated.",
                    "No heavy lifting for 6 weeks.", "Walk several times a day."));
        }
        signature(t, x.attending());
        return t.toString();
    }

    String operativeReport(Context x, Instant surgeryAt) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, "OPERATIVE REPORT", x);
        t.append("Date of surgery: ").append(date(surgeryAt)).append("\n")
                .append("Surgeon: ").append(x.attending()).append("\n")
                .append("Assistant: ").append(pick("None.", "Surgical resident.", "Physician assistant.")).append("\n\n");
        section(t, "PREOPERATIVE DIAGNOSIS", capitalize(c.diagnosis()) + ".");
        section(t, "POSTOPERATIVE DIAGNOSIS", "Same.");
        section(t, "PROCEDURE", c.procedure() + ".");
        section(t, "ANESTHESIA", capitalize(c.anesthesia()) + ".");
        section(t, "INDICATIONS", intro(x) + " with " + c.diagnosis() + ". The risks, benefits and alternatives, "
                + "including bleeding, infection, injury to surrounding structures and the need for further procedures, "
                + "were discussed and informed consent was obtained.");
        section(t, "FINDINGS", c.operativeFindings());
        section(t, "DESCRIPTION OF PROCEDURE", "The patient was brought to the operating room and placed supine. After "
                + c.anesthesia() + " was established, a time-out confirmed the correct patient, procedure and site. "
                + "Preoperative antibiotics were given within 60 minutes of incision. The operative field was prepped and "
                + "draped in the usual sterile fashion. " + capitalize(c.procedure()) + " was performed in the standard "
                + "fashion. Hemostasis was confirmed. Sponge, needle and instrument counts were correct at the end of the "
                + "case. The wound was closed in layers and a sterile dressing applied. The patient tolerated the procedure "
                + "well and was taken to the recovery room in stable condition.");
        section(t, "ESTIMATED BLOOD LOSS", (5 + random.nextInt(40)) * 10 + " mL.");
        section(t, "SPECIMENS", c.procedure().contains("arthroplasty") || c.procedure().contains("nailing")
                || c.procedure().contains("carpal") || c.procedure().contains("cesarean") ? "None." : "Sent to pathology.");
        section(t, "COMPLICATIONS", "None apparent.");
        signature(t, x.attending());
        return t.toString();
    }

    /** The surgical consent form, scanned into the chart before the operation (42 CFR 482.51(b)(2)). */
    String procedureConsent(Context x, Instant surgeryAt) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, "CONSENT TO OPERATION, ANESTHESIA AND OTHER MEDICAL SERVICES", x);
        t.append("Planned date: ").append(date(surgeryAt)).append("\n")
                .append("Physician performing the procedure: ").append(x.attending()).append("\n\n");
        section(t, "PROCEDURE", "I authorize " + x.attending() + " and assistants chosen by the physician to perform "
                + c.procedure() + " for " + c.diagnosis() + ".");
        section(t, "RISKS, BENEFITS AND ALTERNATIVES", "The nature and purpose of the procedure, its expected benefits, "
                + "its risks (including bleeding, infection, injury to nearby structures, blood clots, reaction to "
                + "anesthesia and, rarely, death), the likely result of not having it, and the reasonable alternatives "
                + "were explained to me in words I understand, and my questions were answered.");
        section(t, "ANESTHESIA", "I consent to " + c.anesthesia() + " as the anesthesia provider judges appropriate.");
        section(t, "BLOOD", pick("I consent to transfusion of blood products if needed.",
                "I consent to transfusion of blood products if needed.", "I decline blood products except in an emergency."));
        section(t, "SIGNATURES", "Patient (or legal representative): signed on paper, scanned. Witness: registered nurse, "
                + "pre-operative area. Physician: I have explained the procedure, risks, benefits and alternatives.");
        signature(t, x.attending());
        return t.toString();
    }

    String consult(Context x, Service service, String consultant) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, service.label.toUpperCase() + " CONSULTATION", x);
        t.append("Requesting physician: ").append(x.attending()).append("\n")
                .append("Consultant: ").append(consultant).append("\n\n");
        section(t, "REASON FOR CONSULTATION", consultReason(service, c));
        section(t, "HISTORY OF PRESENT ILLNESS", intro(x) + " admitted with " + c.diagnosis() + ". "
                + capitalize(c.findings()));
        section(t, "PAST MEDICAL HISTORY", pastHistory(x.patient()));
        section(t, "MEDICATIONS", homeMedications(x.patient()));
        section(t, "ALLERGIES", allergies(x.patient()));
        section(t, "EXAMINATION", vitals(false) + "\n" + pick("Alert and oriented, cooperative.",
                "Awake, appropriate, in no distress.") + " " + pick("Heart regular.", "Lungs clear.", "Abdomen benign."));
        section(t, "IMPRESSION", capitalize(c.diagnosis()) + "; " + pick("agree with the current management.",
                "see recommendations below.", "improving on the current regimen."));
        section(t, "RECOMMENDATIONS", numbered(List.of(consultRecommendation(service),
                pick("Will follow along with you.", "We will sign off; please call with questions.",
                        "Follow up in our clinic 2 to 4 weeks after discharge."))));
        signature(t, consultant);
        return t.toString();
    }

    private static String consultReason(Service service, Condition c) {
        return switch (service) {
            case PULMONOLOGY -> "Hypoxemia and management of " + c.diagnosis() + ".";
            case INFECTIOUS_DISEASE -> "Antibiotic selection and duration.";
            case GASTROENTEROLOGY -> "Endoscopic evaluation.";
            case NEPHROLOGY -> "Renal function and volume management.";
            case MEDICINE -> "Medical co-management of chronic conditions.";
            case PSYCHIATRY -> "Evaluation of mood and capacity.";
            default -> "Evaluation and recommendations.";
        };
    }

    private String consultRecommendation(Service service) {
        return switch (service) {
            case PULMONOLOGY -> pick("Wean oxygen to keep saturation 88-92%.", "Pulmonary function tests as an outpatient.");
            case INFECTIOUS_DISEASE -> pick("Narrow antibiotics to culture results.", "Total antibiotic duration of 7 days.");
            case GASTROENTEROLOGY -> pick("Upper endoscopy tomorrow; keep NPO after midnight.", "Proton pump inhibitor twice daily for 8 weeks.");
            case NEPHROLOGY -> pick("Avoid nephrotoxins and IV contrast.", "Daily basic metabolic panel; renally dose medications.");
            case MEDICINE -> pick("Hold metformin while inpatient; sliding-scale insulin.", "Continue home antihypertensives as blood pressure allows.");
            case PSYCHIATRY -> pick("Start sertraline 50 mg daily.", "The patient has capacity for medical decisions.");
            default -> "Continue current management.";
        };
    }

    // ---------------------------------------------------------------- outpatient and emergency

    String clinicNote(Context x) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, x.condition().service().label.toUpperCase() + " CLINIC NOTE", x);
        t.append("Visit date: ").append(date(x.start())).append("\n\n");
        section(t, "REASON FOR VISIT", capitalize(c.complaint()) + ".");
        section(t, "HISTORY", intro(x) + " seen today for " + c.diagnosis() + ". " + capitalize(c.findings()));
        section(t, "MEDICATIONS", homeMedications(x.patient()));
        section(t, "ALLERGIES", allergies(x.patient()));
        section(t, "EXAMINATION", vitals(false) + "\n" + pick("Well-appearing.", "Pleasant, in no distress.")
                + " " + pick("Heart regular, lungs clear.", "Examination otherwise unremarkable."));
        section(t, "ASSESSMENT AND PLAN", capitalize(c.diagnosis()) + ". " + c.plan() + " Return "
                + pick("in 3 months.", "in 6 weeks.", "as needed.", "in 1 year."));
        signature(t, x.attending());
        return t.toString();
    }

    String clinicConsult(Context x) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, c.service().label.toUpperCase() + " CONSULTATION (OUTPATIENT)", x);
        t.append("Visit date: ").append(date(x.start())).append("\n")
                .append("Referred by: primary care physician\n\n");
        section(t, "REASON FOR REFERRAL", capitalize(c.complaint()) + ".");
        section(t, "HISTORY OF PRESENT ILLNESS", intro(x) + " referred for " + c.diagnosis() + ". " + capitalize(c.findings()));
        section(t, "PAST MEDICAL HISTORY", pastHistory(x.patient()));
        section(t, "MEDICATIONS", homeMedications(x.patient()));
        section(t, "ALLERGIES", allergies(x.patient()));
        section(t, "SOCIAL HISTORY", x.patient().social);
        section(t, "EXAMINATION", vitals(false));
        section(t, "IMPRESSION AND RECOMMENDATIONS", capitalize(c.diagnosis()) + ". " + c.plan()
                + " Thank you for this referral; a copy of this note goes to the referring physician.");
        signature(t, x.attending());
        return t.toString();
    }

    String emergencyNote(Context x) {
        Condition c = x.condition();
        StringBuilder t = new StringBuilder();
        header(t, "EMERGENCY DEPARTMENT NOTE", x);
        t.append("Arrival: ").append(date(x.start())).append(' ').append(time(x.start())).append("\n")
                .append("Mode of arrival: ").append(pick("walk-in", "private vehicle", "ambulance")).append("\n\n");
        section(t, "CHIEF COMPLAINT", capitalize(c.complaint()) + ".");
        section(t, "HISTORY OF PRESENT ILLNESS", intro(x) + " who presents with " + c.complaint() + ". "
                + capitalize(c.findings()));
        section(t, "PAST MEDICAL HISTORY", pastHistory(x.patient()));
        section(t, "ALLERGIES", allergies(x.patient()));
        section(t, "PHYSICAL EXAMINATION", vitals(false));
        section(t, "MEDICAL DECISION MAKING", "Differential diagnosis considered. " + c.plan());
        section(t, "DIAGNOSIS", capitalize(c.diagnosis()) + ".");
        section(t, "DISPOSITION", x.disposition() == DischargeDisposition.LEFT_AMA
                ? "The patient chose to leave against medical advice after the risks were explained, including worsening illness and death. Capacity was intact."
                : x.disposition() == DischargeDisposition.SHORT_TERM_HOSPITAL
                ? "Transferred to a tertiary care hospital for a higher level of care; accepting physician contacted."
                : "Discharged home in stable condition at " + time(x.end()) + " with written return precautions.");
        signature(t, x.attending());
        return t.toString();
    }

    // ---------------------------------------------------------------- pieces

    private void header(StringBuilder t, String title, Context x) {
        Person p = x.patient();
        t.append(title).append("\n\n")
                .append("Patient: ").append(p.familyName).append(", ").append(p.givenName).append("\n")
                .append("MRN: ").append(p.mrn).append("\n")
                .append("Date of birth: ").append(p.birthDate.format(DATE)).append("\n\n");
    }

    private static void section(StringBuilder t, String heading, String body) {
        t.append(heading).append('\n').append(body).append("\n\n");
    }

    private static void signature(StringBuilder t, String author) {
        t.append("Electronically authored by ").append(author).append('.');
    }

    private String intro(Context x) {
        Person p = x.patient();
        String who = x.age() >= 18 ? (p.sex == AdministrativeSex.F ? "Ms. " : p.sex == AdministrativeSex.M ? "Mr. " : "")
                + p.familyName : p.givenName;
        return who + " is a " + ageWords(x) + " " + noun(p, x.age()) + (p.chronic.isEmpty() ? ""
                : " with a history of " + joinAnd(p.chronic.stream().limit(3).map(Catalog.Chronic::name).toList()));
    }

    private static String ageWords(Context x) {
        if (x.age() >= 2) {
            return x.age() + "-year-old";
        }
        long months = java.time.temporal.ChronoUnit.MONTHS.between(x.patient().birthDate, LocalDate.ofInstant(x.start(),
                DemoHospitalGenerator.ZONE));
        return Math.max(1, months) + "-month-old";
    }

    private static String noun(Person p, int age) {
        return switch (p.sex) {
            case F -> age < 18 ? "girl" : "woman";
            case M -> age < 18 ? "boy" : "man";
            default -> age < 18 ? "child" : "adult";
        };
    }

    private static String subject(Person p) {
        return p.sex == AdministrativeSex.F ? "she" : p.sex == AdministrativeSex.M ? "he" : "the patient";
    }

    private static String object(Person p) {
        return p.sex == AdministrativeSex.F ? "her" : p.sex == AdministrativeSex.M ? "him" : "the patient";
    }

    private static String pastHistory(Person p) {
        if (p.chronic.isEmpty()) {
            return "No significant past medical history.";
        }
        return numbered(p.chronic.stream().map(c -> capitalize(c.name())).toList());
    }

    private static String homeMedications(Person p) {
        List<String> meds = p.chronic.stream().map(Catalog.Chronic::medication)
                .filter(m -> !m.startsWith("no ") && !m.startsWith("dietary")).toList();
        return meds.isEmpty() ? "None." : numbered(meds.stream().map(NoteWriter::capitalize).toList());
    }

    private static String allergies(Person p) {
        return p.allergies.isEmpty() ? "No known drug allergies." : String.join("; ", p.allergies) + ".";
    }

    private String vitals(boolean sick) {
        double temp = sick ? 36.6 + random.nextInt(24) / 10.0 : 36.4 + random.nextInt(8) / 10.0;
        int hr = sick ? 80 + random.nextInt(40) : 62 + random.nextInt(30);
        int sys = 104 + random.nextInt(50);
        int dia = 60 + random.nextInt(30);
        int rr = sick ? 16 + random.nextInt(9) : 12 + random.nextInt(6);
        int spo2 = sick ? 90 + random.nextInt(9) : 95 + random.nextInt(5);
        return String.format("Vital signs: T %.1f C, HR %d, BP %d/%d, RR %d, SpO2 %d%% on %s.", temp, hr, sys, dia, rr,
                spo2, spo2 < 92 ? "2 L nasal cannula" : "room air");
    }

    private String labs() {
        return String.format("WBC %.1f, hemoglobin %.1f, platelets %d; sodium %d, potassium %.1f, creatinine %.1f, glucose %d.",
                4 + random.nextInt(120) / 10.0, 9 + random.nextInt(60) / 10.0, 150 + random.nextInt(250),
                132 + random.nextInt(12), 3.4 + random.nextInt(16) / 10.0, 0.6 + random.nextInt(12) / 10.0,
                80 + random.nextInt(140));
    }

    private static String numbered(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(i + 1).append(". ").append(items.get(i));
        }
        return sb.toString();
    }

    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private String pick(String... options) {
        return pick(random, options);
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String date(Instant t) {
        return t.atZone(DemoHospitalGenerator.ZONE).format(DATE);
    }

    private static String time(Instant t) {
        return t.atZone(DemoHospitalGenerator.ZONE).format(TIME);
    }

    static String capitalize(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
