package io.toolgate.guard;

import io.toolgate.Request;

/**
 * The body of a tool, run by a {@link ToolGuard} only when the call is allowed.
 *
 * @param <T> what the tool returns
 * @param <X> the checked exception the tool may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ToolBody<T, X extends Exception> {
  /**
   * Runs the tool.
   *
   * @param authorized the request that was allowed: act on its {@link Request#resource()} (the
   *     resource derived and normalized from the arguments) rather than re-reading raw arguments,
   *     so the tool does exactly what was decided
   * @return the tool's result
   * @throws X when the tool fails; the guard passes it on unchanged
   */
  T run(Request authorized) throws X;
}
