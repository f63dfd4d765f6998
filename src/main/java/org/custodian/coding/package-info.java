/**
 * Coding: CMS code sets by fiscal year and the encoder. Public API: {@link org.custodian.coding.CodeSets},
 * {@link org.custodian.coding.Encoder} and their records; everything else is internal.
 */
package org.custodian.coding;
