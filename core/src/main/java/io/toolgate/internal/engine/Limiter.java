package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.DecisionError;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.ToolId;
import io.toolgate.spi.Consumption;
import io.toolgate.spi.LimitCounter;
import io.toolgate.spi.LimitStore;
import io.toolgate.spi.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of one policy snapshot, compiled by rule id, and the store their counters live in.
 * Asked only after the decision procedure allowed a call: it never changes which calls the policy
 * allows, so cached residuals stay exact; it only denies an allowed call whose limits are used up
 * ({@link Reason#RATE_LIMITED}) or whose store failed ({@link Reason#ERROR}, or {@link
 * Reason#FLEET_UNAVAILABLE} when a shared store cannot be reached).
 *
 * <p>A limit's counters are keyed by the rule id and the limit's definition ({@link #limitId}), not
 * by the policy version: a policy swap that keeps a limit keeps its counters.
 */
final class Limiter {
  private static final Logger LOG = LoggerFactory.getLogger("io.toolgate.DecisionEngine");

  /** One limit of one rule. */
  private record Compiled(String ruleId, String limitId, Limit limit) {}

  private final Map<String, Compiled[]> byRule;
  private final Map<String, Compiled> byLimitId;
  private final LimitStore store;
  private final String version;

  private Limiter(Policy policy, LimitStore store) {
    this.store = store;
    this.version = policy.version();
    Map<String, Compiled[]> rules = new HashMap<>();
    Map<String, Compiled> ids = new HashMap<>();
    policy
        .limits()
        .forEach(
            (rule, limits) -> {
              List<Compiled> list = new ArrayList<>();
              for (Limit l : limits) {
                Compiled c = new Compiled(rule, limitId(rule, l), l);
                if (ids.putIfAbsent(c.limitId(), c) == null) { // the same limit twice counts once
                  list.add(c);
                }
              }
              rules.put(rule, list.toArray(new Compiled[0]));
            });
    this.byRule = rules;
    this.byLimitId = ids;
  }

  /** The limiter of {@code policy}, or null when the policy has no limits. */
  static Limiter of(Policy policy, LimitStore store) {
    return policy.limits().isEmpty() ? null : new Limiter(policy, store);
  }

  /** The stable id of a rule's limit: {@code rule#100/1h per origin on [payments/transfer]}. */
  static String limitId(String ruleId, Limit limit) {
    return ruleId + "#" + limit;
  }

  /**
   * The counters a call of {@code tool} by {@code subject} allowed by {@code ruleIds} consumes
   * from, distinct, in rule order; empty when no limit applies.
   */
  List<LimitCounter> counters(List<String> ruleIds, Object subject, ToolId tool) {
    List<LimitCounter> out = null;
    for (int i = 0; i < ruleIds.size(); i++) {
      Compiled[] limits = byRule.get(ruleIds.get(i));
      if (limits == null) {
        continue;
      }
      for (Compiled c : limits) {
        if (!c.limit().appliesTo(tool)) {
          continue;
        }
        LimitCounter counter =
            new LimitCounter(
                c.limitId(), key(c.limit().per(), subject), c.limit().calls(), c.limit().window());
        if (out == null) {
          out = new ArrayList<>(2);
        }
        if (!out.contains(counter)) { // a rule met at two hops counts the call once
          out.add(counter);
        }
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /**
   * What the engine answers for {@code decided}: itself unless it is an allow whose limits are used
   * up or whose store failed.
   *
   * @param counters the counters of a cached constant allow, or null to work them out from the
   *     decision's rule ids
   */
  Decision admit(Decision decided, List<LimitCounter> counters, Object subject, ToolId tool) {
    if (!decided.isAllowed()) {
      return decided; // a denied call consumes nothing
    }
    List<LimitCounter> cs =
        counters != null ? counters : counters(decided.ruleIds(), subject, tool);
    if (cs.isEmpty()) {
      return decided;
    }
    Consumption c;
    try {
      c = store.tryConsume(cs);
    } catch (StoreUnavailableException e) {
      LOG.warn("the limit store is unreachable for {} calling {}; denying", subject, tool, e);
      return Decision.denial(Reason.FLEET_UNAVAILABLE, version)
          .detail(
              "the shared limit store cannot be reached, so the call cannot be counted: "
                  + e.getMessage())
          .build();
    } catch (RuntimeException e) {
      LOG.error("the limit store failed for {} calling {}; denying", subject, tool, e);
      return storeFailed(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (c == Consumption.Consumed.INSTANCE) {
      return decided;
    }
    if (c instanceof Consumption.Exhausted x && x.counter() < cs.size()) {
      return rateLimited(cs.get(x.counter()), x.nextCallAt());
    }
    return storeFailed("the limit store answered " + c);
  }

  private Decision rateLimited(LimitCounter counter, Instant at) {
    Compiled c = byLimitId.get(counter.limitId());
    String rule = c != null ? c.ruleId() : counter.limitId();
    String limit = c != null ? c.limit().toString() : counter.limitId();
    String key = counter.key();
    return Decision.denial(Reason.RATE_LIMITED, version)
        .ruleIds(List.of(rule))
        .retryAt(at)
        .detail(
            () ->
                "the limit "
                    + limit
                    + " of '"
                    + rule
                    + "' is used up for "
                    + key
                    + "; the next call is possible at "
                    + at)
        .build();
  }

  private Decision storeFailed(String message) {
    return Decision.denial(Reason.ERROR, version)
        .errors(List.of(new DecisionError("limits", message)))
        .detail("the limit store failed, so the engine denies")
        .build();
  }

  /** The counter key of {@code subject} (a principal id or a chain) for {@code per}. */
  static String key(Limit.Per per, Object subject) {
    if (subject instanceof String principal) {
      return (per == Limit.Per.PRINCIPAL ? "principal:" : "origin:") + principal;
    }
    DelegationChain chain = (DelegationChain) subject;
    switch (per) {
      case PRINCIPAL:
        return "principal:" + chain.actor();
      case ORIGIN:
        return "origin:" + chain.origin();
      default:
        for (Delegation hop : chain.hops()) {
          String id = hop.revocationId();
          if (id != null) {
            return "session:" + id;
          }
        }
        return "origin:" + chain.origin(); // no session: counted per origin, never unlimited
    }
  }
}
