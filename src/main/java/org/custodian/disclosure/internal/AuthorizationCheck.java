package org.custodian.disclosure.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.RequesterType;

/**
 * What must be in place before records go out, by requester. Pure: the request's facts and today in,
 * the failing elements out (each named by its field and the rule, with the section it comes from).
 */
final class AuthorizationCheck {

    private AuthorizationCheck() {
    }

    static List<AuthorizationProblem> problems(RequesterType type, Authorization authorization, LegalProcess legal,
                                               LocalDate today) {
        List<AuthorizationProblem> problems = new ArrayList<>();
        switch (type) {
            case PATIENT, PROVIDER_TREATMENT, PAYER, PUBLIC_HEALTH, LAW_ENFORCEMENT -> {
                // Right of access (164.524), treatment and payment (164.506), public health (164.512(b)),
                // law enforcement (164.512(f)): no authorization needed. One received anyway is still checked,
                // because it may be what releases sensitive records.
                if (authorization != null) {
                    problems.addAll(elements(authorization, today));
                }
            }
            case PERSONAL_REPRESENTATIVE -> {
                // 164.502(g): a personal representative stands in for the patient only with authority to act.
                if (authorization == null || blank(authorization.representativeAuthority())) {
                    problems.add(new AuthorizationProblem("authorization.representativeAuthority",
                            "a personal representative's authority to act for the patient must be documented (45 CFR 164.502(g), 164.508(c)(1)(vi))"));
                } else {
                    problems.addAll(elements(authorization, today));
                }
            }
            case THIRD_PARTY -> problems.addAll(required(authorization, today));
            case ATTORNEY, COURT -> {
                if (legal.courtOrder()) {
                    // 164.512(e)(1)(i): an order of a court or administrative tribunal suffices on its own.
                    if (authorization != null) {
                        problems.addAll(elements(authorization, today));
                    }
                } else if (legal.subpoena() && authorization == null) {
                    if (!legal.satisfactoryAssurance()) {
                        problems.add(new AuthorizationProblem("legalProcess.satisfactoryAssurance",
                                "a subpoena without a court order needs satisfactory assurance that the patient was notified or a qualified protective order was sought (45 CFR 164.512(e)(1)(ii))"));
                    }
                } else {
                    problems.addAll(required(authorization, today));
                }
            }
        }
        return problems;
    }

    private static List<AuthorizationProblem> required(Authorization authorization, LocalDate today) {
        if (authorization == null) {
            return List.of(new AuthorizationProblem("authorization",
                    "this requester needs the patient's valid authorization (45 CFR 164.508(a)(1))"));
        }
        return elements(authorization, today);
    }

    /** The core elements of 164.508(c)(1) and the defects of 164.508(b)(2) (expired, incomplete). */
    static List<AuthorizationProblem> elements(Authorization a, LocalDate today) {
        List<AuthorizationProblem> p = new ArrayList<>();
        if (blank(a.description())) {
            p.add(new AuthorizationProblem("authorization.description",
                    "a specific and meaningful description of the information to be disclosed is required (45 CFR 164.508(c)(1)(i))"));
        }
        if (blank(a.discloser())) {
            p.add(new AuthorizationProblem("authorization.discloser",
                    "the name of who is authorized to make the disclosure is required (45 CFR 164.508(c)(1)(ii))"));
        }
        if (blank(a.recipient())) {
            p.add(new AuthorizationProblem("authorization.recipient",
                    "the name of who may receive the information is required (45 CFR 164.508(c)(1)(iii))"));
        }
        if (blank(a.purpose())) {
            p.add(new AuthorizationProblem("authorization.purpose",
                    "a description of each purpose of the disclosure is required (45 CFR 164.508(c)(1)(iv))"));
        }
        if (a.expiresOn() == null && blank(a.expirationEvent())) {
            p.add(new AuthorizationProblem("authorization.expiration",
                    "an expiration date or expiration event is required (45 CFR 164.508(c)(1)(v))"));
        } else if (a.expiresOn() != null && a.expiresOn().isBefore(today)) {
            p.add(new AuthorizationProblem("authorization.expiration",
                    "the authorization expired on " + a.expiresOn() + " (45 CFR 164.508(b)(2)(i))"));
        }
        if (blank(a.signedBy()) || a.signedOn() == null) {
            p.add(new AuthorizationProblem("authorization.signature",
                    "the signature of the individual and its date are required (45 CFR 164.508(c)(1)(vi))"));
        } else if (a.signedOn().isAfter(today)) {
            p.add(new AuthorizationProblem("authorization.signature",
                    "the signature date " + a.signedOn() + " is in the future (45 CFR 164.508(b)(2)(iii))"));
        }
        if (a.signedByRepresentative() && blank(a.representativeAuthority())) {
            p.add(new AuthorizationProblem("authorization.representativeAuthority",
                    "a representative's signature needs a description of their authority to act for the individual (45 CFR 164.508(c)(1)(vi))"));
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
