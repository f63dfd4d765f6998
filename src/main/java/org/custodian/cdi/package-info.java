/**
 * Clinical documentation improvement: the review worklist of inpatient stays whose record shows a
 * documentation opportunity (rules as data over labs, coded diagnoses, transfusions and the working
 * MS-DRG), physician queries that are compliant by construction (AHIMA/ACDIS, Guidelines for
 * Achieving a Compliant Query Practice, 2022 update), their answers as signed addenda in the chart,
 * and their measured outcomes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clinical documentation improvement")
package org.custodian.cdi;
