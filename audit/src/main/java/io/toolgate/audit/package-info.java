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
 * </ul>
 */
@NullMarked
package io.toolgate.audit;

import org.jspecify.annotations.NullMarked;
