/**
 * The demo hospital: a deterministic, seeded synthetic hospital (patients with some duplicate
 * registrations, encounters, clinical documents, one staff user per role) loaded on the first
 * start of an empty database so that Custodian can be tried with no set-up.
 * {@link org.custodian.demo.DemoHospital#generate} is the public entry point; the truth about
 * the duplicate registrations ({@link org.custodian.demo.DuplicateRegistration}) is there for
 * evaluating the master patient index.
 */
package org.custodian.demo;
