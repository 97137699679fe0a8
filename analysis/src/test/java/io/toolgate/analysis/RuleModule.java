package io.toolgate.analysis;

import io.toolgate.Effect;
import io.toolgate.ToolPattern;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Condition;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal conditional-rule module for tests, standing in for {@code toolgate-abac}: each rule
 * targets one principal, allows or denies tool patterns on every resource when a condition on the
 * call's arguments holds, and is reported as a conditional grant. It shows what a rule module
 * implements to join least-privilege tooling.
 */
record RuleModule(List<Rule> rules, boolean reports) implements PolicyModule {
  record Rule(
      String id, String principal, Effect effect, String tool, String text, Condition condition) {}

  static RuleModule of(Rule... rules) {
    return new RuleModule(List.of(rules), true);
  }

  RuleModule opaque() {
    return new RuleModule(rules, false);
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public String fingerprint() {
    return rules.toString();
  }

  @Override
  public CompiledModule compile(PolicyView view) {
    return new CompiledModule() {
      @Override
      public void evaluate(Query query, Verdicts verdicts) {
        for (Rule r : rules) {
          if (r.principal().equals(query.principal().id())
              && ToolPattern.parse(r.tool()).matches(query.tool().id())) {
            if (r.effect() == Effect.ALLOW) {
              verdicts.allowIf(r.id(), r.condition());
            } else {
              verdicts.denyIf(r.id(), r.condition());
            }
          }
        }
      }

      @Override
      public boolean reportsGrants() {
        return reports;
      }

      @Override
      public List<Grant> grants(io.toolgate.Principal principal) {
        List<Grant> out = new ArrayList<>();
        for (Rule r : rules) {
          if (r.principal().equals(principal.id())) {
            out.add(
                new Grant(
                    "rules",
                    r.id(),
                    r.effect(),
                    List.of(ToolPattern.parse(r.tool())),
                    List.of(),
                    "",
                    r.text(),
                    new GrantSource.Rule("for " + r.principal())));
          }
        }
        return out;
      }
    };
  }
}
