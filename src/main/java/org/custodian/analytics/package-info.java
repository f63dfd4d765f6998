/**
 * Analytics: the department's KPIs. Sits above the other modules and asks their public APIs for
 * figures (it never reads their tables). Public API: {@link org.custodian.analytics.Metric}, the one
 * class a new KPI is, and {@link org.custodian.analytics.Analytics}, the registry and its series.
 */
package org.custodian.analytics;
