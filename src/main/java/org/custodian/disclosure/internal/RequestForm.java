package org.custodian.disclosure.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.FormInput;
import org.custodian.chart.DocumentType;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.Sensitivity;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.RequesterType;
import org.springframework.util.MultiValueMap;

/** The intake form as typed: its values (to show again) and, per field, what is wrong with it. */
public final class RequestForm {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> documentTypes = new java.util.HashSet<>();
    private final Set<String> named = new java.util.HashSet<>();
    private final Set<String> recordCategories = new java.util.HashSet<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    static RequestForm blank(LocalDate today, String patientId) {
        RequestForm f = new RequestForm();
        f.values.put("receivedOn", today.toString());
        f.values.put("delivery", Delivery.PDF_DOWNLOAD.name());
        if (patientId != null) {
            f.values.put("patientId", patientId);
        }
        return f;
    }

    static RequestForm of(MultiValueMap<String, String> params) {
        RequestForm f = new RequestForm();
        params.forEach((k, v) -> {
            if (k.equals("documentTypes")) {
                f.documentTypes.addAll(v);
            } else if (k.equals("recordCategories")) {
                f.recordCategories.addAll(v);
            } else if (k.equals("namedSensitivities")) {
                f.named.addAll(v);
            } else if (!v.isEmpty()) {
                f.values.put(k, v.get(0));
            }
        });
        return f;
    }

    public String value(String field) {
        return values.get(field);
    }

    public boolean checked(String field) {
        return "on".equals(values.get(field)) || "true".equals(values.get(field));
    }

    public boolean documentType(String type) {
        return documentTypes.contains(type);
    }

    public boolean recordCategory(String category) {
        return recordCategories.contains(category);
    }

    public boolean named(String sensitivity) {
        return named.contains(sensitivity);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<String> errorList() {
        return new ArrayList<>(errors.values());
    }

    /** A rule message "field: rule" from the service, put on its field. */
    void reject(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        if (colon > 0) {
            errors.put(message.substring(0, colon).strip(), message.substring(colon + 1).strip());
        } else {
            errors.put("form", message);
        }
    }

    /** The request, or null with the errors recorded. */
    NewDisclosureRequest toRequest() {
        Long patientId = number("patientId");
        RequesterType type = choice("requesterType", RequesterType.class);
        Delivery delivery = choice("delivery", Delivery.class);
        LocalDate receivedOn = date("receivedOn", true);
        LocalDate from = date("dateFrom", false);
        LocalDate to = date("dateTo", false);
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String t : documentTypes) {
            try {
                types.add(DocumentType.valueOf(t));
            } catch (IllegalArgumentException e) {
                errors.put("documentTypes", "unknown document type");
            }
        }
        Set<RecordCategory> categories = EnumSet.noneOf(RecordCategory.class);
        for (String c : recordCategories) {
            try {
                categories.add(RecordCategory.valueOf(c));
            } catch (IllegalArgumentException e) {
                errors.put("recordCategories", "unknown part of the record");
            }
        }
        Authorization authorization = null;
        if (checked("authReceived")) {
            Set<Sensitivity> sensitivities = EnumSet.noneOf(Sensitivity.class);
            for (String s : named) {
                try {
                    sensitivities.add(Sensitivity.valueOf(s));
                } catch (IllegalArgumentException e) {
                    errors.put("namedSensitivities", "unknown category");
                }
            }
            authorization = new Authorization(text("authDescription"), text("authDiscloser"), text("authRecipient"),
                    text("authPurpose"), date("authExpiresOn", false), text("authExpirationEvent"), text("authSignedBy"),
                    date("authSignedOn", false), checked("authByRepresentative"), text("authRepresentativeAuthority"),
                    sensitivities);
        }
        LegalProcess legal = new LegalProcess(checked("subpoena"), checked("courtOrder"), checked("satisfactoryAssurance"));
        if (hasErrors()) {
            return null;
        }
        return new NewDisclosureRequest(patientId, type, text("requesterName"), text("requesterAddress"), text("purpose"),
                delivery, receivedOn, text("state"), from, to, types, List.of(), authorization, legal, categories);
    }

    private String text(String field) {
        return FormInput.trimmed(values.get(field));
    }

    private Long number(String field) {
        String s = text(field);
        if (s == null || !s.matches("\\d{1,18}")) {
            errors.put(field, "choose the patient: type the name, MRN or date of birth and pick from the list");
            return 0L;
        }
        return Long.parseLong(s);
    }

    private <E extends Enum<E>> E choice(String field, Class<E> type) {
        String s = text(field);
        try {
            return Enum.valueOf(type, s == null ? "" : s);
        } catch (IllegalArgumentException e) {
            errors.put(field, "choose one");
            return null;
        }
    }

    private LocalDate date(String field, boolean required) {
        String s = text(field);
        if (s == null) {
            if (required) {
                errors.put(field, "required");
            }
            return null;
        }
        LocalDate d = FormInput.date(s);
        if (d == null) {
            errors.put(field, "a date as MM/DD/YYYY");
        }
        return d;
    }
}
