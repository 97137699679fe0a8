package io.toolgate.benchmarks.peers;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.abac.AbacPolicy;
import io.toolgate.abac.Rule;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Toolgate, with its residual cache (the default) or without it ({@code cacheSize(0)}: every
 * decision compiled from the policy). Principal entries go to the core whitelist, roles to {@code
 * toolgate-rbac}, conditional entries either to {@code toolgate-abac} as CEL rules ({@link
 * Conditions#CEL}, what a user writes) or to {@link ConditionModule}, a Java condition on core's
 * SPI ({@link Conditions#JAVA}, the floor a hand-written plug-in reaches); the chain is a real
 * {@link DelegationChain} with a {@link DelegationScope} per hop. Direct calls without arguments
 * use {@code canInvoke(principal, tool, resource)}, chains {@code canInvoke(chain, tool,
 * resource)}, calls with arguments {@code decide(request)}.
 */
final class ToolgateEngine implements PeerEngine {
  /** How the scenario's argument conditions are written. */
  enum Conditions {
    /** A Java lambda in a benchmark {@code PolicyModule} ({@link ConditionModule}). */
    JAVA,
    /** A {@code toolgate-abac} allow rule per conditional grant: {@code args.amount <= LIMIT}. */
    CEL
  }

  private final boolean cached;
  private final Conditions conditions;
  private final Scenario scenario;
  private final DecisionEngine engine;
  private final Map<List<String>, DelegationChain> chains = new HashMap<>();

  /** A request as Toolgate's API takes it. */
  private interface Call {
    boolean on(DecisionEngine engine);
  }

  private record Direct(String principal, ToolId tool, ResourceId resource) implements Call {
    @Override
    public boolean on(DecisionEngine engine) {
      return engine.canInvoke(principal, tool, resource);
    }
  }

  private record Chained(DelegationChain chain, ToolId tool, ResourceId resource) implements Call {
    @Override
    public boolean on(DecisionEngine engine) {
      return engine.canInvoke(chain, tool, resource);
    }
  }

  private record WithArguments(Request request) implements Call {
    @Override
    public boolean on(DecisionEngine engine) {
      return engine.decide(request).isAllowed();
    }
  }

  ToolgateEngine(Scenario scenario, boolean cached) {
    this(scenario, cached, Conditions.JAVA);
  }

  ToolgateEngine(Scenario scenario, boolean cached, Conditions conditions) {
    this.scenario = scenario;
    this.cached = cached;
    this.conditions = conditions;
    DecisionEngine.Builder b = DecisionEngine.builder(policy(scenario, conditions));
    this.engine = (cached ? b : b.cacheSize(0)).build();
  }

  /** The scenario as a Toolgate policy, its conditions in Java. */
  static Policy policy(Scenario s) {
    return policy(s, Conditions.JAVA);
  }

  /** The scenario as a Toolgate policy, its conditions written as {@code conditions} says. */
  static Policy policy(Scenario s, Conditions conditions) {
    Policy.Builder b = Policy.builder();
    for (String p : s.principals()) {
      b.principal(Principal.user(p).build());
    }
    List<Grant> conditional = new ArrayList<>();
    Map<String, Role.Builder> roles = new HashMap<>();
    s.roleParents()
        .forEach(
            (role, parents) ->
                roles.put(role, Role.builder(role).inherits(parents.toArray(String[]::new))));
    for (Grant g : s.grants()) {
      List<String> tools = List.of(g.tool().toolgateTool());
      List<String> resources = List.of(g.resource().toolgateResource());
      if (g.conditional()) {
        if (g.role()) {
          throw new UnsupportedOperationException("conditional role grants: " + g);
        }
        conditional.add(g);
      } else if (g.role()) {
        Role.Builder r = roles.get(g.holder());
        if (g.allow()) {
          r.allow(tools, resources);
        } else {
          r.deny(tools, resources);
        }
      } else if (g.allow()) {
        b.allow(g.holder(), tools, resources);
      } else {
        b.deny(g.holder(), tools, resources);
      }
    }
    if (s.hasRoles()) {
      RbacPolicy.Builder rbac = RbacPolicy.builder();
      s.roleParents().keySet().forEach(r -> rbac.role(roles.get(r).build()));
      s.assignments().forEach((p, assigned) -> rbac.assign(p, assigned.toArray(String[]::new)));
      b.module(rbac.build());
    }
    if (!conditional.isEmpty()) {
      b.module(
          conditions == Conditions.CEL ? celRules(conditional) : new ConditionModule(conditional));
    }
    return b.build();
  }

  /** One CEL allow rule per conditional grant, scoped to its holder, tool and resource. */
  static AbacPolicy celRules(List<Grant> conditional) {
    AbacPolicy.Builder abac = AbacPolicy.builder();
    for (Grant g : conditional) {
      abac.rule(
          Rule.allow(g.id())
              .principals(g.holder())
              .tools(g.tool().toolgateTool())
              .resources(g.resource().toolgateResource())
              .when("args.amount <= " + g.maxAmount())
              .build());
    }
    return abac.build();
  }

  @Override
  public String name() {
    String variant = conditions == Conditions.CEL ? "Toolgate CEL" : "Toolgate";
    return variant + (cached ? " cached" : " uncached");
  }

  DecisionEngine engine() {
    return engine;
  }

  @Override
  public Object prepare(Check c) {
    ToolId tool = ToolId.parse(c.tool());
    ResourceId resource = ResourceId.of(c.resource());
    if (scenario.usesArguments()) {
      Request.Builder r = Request.builder(chain(c.chain()), tool).resource(resource);
      if (c.amount() != Check.NO_AMOUNT) {
        r.arguments(Map.of("amount", c.amount()));
      }
      return new WithArguments(r.build());
    }
    return c.chain().size() == 1
        ? new Direct(c.actor(), tool, resource)
        : new Chained(chain(c.chain()), tool, resource);
  }

  private DelegationChain chain(List<String> principals) {
    return chains.computeIfAbsent(
        principals,
        ps -> {
          DelegationChain chain = DelegationChain.of(ps.get(0));
          for (int i = 1; i < ps.size(); i++) {
            Scope scope = scenario.scopes().get(i - 1);
            chain =
                chain.then(
                    ps.get(i),
                    DelegationScope.builder()
                        .tools(
                            scope.tools().stream().map(Match::toolgateTool).toArray(String[]::new))
                        .resources(
                            scope.resources().stream()
                                .map(Match::toolgateResource)
                                .toArray(String[]::new))
                        .build());
          }
          return chain;
        });
  }

  @Override
  public boolean decide(Object prepared) {
    return ((Call) prepared).on(engine);
  }
}
