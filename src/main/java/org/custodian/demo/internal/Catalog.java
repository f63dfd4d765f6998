package org.custodian.demo.internal;

import java.util.List;

/**
 * The clinical content the demo hospital draws on. Datafaker knows names and addresses but not
 * which diagnosis belongs to which service, so the clinical pictures are written out here:
 * enough of them, and coherent enough (complaint, findings, plan, course, procedure), that a
 * coder or CDI specialist reading a demo chart sees a believable story. No codes are given: the
 * coders derive them, as they would from real documentation.
 */
final class Catalog {

    private Catalog() {
    }

    enum Service {
        MEDICINE("Medicine"),
        SURGERY("Surgery"),
        CARDIOLOGY("Cardiology"),
        OBSTETRICS("Obstetrics"),
        ORTHOPEDICS("Orthopedics"),
        PSYCHIATRY("Psychiatry"),
        PEDIATRICS("Pediatrics"),
        EMERGENCY("Emergency Medicine"),
        NEUROLOGY("Neurology"),
        GASTROENTEROLOGY("Gastroenterology"),
        NEPHROLOGY("Nephrology"),
        INFECTIOUS_DISEASE("Infectious Disease"),
        PULMONOLOGY("Pulmonology");

        final String label;

        Service(String label) {
            this.label = label;
        }
    }

    /** How many attendings each service has on the roster (32 in all). */
    static int rosterSize(Service s) {
        return switch (s) {
            case MEDICINE -> 5;
            case SURGERY, EMERGENCY -> 4;
            case CARDIOLOGY, OBSTETRICS, ORTHOPEDICS, PEDIATRICS -> 3;
            case PSYCHIATRY -> 2;
            default -> 1;
        };
    }

    enum Setting { INPATIENT, OUTPATIENT, EMERGENCY }

    /** Who may present with it. */
    enum Who { ADULT, CHILD, PREGNANT, ANY }

    /**
     * One clinical picture. {@code procedure} is null for medical cases; {@code consult} names
     * the service most often asked to see such a patient, or null.
     */
    record Condition(Setting setting, Service service, Who who, String diagnosis, String complaint, String hpi,
                     String findings, String plan, String course, String procedure, String anesthesia,
                     String operativeFindings, Service consult, List<String> dischargeMedications) {
    }

    record Chronic(String name, String medication, int minAge) {
    }

    static final List<Chronic> CHRONIC = List.of(
            new Chronic("hypertension", "lisinopril 20 mg by mouth daily", 30),
            new Chronic("type 2 diabetes mellitus", "metformin 1000 mg by mouth twice daily", 30),
            new Chronic("hyperlipidemia", "atorvastatin 40 mg by mouth nightly", 35),
            new Chronic("coronary artery disease", "aspirin 81 mg by mouth daily", 50),
            new Chronic("chronic obstructive pulmonary disease", "tiotropium 18 mcg inhaled daily", 50),
            new Chronic("asthma", "albuterol inhaler 2 puffs every 4 hours as needed", 0),
            new Chronic("gastroesophageal reflux disease", "omeprazole 20 mg by mouth daily", 20),
            new Chronic("hypothyroidism", "levothyroxine 75 mcg by mouth daily", 25),
            new Chronic("chronic kidney disease stage 3", "no nephrotoxic agents", 50),
            new Chronic("paroxysmal atrial fibrillation", "apixaban 5 mg by mouth twice daily", 55),
            new Chronic("major depressive disorder", "sertraline 100 mg by mouth daily", 16),
            new Chronic("osteoarthritis", "acetaminophen 650 mg by mouth every 6 hours as needed", 45),
            new Chronic("obesity", "dietary counseling", 18));

    static final List<String> ALLERGIES = List.of(
            "Penicillin (hives)", "Sulfa drugs (rash)", "Codeine (nausea and vomiting)", "Latex (contact dermatitis)",
            "Shellfish (throat swelling)", "Iodinated contrast (hives)", "Morphine (pruritus)");

    static final List<Condition> CONDITIONS = List.of(
            // Medicine
            inpatient(Service.MEDICINE, Who.ADULT, "community-acquired pneumonia of the right lower lobe",
                    "cough, fever and shortness of breath",
                    "productive cough with yellow sputum, fevers to 38.9 C, pleuritic right-sided chest pain and dyspnea on exertion",
                    "Crackles and egophony at the right base. Chest X-ray shows a right lower lobe consolidation without effusion. Procalcitonin is elevated.",
                    "Ceftriaxone 1 g IV daily and azithromycin 500 mg IV daily; supplemental oxygen to keep saturation above 92%; blood and sputum cultures; incentive spirometry.",
                    "Treated with IV ceftriaxone and azithromycin. Defervesced by hospital day 2 and weaned to room air on hospital day 3. Blood cultures remained negative. Transitioned to oral cefpodoxime to complete a 7-day course.",
                    Service.PULMONOLOGY, "cefpodoxime 200 mg by mouth twice daily for 4 more days", "guaifenesin 600 mg by mouth twice daily as needed"),
            inpatient(Service.MEDICINE, Who.ADULT, "sepsis due to Escherichia coli urinary tract infection",
                    "fever, confusion and burning with urination",
                    "two days of dysuria and urinary frequency followed by rigors, fever to 39.4 C and new confusion noted by family",
                    "Temperature 39.1 C, heart rate 118, blood pressure 92/54. Suprapubic tenderness. Lactate 3.1 mmol/L. Urinalysis with large leukocyte esterase, nitrites and many bacteria.",
                    "30 mL/kg crystalloid bolus, ceftriaxone 2 g IV daily after blood and urine cultures, trend lactate, hold antihypertensives.",
                    "Received fluid resuscitation with improvement in blood pressure and clearance of lactate within 12 hours. Urine and blood cultures grew pan-sensitive Escherichia coli. Mental status returned to baseline by hospital day 2. Narrowed to oral ciprofloxacin.",
                    Service.INFECTIOUS_DISEASE, "ciprofloxacin 500 mg by mouth twice daily for 7 days"),
            inpatient(Service.MEDICINE, Who.ADULT, "acute exacerbation of chronic obstructive pulmonary disease",
                    "worsening shortness of breath and wheezing",
                    "five days of increased sputum production, wheezing and dyspnea at rest despite increased use of the rescue inhaler",
                    "Diffuse expiratory wheezes with prolonged expiratory phase; accessory muscle use. Arterial blood gas pH 7.34, pCO2 52. Chest X-ray hyperinflated without infiltrate.",
                    "Nebulized albuterol and ipratropium every 4 hours, prednisone 40 mg daily, doxycycline, oxygen titrated to saturation 88-92%.",
                    "Improved steadily with bronchodilators, systemic steroids and doxycycline. Off supplemental oxygen by hospital day 3 and ambulating without desaturation. Inhaler technique reviewed; referred to pulmonary rehabilitation.",
                    Service.PULMONOLOGY, "prednisone 40 mg by mouth daily for 3 more days", "doxycycline 100 mg by mouth twice daily for 3 more days"),
            inpatient(Service.MEDICINE, Who.ADULT, "upper gastrointestinal bleeding from a duodenal ulcer",
                    "black stools and lightheadedness",
                    "three days of melena and one episode of near-syncope; takes ibuprofen daily for knee pain",
                    "Heart rate 108, orthostatic. Hemoglobin 7.2 g/dL from a baseline of 12. BUN 48. Rectal examination with melena.",
                    "Two large-bore IVs, transfuse to hemoglobin above 7, pantoprazole 80 mg IV bolus then infusion, gastroenterology consult for endoscopy, stop NSAIDs.",
                    "Transfused 2 units of packed red cells. Upper endoscopy on hospital day 1 showed a clean-based duodenal ulcer; Helicobacter pylori biopsy positive. Hemoglobin stable at 8.9 g/dL for 48 hours. Started on triple therapy.",
                    Service.GASTROENTEROLOGY, "pantoprazole 40 mg by mouth twice daily", "amoxicillin 1 g by mouth twice daily for 14 days", "clarithromycin 500 mg by mouth twice daily for 14 days"),
            inpatient(Service.MEDICINE, Who.ADULT, "acute kidney injury due to volume depletion",
                    "weakness and poor oral intake",
                    "a week of diarrhea and poor oral intake with generalized weakness and decreased urine output",
                    "Dry mucous membranes. Creatinine 2.9 mg/dL from a baseline of 1.0. Urine sodium below 20. Renal ultrasound without hydronephrosis.",
                    "Isotonic fluids, hold lisinopril and metformin, strict intake and output, daily basic metabolic panel, renally dose medications.",
                    "Creatinine improved to 1.3 mg/dL with IV fluids over three days. Diarrhea resolved; stool studies negative. Lisinopril held at discharge, to be resumed by the primary care physician once renal function is rechecked.",
                    Service.NEPHROLOGY),
            inpatient(Service.MEDICINE, Who.ADULT, "cellulitis of the left lower leg",
                    "a red, painful, swollen left leg",
                    "four days of spreading redness and pain of the left shin after a minor scrape while gardening, with subjective fevers",
                    "A 12 x 8 cm area of warm, tender erythema over the left anterior shin without fluctuance. Venous duplex negative for deep vein thrombosis. WBC 14.1.",
                    "Cefazolin 2 g IV every 8 hours, leg elevation, mark the borders of erythema, duplex ultrasound.",
                    "Erythema receded within the marked borders by hospital day 2 on IV cefazolin. Afebrile for 48 hours and transitioned to oral cephalexin.",
                    Service.INFECTIOUS_DISEASE, "cephalexin 500 mg by mouth four times daily for 5 days"),
            inpatient(Service.MEDICINE, Who.ADULT, "diabetic ketoacidosis",
                    "nausea, vomiting and excessive thirst",
                    "several days of polyuria and polydipsia followed by nausea, vomiting and abdominal pain after running out of insulin",
                    "Kussmaul respirations, dry mucous membranes. Glucose 512 mg/dL, bicarbonate 11, anion gap 26, beta-hydroxybutyrate elevated.",
                    "Insulin infusion per DKA protocol, IV fluids with potassium repletion, hourly glucose, basic metabolic panel every 4 hours.",
                    "Anion gap closed within 18 hours on the insulin infusion, then transitioned to basal-bolus subcutaneous insulin. Diabetes educator met with the patient; insulin supplies and glucometer provided.",
                    null, "insulin glargine 22 units subcutaneously nightly", "insulin lispro sliding scale with meals"),
            // Cardiology
            inpatient(Service.CARDIOLOGY, Who.ADULT, "non-ST-elevation myocardial infarction",
                    "chest pressure",
                    "substernal chest pressure radiating to the left arm, beginning at rest and lasting 40 minutes, with diaphoresis",
                    "ECG with 1 mm ST depressions in V4-V6. High-sensitivity troponin 412 ng/L rising to 1,870 ng/L. Echocardiogram with hypokinesis of the inferolateral wall, ejection fraction 45%.",
                    "Aspirin, ticagrelor, heparin infusion, high-intensity statin, metoprolol; cardiac catheterization.",
                    "Cardiac catheterization on hospital day 1 showed a 90% stenosis of the left circumflex artery, treated with one drug-eluting stent. Chest pain free thereafter. Enrolled in cardiac rehabilitation.",
                    null, "aspirin 81 mg by mouth daily", "ticagrelor 90 mg by mouth twice daily", "atorvastatin 80 mg by mouth nightly", "metoprolol succinate 50 mg by mouth daily"),
            inpatient(Service.CARDIOLOGY, Who.ADULT, "acute on chronic systolic heart failure",
                    "shortness of breath and leg swelling",
                    "two weeks of progressive dyspnea on exertion, three-pillow orthopnea, paroxysmal nocturnal dyspnea and a 5 kg weight gain",
                    "Jugular venous pressure to the angle of the jaw, bibasilar crackles, 2+ pitting edema to the knees. BNP 1,940 pg/mL. Chest X-ray with pulmonary vascular congestion.",
                    "Furosemide 40 mg IV twice daily, fluid restriction to 1.5 L, daily weights, strict intake and output, continue beta-blocker.",
                    "Diuresed 6 liters with IV furosemide, with resolution of orthopnea and edema. Dry weight established. Guideline-directed medical therapy optimized with sacubitril-valsartan and spironolactone.",
                    Service.NEPHROLOGY, "furosemide 40 mg by mouth daily", "sacubitril-valsartan 24-26 mg by mouth twice daily", "spironolactone 25 mg by mouth daily", "carvedilol 12.5 mg by mouth twice daily"),
            inpatient(Service.CARDIOLOGY, Who.ADULT, "atrial fibrillation with rapid ventricular response",
                    "palpitations",
                    "a day of rapid, irregular palpitations with mild dyspnea and fatigue",
                    "Irregularly irregular rhythm at 146 beats per minute. ECG confirms atrial fibrillation. TSH normal. Echocardiogram with normal ejection fraction and mild left atrial enlargement.",
                    "Diltiazem for rate control, anticoagulation with apixaban given a CHA2DS2-VASc score of 3, telemetry.",
                    "Rate controlled on oral diltiazem within 24 hours; spontaneously converted to sinus rhythm on hospital day 2. Started on apixaban.",
                    null, "diltiazem ER 180 mg by mouth daily", "apixaban 5 mg by mouth twice daily"),
            // Surgery
            inpatient(Service.SURGERY, Who.ANY, "acute appendicitis",
                    "right lower quadrant abdominal pain",
                    "periumbilical pain that migrated to the right lower quadrant over 18 hours, with anorexia, nausea and low-grade fever",
                    "Tenderness at McBurney's point with voluntary guarding. WBC 15.2. CT of the abdomen shows a dilated, non-perforated appendix with periappendiceal stranding.",
                    "NPO, IV fluids, piperacillin-tazobactam, laparoscopic appendectomy.",
                    "Underwent uncomplicated laparoscopic appendectomy. Tolerated a regular diet on postoperative day 1 with pain controlled on oral analgesics.",
                    "Laparoscopic appendectomy", "general endotracheal anesthesia",
                    "An acutely inflamed, non-perforated appendix without abscess. The base of the cecum was healthy.",
                    null, "acetaminophen 1000 mg by mouth every 8 hours as needed", "oxycodone 5 mg by mouth every 6 hours as needed for severe pain, 8 tablets"),
            inpatient(Service.SURGERY, Who.ADULT, "acute calculous cholecystitis",
                    "right upper quadrant pain",
                    "constant right upper quadrant pain radiating to the right shoulder after a fatty meal, with nausea and vomiting",
                    "Positive Murphy's sign. WBC 13.4, normal bilirubin and lipase. Ultrasound with gallstones, a thickened gallbladder wall and pericholecystic fluid.",
                    "NPO, IV fluids, ceftriaxone and metronidazole, laparoscopic cholecystectomy.",
                    "Underwent laparoscopic cholecystectomy on hospital day 1. Diet advanced without difficulty; liver tests remained normal.",
                    "Laparoscopic cholecystectomy", "general endotracheal anesthesia",
                    "A distended, inflamed gallbladder with a stone impacted in the neck. The critical view of safety was obtained before the cystic duct and artery were divided.",
                    null, "acetaminophen 1000 mg by mouth every 8 hours as needed", "ondansetron 4 mg by mouth every 8 hours as needed"),
            inpatient(Service.SURGERY, Who.ADULT, "small bowel obstruction due to adhesions",
                    "abdominal distension and vomiting",
                    "a day of crampy abdominal pain, bilious vomiting and no flatus, with a history of prior abdominal surgery",
                    "Distended, tympanitic abdomen with high-pitched bowel sounds. CT shows dilated small bowel loops with a transition point in the right lower quadrant.",
                    "NPO, nasogastric decompression, IV fluids, serial abdominal examinations; exploration if no improvement.",
                    "Failed 48 hours of nonoperative management and underwent exploratory laparotomy with lysis of adhesions. Return of bowel function on postoperative day 3; diet advanced.",
                    "Exploratory laparotomy with lysis of adhesions", "general endotracheal anesthesia",
                    "A single adhesive band causing a closed-loop obstruction of the distal ileum; the bowel was viable after release and no resection was required.",
                    null, "acetaminophen 1000 mg by mouth every 8 hours", "oxycodone 5 mg by mouth every 6 hours as needed for severe pain, 12 tablets", "docusate 100 mg by mouth twice daily"),
            inpatient(Service.SURGERY, Who.ADULT, "perforated sigmoid diverticulitis",
                    "left lower quadrant pain and fever",
                    "three days of worsening left lower quadrant pain with fever and rigors",
                    "Peritoneal signs in the left lower quadrant. CT shows sigmoid diverticulitis with free air and a pelvic fluid collection.",
                    "Broad-spectrum antibiotics, resuscitation, sigmoid colectomy.",
                    "Underwent sigmoid colectomy with end colostomy (Hartmann procedure). Ostomy nurse teaching completed; colostomy functioning by postoperative day 4.",
                    "Sigmoid colectomy with end colostomy (Hartmann procedure)", "general endotracheal anesthesia",
                    "Perforated sigmoid diverticulitis with purulent pelvic peritonitis; no feculent contamination.",
                    Service.INFECTIOUS_DISEASE, "amoxicillin-clavulanate 875 mg by mouth twice daily for 7 days", "oxycodone 5 mg by mouth every 6 hours as needed, 12 tablets"),
            // Orthopedics
            inpatient(Service.ORTHOPEDICS, Who.ADULT, "closed intertrochanteric fracture of the right femur",
                    "right hip pain after a fall",
                    "a mechanical fall at home onto the right side with immediate hip pain and inability to bear weight",
                    "Right leg shortened and externally rotated. Radiographs show a displaced intertrochanteric fracture of the right femur.",
                    "Pain control, hold anticoagulation, medical optimization, intramedullary nailing within 24 hours.",
                    "Underwent cephalomedullary nailing of the right femur on hospital day 1. Weight bearing as tolerated with physical therapy. Medicine co-managed postoperative delirium, which resolved.",
                    "Cephalomedullary nailing of the right intertrochanteric femur fracture", "spinal anesthesia with sedation",
                    "An unstable intertrochanteric fracture, reduced under fluoroscopy with good alignment before fixation.",
                    Service.MEDICINE, "enoxaparin 40 mg subcutaneously daily for 28 days", "acetaminophen 1000 mg by mouth every 8 hours", "oxycodone 5 mg by mouth every 6 hours as needed, 10 tablets"),
            inpatient(Service.ORTHOPEDICS, Who.ADULT, "primary osteoarthritis of the left knee",
                    "chronic left knee pain, admitted for elective knee replacement",
                    "years of progressive left knee pain limiting walking to one block despite injections and physical therapy",
                    "Varus deformity of the left knee with crepitus and range of motion 5-100 degrees. Radiographs with bone-on-bone medial compartment narrowing.",
                    "Elective total knee arthroplasty, multimodal analgesia, physical therapy, aspirin for thromboprophylaxis.",
                    "Underwent uncomplicated left total knee arthroplasty. Ambulating 150 feet with a walker and flexion to 90 degrees by postoperative day 2.",
                    "Left total knee arthroplasty", "spinal anesthesia with adductor canal block",
                    "Severe tricompartmental osteoarthritis with full-thickness cartilage loss of the medial compartment.",
                    null, "aspirin 81 mg by mouth twice daily for 35 days", "celecoxib 200 mg by mouth daily", "oxycodone 5 mg by mouth every 6 hours as needed, 20 tablets"),
            inpatient(Service.ORTHOPEDICS, Who.ADULT, "primary osteoarthritis of the right hip",
                    "right hip and groin pain, admitted for elective hip replacement",
                    "progressive right groin pain for three years with night pain and difficulty putting on shoes",
                    "Painful, restricted internal rotation of the right hip. Radiographs show joint space loss with osteophytes and subchondral sclerosis.",
                    "Elective total hip arthroplasty, posterior hip precautions, physical therapy.",
                    "Underwent uncomplicated right total hip arthroplasty. Ambulating with a walker on postoperative day 1; cleared by physical therapy for home.",
                    "Right total hip arthroplasty, posterior approach", "spinal anesthesia with sedation",
                    "Advanced osteoarthritis of the femoral head and acetabulum with large osteophytes.",
                    null, "apixaban 2.5 mg by mouth twice daily for 35 days", "oxycodone 5 mg by mouth every 6 hours as needed, 20 tablets"),
            // Obstetrics
            inpatient(Service.OBSTETRICS, Who.PREGNANT, "term pregnancy delivered by spontaneous vaginal delivery",
                    "regular contractions at 39 weeks",
                    "regular painful contractions every 4 minutes at 39 weeks 2 days of an uncomplicated pregnancy, with intact membranes",
                    "Cervix 5 cm dilated, 90% effaced, vertex at 0 station. Category I fetal heart tracing. Group B streptococcus negative.",
                    "Admit to labor and delivery, epidural on request, continuous fetal monitoring, expectant management.",
                    "Progressed to spontaneous vaginal delivery of a liveborn infant with Apgar scores of 8 and 9. Second-degree laceration repaired. Uncomplicated postpartum course; breastfeeding well.",
                    null, "ibuprofen 600 mg by mouth every 6 hours as needed", "prenatal vitamin by mouth daily"),
            inpatient(Service.OBSTETRICS, Who.PREGNANT, "term pregnancy with arrest of dilation, delivered by cesarean section",
                    "labor at 40 weeks",
                    "spontaneous labor at 40 weeks 1 day with rupture of membranes",
                    "Cervix remained 6 cm dilated for 4 hours despite adequate contractions on oxytocin. Category I fetal heart tracing.",
                    "Primary low transverse cesarean section for arrest of dilation; cefazolin prophylaxis.",
                    "Underwent primary low transverse cesarean section with delivery of a healthy liveborn infant. Postoperative course uncomplicated; incision clean and dry.",
                    "Primary low transverse cesarean section", "epidural anesthesia",
                    "A liveborn infant in the occiput posterior position; normal uterus, tubes and ovaries.",
                    null, "ibuprofen 600 mg by mouth every 6 hours", "oxycodone 5 mg by mouth every 6 hours as needed, 10 tablets", "prenatal vitamin by mouth daily"),
            inpatient(Service.OBSTETRICS, Who.PREGNANT, "preeclampsia with severe features at 36 weeks",
                    "headache and elevated blood pressure",
                    "a severe frontal headache and blurred vision at 36 weeks 3 days, with blood pressure 168/112 in clinic",
                    "Blood pressure 164/108 on repeat. Protein-to-creatinine ratio 0.9. Platelets and liver enzymes normal. Reactive non-stress test.",
                    "Magnesium sulfate for seizure prophylaxis, IV labetalol for severe-range pressures, induction of labor.",
                    "Induced with misoprostol and oxytocin with magnesium prophylaxis, delivered vaginally. Blood pressures controlled on oral nifedipine postpartum.",
                    null, "nifedipine ER 30 mg by mouth daily", "ibuprofen 600 mg by mouth every 6 hours as needed"),
            // Psychiatry
            inpatient(Service.PSYCHIATRY, Who.ADULT, "major depressive disorder, recurrent, severe without psychotic features",
                    "depressed mood and suicidal thoughts",
                    "a month of depressed mood, insomnia, poor appetite and hopelessness, with passive suicidal ideation after a job loss",
                    "Depressed, tearful affect; linear thought process; passive suicidal ideation without plan; no psychosis. PHQ-9 score 23.",
                    "Voluntary admission, safety precautions, start sertraline and titrate, individual and group therapy.",
                    "Mood and sleep improved with sertraline and milieu therapy. Denied suicidal ideation for the final 72 hours. Safety plan completed with the patient and family.",
                    null, "sertraline 100 mg by mouth daily", "trazodone 50 mg by mouth nightly as needed for sleep"),
            inpatient(Service.PSYCHIATRY, Who.ADULT, "bipolar I disorder, current episode manic, severe",
                    "not sleeping and erratic behavior",
                    "a week of decreased need for sleep, pressured speech, grandiosity and impulsive spending after stopping lithium",
                    "Pressured speech, flight of ideas, expansive affect, limited insight. Lithium level undetectable. Urine drug screen negative.",
                    "Restart lithium with level monitoring, olanzapine for acute mania, sleep hygiene.",
                    "Mania settled over ten days on lithium and olanzapine; therapeutic lithium level 0.8 mmol/L. Insight improved and outpatient follow-up arranged.",
                    Service.MEDICINE, "lithium carbonate 600 mg by mouth twice daily", "olanzapine 10 mg by mouth nightly"),
            inpatient(Service.PSYCHIATRY, Who.ADULT, "alcohol withdrawal",
                    "tremor and anxiety after stopping alcohol",
                    "tremor, sweating and anxiety beginning 24 hours after the last drink, with a history of drinking a fifth of vodka daily",
                    "Coarse tremor, diaphoresis, heart rate 112. CIWA-Ar score 18. Ethanol level negative.",
                    "Symptom-triggered lorazepam per CIWA protocol, thiamine, folate, multivitamin, seizure precautions.",
                    "Withdrawal managed with symptom-triggered lorazepam without seizures or delirium. Motivated for treatment; naltrexone started and referred to an intensive outpatient program.",
                    Service.MEDICINE, "naltrexone 50 mg by mouth daily", "thiamine 100 mg by mouth daily", "folic acid 1 mg by mouth daily"),
            // Pediatrics
            inpatient(Service.PEDIATRICS, Who.CHILD, "bronchiolitis due to respiratory syncytial virus",
                    "cough, runny nose and trouble breathing",
                    "three days of rhinorrhea and cough with increased work of breathing and poor feeding",
                    "Subcostal retractions, diffuse crackles and wheezes, oxygen saturation 89% on room air. RSV PCR positive.",
                    "Supportive care, nasal suctioning, supplemental oxygen to keep saturation above 90%, monitor feeding and hydration.",
                    "Required low-flow oxygen for 48 hours. Work of breathing improved and feeding returned to baseline. Parents taught nasal suctioning.",
                    null, "saline nasal drops as needed"),
            inpatient(Service.PEDIATRICS, Who.CHILD, "acute asthma exacerbation",
                    "wheezing and shortness of breath",
                    "a day of wheezing and cough after a viral illness, not improved with albuterol at home",
                    "Diffuse expiratory wheezing, intercostal retractions, oxygen saturation 91%. Peak flow 50% of predicted.",
                    "Albuterol every 2 hours then spaced, oral dexamethasone, oxygen as needed.",
                    "Albuterol spaced to every 4 hours within 24 hours. Asthma action plan reviewed and inhaled controller started.",
                    null, "fluticasone 44 mcg 2 puffs inhaled twice daily", "albuterol 2 puffs every 4 hours as needed"),
            inpatient(Service.PEDIATRICS, Who.CHILD, "dehydration due to viral gastroenteritis",
                    "vomiting and diarrhea",
                    "two days of vomiting and watery diarrhea with decreased urine output",
                    "Dry mucous membranes, capillary refill 3 seconds, 6% weight loss. Bicarbonate 15.",
                    "IV fluid bolus then maintenance fluids, ondansetron, oral rehydration trial.",
                    "Rehydrated with IV fluids and tolerating oral intake by hospital day 2 with good urine output.",
                    null, "oral rehydration solution as needed"),
            // Outpatient
            outpatient(Service.MEDICINE, Who.ADULT, "follow-up of hypertension and type 2 diabetes mellitus",
                    "routine follow-up", "Home blood pressure readings in the 140s systolic. Hemoglobin A1c 7.8%.",
                    "Increase lisinopril; add empagliflozin; recheck A1c in 3 months; annual diabetic eye examination."),
            outpatient(Service.MEDICINE, Who.ADULT, "annual wellness visit",
                    "annual physical", "No new complaints. Blood pressure at goal. Screening labs ordered.",
                    "Age-appropriate cancer screening discussed, influenza vaccine given, continue current medications."),
            outpatient(Service.MEDICINE, Who.ADULT, "hyperlipidemia",
                    "cholesterol follow-up", "LDL 142 mg/dL on moderate-intensity statin. Tolerating without myalgias.",
                    "Increase atorvastatin to 40 mg, dietary counseling, repeat lipid panel in 8 weeks."),
            outpatient(Service.CARDIOLOGY, Who.ADULT, "stable angina",
                    "exertional chest tightness", "Chest tightness after climbing two flights of stairs, relieved by rest. Exercise stress test with 1 mm ST depression at peak.",
                    "Start metoprolol and sublingual nitroglycerin; coronary CT angiography; follow up in 4 weeks."),
            outpatient(Service.CARDIOLOGY, Who.ADULT, "follow-up after myocardial infarction",
                    "post-MI check", "No recurrent angina. Attending cardiac rehabilitation. Ejection fraction 50% on repeat echocardiogram.",
                    "Continue dual antiplatelet therapy for 12 months, high-intensity statin, beta-blocker."),
            outpatient(Service.ORTHOPEDICS, Who.ADULT, "right carpal tunnel syndrome",
                    "numbness of the right hand", "Numbness in the thumb, index and middle fingers, worse at night. Positive Tinel and Phalen signs. EMG confirms moderate median neuropathy at the wrist.",
                    "Right carpal tunnel release performed today; wound care and hand therapy."),
            outpatient(Service.ORTHOPEDICS, Who.ANY, "sprain of the left ankle",
                    "ankle pain after an injury", "Lateral ankle swelling and ecchymosis, tender over the anterior talofibular ligament. Radiographs negative for fracture.",
                    "Rest, ice, compression, elevation; lace-up brace; physical therapy for proprioception."),
            outpatient(Service.SURGERY, Who.ADULT, "reducible right inguinal hernia",
                    "groin bulge", "A reducible right inguinal bulge that enlarges with coughing, mildly painful with lifting.",
                    "Open right inguinal hernia repair with mesh performed today as an outpatient procedure."),
            outpatient(Service.SURGERY, Who.ADULT, "postoperative check",
                    "wound check", "Incisions healing well without erythema or drainage. Tolerating a regular diet. Pathology reviewed with the patient.",
                    "Resume normal activity as tolerated; no lifting over 10 pounds for 4 more weeks."),
            outpatient(Service.OBSTETRICS, Who.PREGNANT, "routine prenatal care",
                    "prenatal visit", "Fundal height appropriate for dates, fetal heart tones 140s. Blood pressure normal. Glucose tolerance test normal.",
                    "Continue prenatal vitamins; Tdap vaccine; return in 2 weeks."),
            outpatient(Service.PSYCHIATRY, Who.ADULT, "generalized anxiety disorder",
                    "anxiety follow-up", "GAD-7 score improved from 16 to 9 on escitalopram. Sleeping better. No suicidal ideation.",
                    "Continue escitalopram 10 mg daily and cognitive behavioral therapy; follow up in 8 weeks."),
            outpatient(Service.PEDIATRICS, Who.CHILD, "well-child visit",
                    "well-child check", "Growth along the 60th percentile for height and weight. Development appropriate for age. Normal examination.",
                    "Immunizations given per schedule; anticipatory guidance on safety, nutrition and sleep."),
            outpatient(Service.PEDIATRICS, Who.CHILD, "acute otitis media of the right ear",
                    "ear pain and fever", "Bulging, erythematous right tympanic membrane. Temperature 38.6 C.",
                    "Amoxicillin 90 mg/kg/day for 10 days; ibuprofen for pain; return if not improved in 48 to 72 hours."),
            // Emergency
            emergency(Who.ANY, "laceration of the left hand without foreign body",
                    "a cut on the hand", "A 3 cm linear laceration of the left thenar eminence from a kitchen knife; tendon function and sensation intact.",
                    "Irrigated and closed with five 4-0 nylon sutures; tetanus updated; suture removal in 10 days."),
            emergency(Who.ADULT, "chest pain, non-cardiac",
                    "chest pain", "Reproducible left chest wall tenderness. ECG normal sinus rhythm; two high-sensitivity troponins undetectable. Chest X-ray clear.",
                    "Musculoskeletal chest pain; NSAIDs and follow-up with the primary care physician; return precautions given."),
            emergency(Who.ADULT, "migraine without aura",
                    "headache", "Throbbing unilateral headache with photophobia similar to prior migraines; normal neurologic examination.",
                    "Metoclopramide, diphenhydramine and IV fluids with resolution of the headache; neurology follow-up."),
            emergency(Who.ANY, "closed fracture of the distal radius",
                    "wrist pain after a fall", "Dorsally angulated distal radius fracture on radiographs after a fall on an outstretched hand; neurovascularly intact.",
                    "Closed reduction under hematoma block and sugar-tong splint; orthopedic follow-up in one week."),
            emergency(Who.ADULT, "acute low back strain",
                    "low back pain", "Paraspinal muscle tenderness after lifting furniture; no saddle anesthesia, normal strength and reflexes.",
                    "Ibuprofen, cyclobenzaprine, activity as tolerated; return for red-flag symptoms."),
            emergency(Who.ANY, "allergic reaction with urticaria",
                    "hives", "Diffuse urticaria after eating shrimp; no stridor, wheezing or hypotension.",
                    "Diphenhydramine, famotidine and prednisone with resolution; epinephrine auto-injector prescribed."),
            emergency(Who.ADULT, "acute cystitis",
                    "painful urination", "Dysuria and frequency for two days; afebrile; urinalysis with leukocyte esterase and nitrites.",
                    "Nitrofurantoin for 5 days; urine culture sent; return if fever or flank pain."),
            emergency(Who.CHILD, "croup",
                    "barking cough", "Barky cough and inspiratory stridor at rest that improved with humidified air.",
                    "Dexamethasone 0.6 mg/kg by mouth once; observed for 3 hours without stridor at rest."));

    private static Condition inpatient(Service service, Who who, String diagnosis, String complaint, String hpi,
                                       String findings, String plan, String course, Service consult, String... meds) {
        return new Condition(Setting.INPATIENT, service, who, diagnosis, complaint, hpi, findings, plan, course,
                null, null, null, consult, List.of(meds));
    }

    private static Condition inpatient(Service service, Who who, String diagnosis, String complaint, String hpi,
                                       String findings, String plan, String course, String procedure,
                                       String anesthesia, String operativeFindings, Service consult, String... meds) {
        return new Condition(Setting.INPATIENT, service, who, diagnosis, complaint, hpi, findings, plan, course,
                procedure, anesthesia, operativeFindings, consult, List.of(meds));
    }

    private static Condition outpatient(Service service, Who who, String diagnosis, String complaint, String findings,
                                        String plan) {
        // Two clinic visits are procedures done in the office or the ambulatory surgery unit.
        String procedure = diagnosis.contains("carpal tunnel") ? "Right carpal tunnel release"
                : diagnosis.contains("inguinal hernia") ? "Open right inguinal hernia repair with mesh" : null;
        String anesthesia = procedure == null ? null
                : procedure.contains("carpal") ? "local anesthesia with sedation" : "monitored anesthesia care with local infiltration";
        String operativeFindings = procedure == null ? null
                : procedure.contains("carpal") ? "A thickened transverse carpal ligament compressing a flattened, hyperemic median nerve."
                : "An indirect inguinal hernia sac with preperitoneal fat; no incarcerated bowel.";
        return new Condition(Setting.OUTPATIENT, service, who, diagnosis, complaint, complaint, findings, plan, null,
                procedure, anesthesia, operativeFindings, null, List.of());
    }

    private static Condition emergency(Who who, String diagnosis, String complaint, String findings, String plan) {
        return new Condition(Setting.EMERGENCY, Service.EMERGENCY, who, diagnosis, complaint, complaint, findings, plan,
                null, null, null, null, null, List.of());
    }
}
