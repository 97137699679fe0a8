package io.toolgate.guard;

import io.toolgate.Reason;
import io.toolgate.ResourceId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Derives the resource of a tool call from its arguments, declared once per tool on a {@link
 * ToolGuard} rather than hand-coded at each call site. Must be thread-safe and side-effect free.
 *
 * <p>Failing is the safe outcome: a resolver that throws, or returns null, makes the guard deny the
 * call with {@link Reason#RESOURCE_UNRESOLVED}. Prefer {@link ResourceTemplate}, which rejects
 * missing and malformed arguments and path traversal; a hand-written lambda such as {@code args ->
 * ResourceId.of("file:///srv/" + args.get("path"))} would turn a missing argument into the resource
 * {@code file:///srv/null}.
 */
@FunctionalInterface
public interface ResourceResolver {
  /** Always {@link ResourceId#NONE}: for tools that act on nothing in particular. */
  ResourceResolver NONE = arguments -> ResourceId.NONE;

  /**
   * Returns the resource the call acts on.
   *
   * @param arguments the call's arguments, immutable JSON-like values
   * @throws IllegalArgumentException or any other exception when it cannot be derived
   */
  @Nullable ResourceId resolve(Map<String, Object> arguments);
}
