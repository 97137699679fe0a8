/**
 * Decision listeners that keep a record.
 *
 * <ul>
 *   <li>{@link io.toolgate.audit.AuditLogListener}: one JSON object per decision on the SLF4J
 *       logger {@code io.toolgate.audit} (arguments never logged), JSON Lines with a plain pattern
 *       layout.
 *   <li>{@link io.toolgate.audit.AsyncDecisionListener}: moves a slow listener off the deciding
 *       thread through a bounded lock-free queue; counts drops and delivery failures. Give it to
 *       {@code DecisionEngine.Builder.requireAudit} to deny calls whose record it cannot take.
 *   <li>{@link io.toolgate.audit.ChainedAuditLog}: the tamper-evident audit log, each line
 *       hash-chained to the one before and a leaf of a {@link io.toolgate.audit.MerkleTree} whose
 *       root a signed {@link io.toolgate.audit.Checkpoint} states every N entries or T seconds;
 *       {@link io.toolgate.audit.AuditLogVerifier} checks it and gives proofs (docs/audit.md).
 * </ul>
 */
@NullMarked
package io.toolgate.audit;

import org.jspecify.annotations.NullMarked;
