/**
 * Practicum: a training mode for HIT/HIM students. Instructors assign exercises (defined as data:
 * a seed, the errors to plant, and the key derived from them) to a cohort; each student works an
 * isolated copy of synthetic records — never the hospital's patients, which students cannot read
 * at all — and is graded against the key, with the rule behind each miss.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Practicum")
package org.custodian.practicum;
