package org.custodian.chart;

import java.util.List;

/** Published after documents are filed (one event per call, so a bulk load is one event), with their encounters. */
public record DocumentsFiled(List<Long> documentIds, List<Long> encounterIds) {
}
