/**
 * Policy documents: YAML or JSON text read into a {@link io.toolgate.Policy}, with every problem
 * located ({@code FILE:LINE:COLUMN}).
 *
 * <ul>
 *   <li>{@link io.toolgate.document.PolicyLoader}: reads a file, a string or bytes, with {@link
 *       io.toolgate.document.DocumentLimits}, optional Ed25519 signatures ({@link
 *       io.toolgate.document.Signatures}) and anti-rollback stamps ({@link
 *       io.toolgate.document.DocumentStamp}, {@link io.toolgate.document.RollbackGuard}); refuses
 *       with a {@link io.toolgate.document.DocumentException} listing {@link
 *       io.toolgate.document.DocumentProblem}s.
 *   <li>{@link io.toolgate.document.PolicyReloader}: watches a file and swaps the engine's policy
 *       when a new version loads; a refused document never replaces the active one ({@link
 *       io.toolgate.document.ReloadListener}).
 *   <li>{@link io.toolgate.document.PolicyWriter}: writes a policy back as a document that reads to
 *       an equivalent policy.
 *   <li>{@link io.toolgate.document.PolicySection}: how modules (rbac, abac) read and write their
 *       own sections, found with {@link java.util.ServiceLoader}; they see the document through
 *       {@link io.toolgate.document.SectionContext}, {@link io.toolgate.document.Fields} and {@link
 *       io.toolgate.document.DocNode}, and write through {@link
 *       io.toolgate.document.SectionWriter}.
 * </ul>
 */
package io.toolgate.document;
