package io.toolgate.spi;

import java.util.Optional;

/**
 * A {@link PolicyModule} compiled for one policy snapshot. Immutable and thread-safe; called only
 * when the engine builds the residual of a request it has not cached, never on a cache hit.
 */
public interface CompiledModule {
  /**
   * Tells {@code verdicts} what this module says about one principal of a request calling the
   * query's tool on its resource: the entries or rules that allow or deny it, unconditionally or
   * under a {@link Condition} on the call's arguments and environment. Saying nothing means the
   * module neither allows nor denies.
   *
   * <p>Everything that depends only on the principal, tool and resource should be decided here,
   * once; only what depends on arguments or environment belongs in a condition. An exception
   * thrown here denies the request with reason {@code ERROR}; it is never cached.
   */
  void evaluate(Query query, Verdicts verdicts);

  /**
   * Returns a service this module offers to modules compiled after it (for example the roles
   * of a principal, which {@code toolgate-abac} rules can target without depending on
   * {@code toolgate-rbac}).
   */
  default <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }
}
