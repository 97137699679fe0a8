package io.toolgate.benchmarks.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.api.pdp.Decision;
import io.sapl.interpreter.InitializationException;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.PolicyDecisionPointFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAPL's embedded PDP ({@code PolicyDecisionPointFactory.fixedInRamPolicyDecisionPoint}, documents
 * combined with deny-overrides), asked as SAPL's own benchmark asks it: {@code
 * pdp.decide(subscription).blockFirst()} with subscriptions built beforehand. Each holder of grants
 * (a principal or a role) is one policy set, whose target selects the subscriptions it applies to
 * ({@code subject.id == "..."}, or {@code "role" in subject.roles}) so SAPL's document index can
 * skip the others; each grant is one policy in it, exact matches as {@code ==} and prefixes as
 * SAPL's regular-expression operator {@code =~}. SAPL has no role hierarchy, so the subscription's
 * subject carries the principal's effective roles, resolved beforehand as Spring Security's role
 * hierarchy would. A call's arguments travel in the subscription's environment.
 */
final class SaplEngine implements PeerEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario scenario;
  private final EmbeddedPolicyDecisionPoint pdp;

  SaplEngine(Scenario scenario) {
    this.scenario = scenario;
    try {
      this.pdp =
          PolicyDecisionPointFactory.fixedInRamPolicyDecisionPoint(
              documents(scenario), PolicyDocumentCombiningAlgorithm.DENY_OVERRIDES, Map.of());
    } catch (InitializationException e) {
      throw new IllegalStateException("SAPL refused the policy of " + scenario, e);
    }
  }

  /** The scenario as SAPL documents: one policy set per holder of grants. */
  static List<String> documents(Scenario s) {
    Map<String, List<Grant>> byHolder = new LinkedHashMap<>();
    List<Grant> grants = new ArrayList<>(s.grants());
    grants.addAll(s.chainGrants());
    for (Grant g : grants) {
      byHolder
          .computeIfAbsent((g.role() ? "role:" : "principal:") + g.holder(), k -> new ArrayList<>())
          .add(g);
    }
    List<String> documents = new ArrayList<>();
    byHolder.forEach(
        (name, held) -> {
          Grant first = held.get(0);
          StringBuilder sb = new StringBuilder();
          sb.append("set \"")
              .append(name)
              .append("\"\ndeny-overrides\nfor ")
              .append(
                  first.role()
                      ? "\"" + first.holder() + "\" in subject.roles"
                      : "subject.id == \"" + first.holder() + "\"")
              .append('\n');
          for (Grant g : held) {
            sb.append("policy \"")
                .append(g.id())
                .append("\" ")
                .append(g.allow() ? "permit" : "deny");
            List<String> target = new ArrayList<>();
            if (!(g.tool().prefix() && g.tool().text().isEmpty())) {
              target.add(g.tool().sapl("action"));
            }
            if (!(g.resource().prefix() && g.resource().text().isEmpty())) {
              target.add(g.resource().sapl("resource"));
            }
            if (!target.isEmpty()) {
              sb.append(' ').append(String.join(" & ", target));
            }
            if (g.conditional()) {
              sb.append(" where environment.args.amount <= ").append(g.maxAmount()).append(';');
            }
            sb.append('\n');
          }
          documents.add(sb.toString());
        });
    return documents;
  }

  @Override
  public String name() {
    return "SAPL";
  }

  @Override
  public Object prepare(Check c) {
    String subject = Scenario.subject(c.chain());
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("id", subject);
    if (scenario.hasRoles()) {
      who.put("roles", List.copyOf(scenario.effectiveRoles(subject)));
    }
    JsonNode environment =
        c.amount() == Check.NO_AMOUNT
            ? null
            : JSON.valueToTree(Map.of("args", Map.of("amount", c.amount())));
    return new AuthorizationSubscription(
        JSON.valueToTree(who),
        JSON.valueToTree(c.tool()),
        JSON.valueToTree(c.resource()),
        environment);
  }

  @Override
  public boolean decide(Object prepared) {
    AuthorizationDecision d = pdp.decide((AuthorizationSubscription) prepared).blockFirst();
    if (d == null || d.getDecision() == Decision.INDETERMINATE) {
      throw new IllegalStateException("SAPL could not evaluate " + prepared + ": " + d);
    }
    return d.getDecision() == Decision.PERMIT;
  }
}
