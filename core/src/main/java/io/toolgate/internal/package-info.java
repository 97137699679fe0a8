/**
 * Helpers shared by core and the rbac and abac modules, exported to those modules only ({@code
 * exports ... to}); not an API. Owns identifier checks ({@link io.toolgate.internal.Checks}), glob
 * compilation and pattern tries ({@link io.toolgate.internal.Glob}, {@link
 * io.toolgate.internal.PatternIndex}), resource canonicalisation ({@link
 * io.toolgate.internal.ResourceCanonicalizer}), deep-frozen JSON values ({@link
 * io.toolgate.internal.JsonValues}), canonical JSON for pins ({@link
 * io.toolgate.internal.CanonicalJson}) and SHA-256 digests. It may use only the JDK, Guava and
 * core's value types.
 */
package io.toolgate.internal;
