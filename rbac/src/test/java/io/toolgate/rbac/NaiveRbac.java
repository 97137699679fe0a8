package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.testing.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference model: walks the role graph on every call, tests every entry of every role linearly
 * (with core's reference matcher, {@link ReferenceEvaluator#covers}), and knows nothing of bit
 * sets, interning, indexes or the engine's pattern matching.
 */
final class NaiveRbac {
  private static final Pattern TENANT = Pattern.compile("repo:([^/]+)/.*");

  private final RbacWorld world;

  NaiveRbac(RbacWorld world) {
    this.world = world;
  }

  /** What the reference decides: effect, reason, rule ids (as a set), refusing hop. */
  record Outcome(Effect effect, Reason reason, Set<String> ruleIds, int refusingHop) {}

  Role role(String name) {
    return world.roles().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  /** {@code name} and every ancestor, by a depth-first walk of the parents. */
  void walkUp(String name, Set<String> into) {
    if (into.add(name)) {
      for (String p : role(name).parents()) {
        walkUp(p, into);
      }
    }
  }

  String owner(String principal) {
    return world.principals().stream()
        .filter(p -> p.id().equals(principal))
        .findFirst()
        .flatMap(Principal::owner)
        .orElse(null);
  }

  /** The roles {@code principal} holds in {@code tenant} (null: none). */
  Set<String> held(String principal, String tenant) {
    Set<String> out = new HashSet<>();
    for (Assignment a : world.assignments()) {
      if (!a.principal().equals(principal)) {
        continue;
      }
      if (a.tenant().isPresent() && !a.tenant().get().equals(tenant)) {
        continue;
      }
      if (a.isBoundedByOwner() && !held(owner(principal), tenant).contains(a.role())) {
        continue;
      }
      walkUp(a.role(), out);
    }
    return out;
  }

  /** The roles active: every held role, or the closure of the named ones that are held. */
  Set<String> active(String principal, String tenant, io.toolgate.Session session) {
    Set<String> held = held(principal, tenant);
    if (session.activeRoles().isEmpty()) {
      return held;
    }
    Set<String> out = new HashSet<>();
    for (String r : session.activeRoles().get()) {
      if (held.contains(r)) {
        walkUp(r, out);
      }
    }
    return out;
  }

  static List<SodConstraint> of(List<SodConstraint> all, SodConstraint.Kind kind) {
    return all.stream().filter(c -> c.kind() == kind).toList();
  }

  static boolean violates(Set<String> roles, SodConstraint c) {
    return c.roles().stream().filter(roles::contains).count() >= c.cardinality();
  }

  /** Every (principal, tenant, constraint) static violation. */
  List<String> staticViolations() {
    List<String> found = new ArrayList<>();
    Set<String> tenants = new LinkedHashSet<>();
    tenants.add(null);
    world.assignments().forEach(a -> a.tenant().ifPresent(tenants::add));
    for (Principal p : world.principals()) {
      for (String t : tenants) {
        Set<String> held = held(p.id(), t);
        for (SodConstraint c : of(world.constraints(), SodConstraint.Kind.STATIC)) {
          if (violates(held, c)) {
            found.add(p.id() + "/" + t + "/" + c.name());
          }
        }
      }
    }
    return found;
  }

  String resourceTenant(ResourceId resource) {
    if (!world.tenantPattern()) {
      return null;
    }
    Matcher m = TENANT.matcher(resource.value());
    return m.matches() ? m.group(1) : null;
  }

  Outcome decide(Request request) {
    ToolId tool = request.tool();
    ResourceId resource = request.resource();
    String sessionTenant = request.session().tenant().orElse(null);
    String resourceTenant = resourceTenant(resource);
    List<String> chain = request.chain().principals();
    Set<String> allAllows = new LinkedHashSet<>();
    List<Set<String>> allows = new ArrayList<>();
    for (int hop = 0; hop < chain.size(); hop++) {
      String p = chain.get(hop);
      Set<String> hopAllows = new LinkedHashSet<>();
      Set<String> denies = new LinkedHashSet<>();
      Reason reason = null;
      for (RbacWorld.WhitelistEntry w : world.whitelist()) {
        if (w.principal().equals(p) && ReferenceEvaluator.covers(w.entry(), tool, resource)) {
          if (w.entry().effect() == Effect.DENY) {
            denies.add(w.entry().id());
            reason = Reason.EXPLICIT_DENY;
          } else {
            hopAllows.add(w.entry().id());
          }
        }
      }
      if (resourceTenant != null
          && sessionTenant != null
          && !resourceTenant.equals(sessionTenant)) {
        denies.add("rbac:tenant-mismatch");
        reason = reason == null ? Reason.EXPLICIT_DENY : reason;
      } else {
        String tenant = resourceTenant != null ? resourceTenant : sessionTenant;
        Set<String> active = active(p, tenant, request.session());
        List<SodConstraint> violated =
            of(world.constraints(), SodConstraint.Kind.DYNAMIC).stream()
                .filter(c -> violates(active, c))
                .toList();
        if (!violated.isEmpty()) {
          violated.forEach(c -> denies.add("sod:" + c.name()));
          reason = reason == null ? Reason.SEPARATION_OF_DUTY : reason;
        } else {
          for (String r : active) {
            for (AccessEntry e : role(r).entries()) {
              if (ReferenceEvaluator.covers(e, tool, resource)) {
                if (e.effect() == Effect.DENY) {
                  denies.add(e.id());
                  reason = reason == null ? Reason.EXPLICIT_DENY : reason;
                } else {
                  hopAllows.add(e.id());
                }
              }
            }
          }
        }
      }
      if (!denies.isEmpty()) {
        return new Outcome(Effect.DENY, reason, denies, hop);
      }
      allows.add(hopAllows);
      allAllows.addAll(hopAllows);
    }
    for (int hop = 0; hop < allows.size(); hop++) {
      if (allows.get(hop).isEmpty()) {
        return new Outcome(Effect.DENY, Reason.NOT_PERMITTED, Set.of(), hop);
      }
    }
    return new Outcome(Effect.ALLOW, Reason.PERMITTED, allAllows, -1);
  }
}
