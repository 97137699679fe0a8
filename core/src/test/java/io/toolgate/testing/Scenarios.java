package io.toolgate.testing;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Effect;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.PrincipalType;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of random policies, chains and requests over small universes. */
public final class Scenarios {
  private Scenarios() {}

  public static final Instant BASE = Instant.parse("2026-06-01T12:00:00Z");
  public static final List<String> PRINCIPALS = List.of("p0", "p1", "p2", "p3", "p4", "p5");
  public static final List<String> TOOLS =
      List.of("gh/list_issues", "gh/get_file", "gh/delete_repo", "fs/read_file", "fs/delete_file");
  public static final List<String> TOOL_PATTERNS =
      List.of(
          "gh/list_issues",
          "gh/get_file",
          "fs/read_file",
          "fs/delete_file",
          "gh/*",
          "*/read_file",
          "gh/list_*",
          "*/*",
          "fs/*_file",
          "*/delete_*");
  public static final List<String> RESOURCES =
      List.of(
          "",
          "repo:acme/api",
          "repo:acme/web",
          "repo:acme/secret-keys",
          "repo:other/x",
          "file:///srv/a.csv",
          "file:///srv/x/b.csv");
  public static final List<String> RESOURCE_PATTERNS =
      List.of(
          "repo:acme/*",
          "repo:acme/**",
          "repo:acme/secret-*",
          "repo:**",
          "file:///srv/*",
          "file:///srv/**",
          "**",
          "*",
          "repo:acme/api");
  public static final List<String> DELEGATION_IDS = List.of("d1", "d2", "d3");

  /**
   * Weights of the healthy against the unhealthy choices: active against suspended and
   * decommissioned (each), no expiry against one of {@link #instants()}, no kill switch of a kind
   * against one, an unrestricted hop scope against a narrowed one, a known principal in a chain
   * against an unknown one; the most principals with a delegation limit; and whether a chain's
   * principals are distinct (none unknown, none twice).
   */
  private record Odds(
      int active,
      int noExpiry,
      int noSwitch,
      int unrestricted,
      int known,
      int limits,
      boolean distinct) {}

  /** Freely drawn: most calls are denied. */
  private static final Odds DRAWN = new Odds(8, 7, 3, 1, 12, 2, false);

  /**
   * Drawn for {@link #granted()}: fewer inactive and expiring principals, switches, narrowed scopes
   * and delegation limits, and chains of distinct known principals.
   */
  private static final Odds HEALTHY = new Odds(98, 57, 19, 5, 25, 0, true);

  /** The resource id {@code value}; the empty string is {@link ResourceId#NONE}. */
  public static ResourceId resource(String value) {
    return value.isEmpty() ? ResourceId.NONE : ResourceId.of(value);
  }

  public static Arbitrary<Instant> instants() {
    return Arbitraries.integers().between(-3, 3).map(h -> BASE.plus(Duration.ofHours(h)));
  }

  private static Arbitrary<Principal> principal(int index, Odds odds) {
    String id = PRINCIPALS.get(index);
    Arbitrary<PrincipalType> type = Arbitraries.of(PrincipalType.class);
    Arbitrary<Integer> owner =
        index == 0
            ? Arbitraries.just(-1)
            : Arbitraries.integers().between(-1, index - 1).injectDuplicates(0.3);
    Arbitrary<LifecycleState> state =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(odds.active(), LifecycleState.ACTIVE),
            net.jqwik.api.Tuple.of(1, LifecycleState.SUSPENDED),
            net.jqwik.api.Tuple.of(1, LifecycleState.DECOMMISSIONED));
    Arbitrary<Instant> expiry =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.noExpiry(), Arbitraries.just(null)),
            net.jqwik.api.Tuple.of(3, instants()));
    return Combinators.combine(type, owner, state, expiry)
        .as(
            (t, o, s, e) -> {
              Principal.Builder b = Principal.builder(id, t).state(s);
              if (o >= 0) {
                b.owner(PRINCIPALS.get(o));
              }
              if (e != null) {
                b.expires(e);
              }
              return b.build();
            });
  }

  record EntrySpec(int principal, Effect effect, List<String> tools, List<String> resources) {}

  static Arbitrary<EntrySpec> entry() {
    return Combinators.combine(
            Arbitraries.integers().between(0, PRINCIPALS.size() - 1),
            Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, Effect.ALLOW), net.jqwik.api.Tuple.of(1, Effect.DENY)),
            Arbitraries.of(TOOL_PATTERNS).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(RESOURCE_PATTERNS).list().ofMaxSize(2))
        .as(EntrySpec::new);
  }

  /** Random policies: six principals, up to 14 entries, sometimes catalogs, depth 1..4. */
  public static Arbitrary<Policy> policies() {
    return policies(DRAWN);
  }

  /**
   * Random policies as {@link #policies()}, with the healthier odds of {@link #granted()}:
   * principals mostly active and without expiry.
   */
  public static Arbitrary<Policy> healthyPolicies() {
    return policies(HEALTHY);
  }

  private static Arbitrary<Policy> policies(Odds odds) {
    List<Arbitrary<Principal>> ps = new ArrayList<>();
    for (int i = 0; i < PRINCIPALS.size(); i++) {
      ps.add(principal(i, odds));
    }
    Arbitrary<List<Principal>> principals = Combinators.combine(ps).as(List::copyOf);
    Arbitrary<List<EntrySpec>> entries = entry().list().ofMaxSize(14);
    Arbitrary<List<String>> toolCatalog =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(7, Arbitraries.just(List.<String>of())),
            net.jqwik.api.Tuple.of(3, Arbitraries.of(TOOLS).set().ofMinSize(1).map(List::copyOf)));
    Arbitrary<List<String>> resourceCatalog =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(List.<String>of())),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.of(RESOURCES.subList(1, RESOURCES.size()))
                    .set()
                    .ofMinSize(1)
                    .map(List::copyOf)));
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 4);
    Arbitrary<java.util.Map<String, Integer>> limits =
        Arbitraries.maps(Arbitraries.of(PRINCIPALS), Arbitraries.integers().between(0, 2))
            .ofMaxSize(odds.limits());
    return Combinators.combine(principals, entries, toolCatalog, resourceCatalog, depth, limits)
        .as(
            (pl, es, tc, rc, d, lim) -> {
              Policy.Builder b = Policy.builder().maxDelegationDepth(d);
              lim.forEach(b::delegationLimit);
              pl.forEach(b::principal);
              tc.forEach(t -> b.tool(Tool.of(ToolId.parse(t))));
              rc.forEach(r -> b.resource(Resource.of(ResourceId.of(r))));
              for (EntrySpec e : es) {
                String p = PRINCIPALS.get(e.principal());
                // With a catalog, patterns that match no catalog tool are invalid: keep the others.
                List<String> tools =
                    tc.isEmpty()
                        ? e.tools()
                        : e.tools().stream()
                            .filter(
                                t ->
                                    tc.stream()
                                        .anyMatch(
                                            id -> ToolPattern.parse(t).matches(ToolId.parse(id))))
                            .toList();
                if (tools.isEmpty()) {
                  continue;
                }
                if (e.effect() == Effect.ALLOW) {
                  if (e.resources().isEmpty()) {
                    b.allow(p, tools.toArray(String[]::new));
                  } else {
                    b.allow(p, tools, e.resources());
                  }
                } else {
                  if (e.resources().isEmpty()) {
                    b.deny(p, tools.toArray(String[]::new));
                  } else {
                    b.deny(p, tools, e.resources());
                  }
                }
              }
              return b.build();
            });
  }

  public static Arbitrary<DelegationScope> scopes() {
    return scopes(DRAWN);
  }

  private static Arbitrary<DelegationScope> scopes(Odds odds) {
    Arbitrary<List<String>> tools = Arbitraries.of(TOOL_PATTERNS).list().ofMaxSize(2);
    Arbitrary<List<String>> resources = Arbitraries.of(RESOURCE_PATTERNS).list().ofMaxSize(2);
    Arbitrary<Instant> expiry =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(7, Arbitraries.just(null)),
            net.jqwik.api.Tuple.of(3, instants()));
    Arbitrary<Integer> further =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(7, Arbitraries.just(-1)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 3)));
    Arbitrary<DelegationScope> narrowed =
        Combinators.combine(tools, resources, expiry, further)
            .as(
                (t, r, e, f) -> {
                  DelegationScope.Builder b =
                      DelegationScope.builder().tools(t.toArray(String[]::new));
                  if (!r.isEmpty()) {
                    b.resources(r.toArray(String[]::new));
                  }
                  if (e != null) {
                    b.expires(e);
                  }
                  if (f >= 0) {
                    b.maxFurtherHops(f);
                  }
                  return b.build();
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(odds.unrestricted(), Arbitraries.just(DelegationScope.UNRESTRICTED)),
        net.jqwik.api.Tuple.of(1, narrowed));
  }

  public static Arbitrary<Delegation> hops() {
    return hops(DRAWN);
  }

  private static Arbitrary<Delegation> hops(Odds odds) {
    Arbitrary<String> who =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.known(), Arbitraries.of(PRINCIPALS)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("ghost")));
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just(null)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(DELEGATION_IDS)));
    return Combinators.combine(who, scopes(odds), id)
        .as(
            (w, s, i) -> {
              Delegation d = Delegation.to(w).withScope(s);
              return i == null ? d : d.withId(i);
            });
  }

  /** Chains of 1..5 principals, sometimes naming an unknown one or one twice. */
  public static Arbitrary<DelegationChain> chains() {
    return chains(DRAWN);
  }

  private static Arbitrary<DelegationChain> chains(Odds odds) {
    if (odds.distinct()) {
      // The principals in a shuffled order, each hop taking the next one.
      return Combinators.combine(Arbitraries.shuffle(PRINCIPALS), hops(odds).list().ofMaxSize(4))
          .as(
              (ids, hs) -> {
                DelegationChain c = DelegationChain.of(ids.get(0));
                for (int i = 0; i < hs.size(); i++) {
                  Delegation h = Delegation.to(ids.get(i + 1)).withScope(hs.get(i).scope());
                  c = c.then(hs.get(i).id().map(h::withId).orElse(h));
                }
                return c;
              });
    }
    Arbitrary<String> origin =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.known(), Arbitraries.of(PRINCIPALS)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("ghost")));
    return Combinators.combine(origin, hops(odds).list().ofMaxSize(4))
        .as(
            (o, hs) -> {
              DelegationChain c = DelegationChain.of(o);
              for (Delegation h : hs) {
                c = c.then(h);
              }
              return c;
            });
  }

  /**
   * Random scenarios, half of them drawn freely and half {@link #granted()}: about one in five
   * allowed, and every core reason of denial. Freely drawn scenarios are almost all denied (about
   * 1% allowed; an inactive or expired principal, a missing entry or an exceeded depth take most);
   * granted ones make allowed calls, explicit denies and delegation refusals common too.
   */
  public static Arbitrary<Scenario> scenarios() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, drawn(DRAWN)), net.jqwik.api.Tuple.of(1, granted()))
        // Edge cases (the first principal, no entries, the earliest instant...) would come from
        // the free draw alone and take a third of the tries, nearly all denied.
        .withoutEdgeCases();
  }

  /**
   * Scenarios drawn with healthier odds ({@link #HEALTHY}), whose chain members are then granted
   * their own call ({@link #grant}): about two in five are allowed.
   */
  public static Arbitrary<Scenario> granted() {
    return drawn(HEALTHY).flatMap(Scenarios::grant).withoutEdgeCases();
  }

  private static Arbitrary<Scenario> drawn(Odds odds) {
    Arbitrary<Set<String>> suspended = Arbitraries.of(PRINCIPALS).set().ofMaxSize(1);
    Arbitrary<Set<String>> decommissioned = Arbitraries.of(PRINCIPALS).set().ofMaxSize(1);
    Arbitrary<Set<ToolId>> disabled = Arbitraries.of(TOOLS).map(ToolId::parse).set().ofMaxSize(1);
    Arbitrary<Set<String>> revoked = Arbitraries.of(DELEGATION_IDS).set().ofMaxSize(1);
    Arbitrary<Set<String>> none = Arbitraries.just(new HashSet<>());
    Arbitrary<Set<String>> maybeSuspended =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.noSwitch(), none), net.jqwik.api.Tuple.of(1, suspended));
    Arbitrary<Set<String>> maybeDecommissioned =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.noSwitch() + 1, none),
            net.jqwik.api.Tuple.of(1, decommissioned));
    Arbitrary<Set<ToolId>> maybeDisabled =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(odds.noSwitch() + 1, Arbitraries.just(Set.<ToolId>of())),
            net.jqwik.api.Tuple.of(1, disabled));
    Arbitrary<ToolId> tool = Arbitraries.of(TOOLS).map(ToolId::parse);
    Arbitrary<ResourceId> resource = Arbitraries.of(RESOURCES).map(Scenarios::resource);
    return Combinators.combine(
            policies(odds),
            maybeSuspended,
            maybeDecommissioned,
            maybeDisabled,
            revoked,
            chains(odds),
            tool,
            resource)
        .flatAs(
            (p, s, dc, di, r, c, t, res) ->
                instants().map(now -> new Scenario(p, s, dc, di, r, c, t, res, now)));
  }

  /** An allow entry for one member of a chain, or none. */
  private record Grant(boolean given, String tool, List<String> resources) {}

  /**
   * {@code s} with grants for its own call: each known member of the chain, most of the time, an
   * allow entry whose patterns match the tool and the resource; a tool catalog without the tool,
   * and a resource catalog without the resource, most of the time gain it; the delegation depth,
   * most of the time, admits the chain. Denies, lifecycle, kill switches, scopes and delegation
   * limits stay as drawn.
   */
  private static Arbitrary<Scenario> grant(Scenario s) {
    Policy policy = s.policy();
    List<String> members =
        s.chain().principals().stream()
            .distinct()
            .filter(p -> policy.principal(p).isPresent())
            .toList();
    List<String> toolPatterns =
        TOOL_PATTERNS.stream()
            .filter(p -> ReferenceGlob.matches(p, s.tool().qualifiedName()))
            .toList();
    List<String> resourcePatterns =
        RESOURCE_PATTERNS.stream()
            .filter(p -> ReferenceGlob.matches(p, s.resource().value()))
            .toList();
    Arbitrary<List<String>> resources =
        resourcePatterns.isEmpty()
            ? Arbitraries.just(List.of())
            : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(resourcePatterns).map(List::of)));
    Arbitrary<Grant> grant =
        Combinators.combine(
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(12, true), net.jqwik.api.Tuple.of(1, false)),
                Arbitraries.of(toolPatterns),
                resources)
            .as(Grant::new);
    Arbitrary<Boolean> mostly =
        Arbitraries.frequency(net.jqwik.api.Tuple.of(7, true), net.jqwik.api.Tuple.of(1, false));
    return Combinators.combine(grant.list().ofSize(members.size()), mostly, mostly, mostly)
        .as(
            (grants, addTool, addResource, admitDepth) -> {
              Policy.Builder b = policy.toBuilder();
              boolean toolKnown =
                  !policy.hasToolCatalog()
                      || policy.tools().stream().anyMatch(t -> t.id().equals(s.tool()));
              if (!toolKnown && addTool) {
                b.tool(Tool.of(s.tool()));
                toolKnown = true;
              }
              if (policy.hasResourceCatalog()
                  && !s.resource().isNone()
                  && addResource
                  && policy.resources().stream().noneMatch(r -> r.id().equals(s.resource()))) {
                b.resource(Resource.of(s.resource()));
              }
              if (admitDepth) {
                b.maxDelegationDepth(Math.max(policy.maxDelegationDepth(), s.chain().depth()));
              }
              // With a catalog that lacks the tool, a pattern for it would name no catalog tool.
              for (int i = 0; toolKnown && i < members.size(); i++) {
                Grant g = grants.get(i);
                if (g.given()) {
                  if (g.resources().isEmpty()) {
                    b.allow(members.get(i), g.tool());
                  } else {
                    b.allow(members.get(i), List.of(g.tool()), g.resources());
                  }
                }
              }
              return s.withPolicy(b.build());
            });
  }
}
