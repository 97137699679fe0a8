package io.toolgate.benchmarks.peers;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cedar-java (the {@code uber} jar's native Cedar engine over JNI). Each grant is one {@code
 * permit} or {@code forbid}: the holder in the principal scope ({@code ==} a principal, {@code in}
 * a role), an exact tool as the action, and prefixes as {@code like} conditions on the request
 * context ({@code context.tool}, {@code context.resource}, {@code context.amount}). Roles are
 * entities whose parents are the roles they inherit.
 *
 * <p>As cedar-java's own JMH benchmark does, the policy set is parsed once and cached on the native
 * side ({@link PolicySet#cache()}), and requests and entities are built once. Entities cannot be
 * cached natively in cedar-java 4.10, so each call passes, and Cedar re-reads, the request's entity
 * slice: the principal and the roles it holds (not the whole role directory), which is how Cedar is
 * meant to be fed.
 */
final class CedarEngine implements PeerEngine {
  private static final EntityTypeName PRINCIPAL = type("Principal");
  private static final EntityTypeName ROLE = type("Role");
  private static final EntityTypeName ACTION = type("Action");
  private static final EntityTypeName RESOURCE = type("Resource");

  private final Scenario scenario;
  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final Map<String, Set<Entity>> slices = new HashMap<>();

  /** A prepared call: the request and the entities it needs. */
  private record Call(AuthorizationRequest request, Set<Entity> entities) {}

  CedarEngine(Scenario scenario) {
    this.scenario = scenario;
    try {
      this.policies = PolicySet.parsePolicies(policyText(scenario));
      policies.cache();
    } catch (InternalException | CacheException e) {
      throw new IllegalStateException("Cedar refused the policy of " + scenario, e);
    }
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }

  /** The scenario as Cedar policies, one per grant. */
  static String policyText(Scenario s) {
    StringBuilder sb = new StringBuilder();
    List<Grant> grants = new ArrayList<>(s.grants());
    grants.addAll(s.chainGrants());
    for (Grant g : grants) {
      sb.append(g.allow() ? "permit" : "forbid")
          .append(" (principal ")
          .append(g.role() ? "in Role::\"" : "== Principal::\"")
          .append(g.holder())
          .append("\", action");
      List<String> when = new ArrayList<>();
      if (g.tool().prefix()) {
        if (!g.tool().text().isEmpty()) {
          when.add(g.tool().cedar("context.tool"));
        }
      } else {
        sb.append(" == Action::\"").append(g.tool().text()).append('"');
      }
      sb.append(", resource)");
      if (!(g.resource().prefix() && g.resource().text().isEmpty())) {
        when.add(g.resource().cedar("context.resource"));
      }
      if (g.conditional()) {
        when.add("context.amount <= " + g.maxAmount());
      }
      if (!when.isEmpty()) {
        sb.append(" when { ").append(String.join(" && ", when)).append(" }");
      }
      sb.append(";\n");
    }
    return sb.toString();
  }

  @Override
  public String name() {
    return "cedar-java";
  }

  @Override
  public Object prepare(Check c) {
    String subject = Scenario.subject(c.chain());
    Map<String, Value> context = new HashMap<>();
    context.put("tool", new PrimString(c.tool()));
    context.put("resource", new PrimString(c.resource()));
    if (c.amount() != Check.NO_AMOUNT) {
      context.put("amount", new PrimLong(c.amount()));
    }
    AuthorizationRequest request =
        new AuthorizationRequest(
            PRINCIPAL.of(subject), ACTION.of(c.tool()), RESOURCE.of(c.resource()), context);
    return new Call(request, slices.computeIfAbsent(subject, this::slice));
  }

  /** The principal's entity and those of every role it holds, each with its parents. */
  private Set<Entity> slice(String subject) {
    Set<Entity> entities = new LinkedHashSet<>();
    Set<EntityUID> assigned = new HashSet<>();
    for (String r : scenario.assignments().getOrDefault(subject, List.of())) {
      assigned.add(ROLE.of(r));
    }
    entities.add(new Entity(PRINCIPAL.of(subject), Map.of(), assigned));
    for (String r : scenario.effectiveRoles(subject)) {
      Set<EntityUID> parents = new HashSet<>();
      scenario.roleParents().get(r).forEach(p -> parents.add(ROLE.of(p)));
      entities.add(new Entity(ROLE.of(r), Map.of(), parents));
    }
    return Set.copyOf(entities);
  }

  @Override
  public boolean decide(Object prepared) {
    Call call = (Call) prepared;
    try {
      AuthorizationResponse response =
          engine.isAuthorized(call.request(), policies, call.entities());
      if (response.success.isEmpty()) {
        throw new IllegalStateException(
            "Cedar could not evaluate " + call.request() + ": " + response.errors);
      }
      return response.success.get().isAllowed();
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar could not evaluate " + call.request(), e);
    }
  }
}
