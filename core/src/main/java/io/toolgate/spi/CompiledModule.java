package io.toolgate.spi;

import io.toolgate.Limit;
import io.toolgate.Principal;
import io.toolgate.Session;
import io.toolgate.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
   * once; only what depends on arguments or environment belongs in a condition. An exception thrown
   * here denies the request with reason {@code ERROR}; it is never cached.
   */
  void evaluate(Query query, Verdicts verdicts);

  /**
   * Whether this module might allow {@code principal} some call of {@code tool}, on some resource,
   * with some arguments, at some time. Used only to decide which tools a caller is shown ({@code
   * ToolGuard.visibleTools}), never to decide a call. The default, {@code true}, is always safe: a
   * tool shown and then denied costs the caller a denial, while a tool hidden although some call
   * could be allowed is a bug. Answer {@code false} only when sure.
   */
  default boolean mayAllow(Principal principal, Tool tool, Session session) {
    return true;
  }

  /**
   * Whether this module denies {@code principal} every call of {@code tool}, whatever the resource,
   * arguments and time (a deny entry over every resource, say). Used only for visibility, like
   * {@link #mayAllow}. The default, {@code false}, is always safe.
   */
  default boolean deniesEverywhere(Principal principal, Tool tool, Session session) {
    return false;
  }

  /**
   * Whether this module reports its grants through {@link #grants}. Least-privilege tooling ({@code
   * io.toolgate.analysis}) explains reach, conditions and findings from reported grants; a module
   * that does not report them (the default) is still obeyed, since reach is decided by the engine,
   * but its grants cannot be named, its conditions not listed, and the tooling says its answers may
   * be incomplete.
   */
  default boolean reportsGrants() {
    return false;
  }

  /**
   * Every grant this module holds for {@code principal}, allow and deny, unconditional and
   * conditional, in a stable order: exactly what {@link #evaluate} would match for that principal
   * in a request with the default {@link Session}. Never on the decision path. The default reports
   * nothing; override it together with {@link #reportsGrants}.
   */
  default List<Grant> grants(Principal principal) {
    return List.of();
  }

  /**
   * The {@link Limit}s on the calls this module's rules allow, by the rule id it reports through
   * {@link Verdicts#allow} or {@link Verdicts#allowIf}: once a decision allows a call, the engine
   * counts it against the limits of every rule id in the allow ({@link
   * io.toolgate.Decision#ruleIds()}). Read once, when the policy is built; a module's limits belong
   * in its {@link PolicyModule#fingerprint()}. The default: none.
   */
  default Map<String, List<Limit>> limits() {
    return Map.of();
  }

  /**
   * The ids of this module's allow rules whose calls run only once approved: an allow decided by
   * one of them (among the rule ids it reports through {@link Verdicts#allow} or {@link
   * Verdicts#allowIf}) carries {@link io.toolgate.Obligation#APPROVAL}. Read once, when the policy
   * is built; it belongs in the module's {@link PolicyModule#fingerprint()}. The default: none.
   */
  default Set<String> approvals() {
    return Set.of();
  }

  /**
   * Returns a service this module offers to modules compiled after it (for example the roles of a
   * principal, which {@code toolgate-abac} rules can target without depending on {@code
   * toolgate-rbac}).
   */
  default <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }
}
