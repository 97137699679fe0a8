package io.toolgate.benchmarks.peers;

import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ABAC scenario's argument condition for Toolgate, written against core's SPI directly: a
 * conditional allow ({@code amount <= limit}) for each conditional grant covering the call. The
 * benchmark runs the scenario both ways: through this hand-written module (engines {@code
 * toolgateCached} / {@code toolgateUncached}) and through {@code toolgate-abac}'s CEL rules ({@code
 * toolgateCelCached} / {@code toolgateCelUncached}, {@link ToolgateEngine#celRules}), so the table
 * shows what the rule language costs over a Java lambda. Compiled once per policy: an uncached
 * decision asks it about each principal, a cached one only runs the condition.
 */
final class ConditionModule implements PolicyModule {
  private final List<Grant> grants;

  ConditionModule(List<Grant> conditionalGrants) {
    this.grants = List.copyOf(conditionalGrants);
  }

  @Override
  public String name() {
    return "bench-conditions";
  }

  @Override
  public String fingerprint() {
    StringBuilder sb = new StringBuilder();
    for (Grant g : grants) {
      sb.append(g.id())
          .append(' ')
          .append(g.tool())
          .append(' ')
          .append(g.resource())
          .append(' ')
          .append(g.maxAmount())
          .append('\n');
    }
    return sb.toString();
  }

  @Override
  public CompiledModule compile(PolicyView view) {
    Map<String, List<Grant>> byHolder = new HashMap<>();
    for (Grant g : grants) {
      byHolder.computeIfAbsent(g.holder(), k -> new ArrayList<>()).add(g);
    }
    return new Compiled(byHolder);
  }

  /** The grants of each principal. */
  private record Compiled(Map<String, List<Grant>> byHolder) implements CompiledModule {
    @Override
    public void evaluate(Query query, Verdicts verdicts) {
      List<Grant> held = byHolder.get(query.principal().id());
      if (held == null) {
        return;
      }
      String tool = query.tool().id().qualifiedName();
      String resource = query.resource().id().value();
      for (Grant g : held) {
        if (g.covers(tool, resource)) {
          long limit = g.maxAmount();
          verdicts.allowIf(
              g.id(), ctx -> ((Number) ctx.arguments().get("amount")).longValue() <= limit);
        }
      }
    }
  }
}
