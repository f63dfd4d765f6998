package org.custodian.practicum.internal;

import java.util.List;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/** A student's copy of an exercise as generated: what they see, and the key they do not. */
record GeneratedExercise(List<WorkItem> items, List<KeyEntry> key) {
}
