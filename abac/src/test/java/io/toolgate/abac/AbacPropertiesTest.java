package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.PrincipalType;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.testing.MutableClock;
import io.toolgate.testing.ReferenceEvaluator;
import io.toolgate.testing.ReferenceGlob;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random rules from a small condition grammar, random principals, arguments, environments and
 * instants: the engine's answer (partial evaluation, cached residuals, closures) must equal a naive
 * evaluation of every whole condition by CEL's own runtime on the same inputs, and must not depend
 * on what the cache saw before.
 */
@StatisticsReport(onFailureOnly = true)
class AbacPropertiesTest {

  static final Instant BASE = Instant.parse("2025-01-13T00:00:00Z"); // a Monday
  static final List<ToolId> TOOLS =
      List.of(
          ToolId.parse("pay/transfer"), ToolId.parse("files/read"), ToolId.parse("files/delete"));
  static final List<ResourceId> RESOURCES =
      List.of(ResourceId.of("acct:1"), ResourceId.of("acct:2"), ResourceId.NONE);

  /** Everything one property run needs. */
  record World(
      List<Principal> principals,
      List<Rule> rules,
      Map<String, List<String>> allows,
      DelegationChain chain,
      ToolId tool,
      ResourceId resource,
      Map<String, Object> args,
      Map<String, Object> env,
      Instant now) {

    Policy policy(ConditionEngine engine) {
      Policy.Builder b =
          Policy.builder()
              .tool(new Tool(TOOLS.get(0), ToolAnnotations.UNANNOTATED, Map.of("risk", "high")))
              .tool(Tool.of(TOOLS.get(1), ToolAnnotations.READ_ONLY))
              .tool(
                  new Tool(
                      TOOLS.get(2),
                      new ToolAnnotations(false, true, false, false),
                      Map.of("risk", "low")))
              .resource(new Resource(RESOURCES.get(0), Map.of("owner", "u1", "limit", 100)))
              .resource(new Resource(RESOURCES.get(1), Map.of("owner", "u2")));
      principals.forEach(b::principal);
      allows.forEach((p, tools) -> b.allow(p, tools.toArray(String[]::new)));
      return b.module(AbacPolicy.builder().rules(rules).conditionEngine(engine).build()).build();
    }

    /** The same world with {@code value} as its rules. */
    World withRules(List<Rule> value) {
      return new World(principals, value, allows, chain, tool, resource, args, env, now);
    }

    Request request() {
      return Request.builder(chain, tool)
          .resource(resource)
          .arguments(args)
          .environment(env)
          .build();
    }

    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder("World{")
              .append(chain)
              .append(" calls ")
              .append(tool)
              .append(" on ")
              .append(resource)
              .append(" args=")
              .append(args)
              .append(" env=")
              .append(env)
              .append(" at ")
              .append(now)
              .append("\n  principals=")
              .append(principals)
              .append("\n  allows=")
              .append(allows);
      rules.forEach(
          r ->
              s.append("\n  ")
                  .append(r.effect())
                  .append(' ')
                  .append(r.id())
                  .append(' ')
                  .append(r.tools())
                  .append(r.resources())
                  .append(r.principalTypes())
                  .append(" when ")
                  .append(r.condition()));
      return s.append('}').toString();
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  static Arbitrary<String> atom() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 10, 100, 1000).map(n -> "args.amount <= " + n),
        Arbitraries.of(0, 10, 100, 1000).map(n -> "args.amount > " + n),
        Arbitraries.of("10", "10.0", "100").map(n -> "args.amount == " + n),
        Arbitraries.integers().between(0, 24).map(h -> "env.hour < " + h),
        Arbitraries.integers().between(0, 24).map(h -> "env.hour >= " + h),
        Arbitraries.of("env.region == 'eu'", "env.region in ['eu', 'us']", "env.weekday <= 5"),
        Arbitraries.of(
            "principal.attributes.team == 'finance'",
            "principal.attributes.level >= 3",
            "principal.type == 'agent'",
            "principal.owner == 'u1'",
            "principal.id == 'u1'",
            "'x' in principal.attributes"),
        Arbitraries.of(
            "resource.attributes.owner == principal.id",
            "args.amount <= resource.attributes.limit",
            "resource.id.endsWith('1')"),
        Arbitraries.of(
            "tool.annotations.destructive",
            "tool.attributes.risk == 'high'",
            "tool.server == 'files'"),
        Arbitraries.of(
            "args.name.startsWith('ab')",
            "size(args.name) < 3",
            "'x' in args.tags",
            "has(args.amount)",
            "args.flag",
            "args.name.contains(env.region)"),
        Arbitraries.of(
            "args.amount * 2 < 100", "args.tags.exists(t, t == 'y')", "int(env.hour) % 2 == 0"),
        Arbitraries.of("true", "false"));
  }

  static Arbitrary<String> condition(int depth) {
    if (depth == 0) {
      return atom();
    }
    Arbitrary<String> sub = condition(depth - 1);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, atom()),
        net.jqwik.api.Tuple.of(
            3, Combinators.combine(sub, sub).as((a, b) -> "(" + a + " && " + b + ")")),
        net.jqwik.api.Tuple.of(
            3, Combinators.combine(sub, sub).as((a, b) -> "(" + a + " || " + b + ")")),
        net.jqwik.api.Tuple.of(1, sub.map(a -> "!(" + a + ")")),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(sub, sub, sub)
                .as((c, a, b) -> "(" + c + " ? " + a + " : " + b + ")")));
  }

  static Arbitrary<Rule> rule() {
    return Combinators.combine(
            Arbitraries.of(Effect.ALLOW, Effect.ALLOW, Effect.DENY),
            Arbitraries.of(
                List.of("*/*"),
                List.of("pay/*"),
                List.of("files/*"),
                List.of("files/read", "pay/transfer")),
            Arbitraries.of(List.<String>of(), List.of("acct:*"), List.of("acct:1")),
            Arbitraries.of(
                Set.<PrincipalType>of(), Set.of(PrincipalType.AGENT), Set.of(PrincipalType.USER)),
            condition(3))
        .as(
            (effect, tools, resources, types, when) -> {
              Rule.Builder rb = Rule.builder("r", effect).tools(tools);
              if (!resources.isEmpty()) { // no resources: every resource, written as an omission
                rb.resources(resources);
              }
              return rb.principalTypes(types.toArray(PrincipalType[]::new)).when(when).build();
            });
  }

  static Arbitrary<Map<String, Object>> attributes() {
    Arbitrary<Optional<Object>> team =
        Arbitraries.of(Optional.empty(), Optional.of("finance"), Optional.of("support"));
    Arbitrary<Optional<Object>> level =
        Arbitraries.of(
            Optional.empty(),
            Optional.of(1L),
            Optional.of(3L),
            Optional.of(4.5),
            Optional.of("high"));
    Arbitrary<Optional<Object>> x = Arbitraries.of(Optional.empty(), Optional.of(true));
    return Combinators.combine(team, level, x)
        .as(
            (t, l, xx) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              t.ifPresent(v -> m.put("team", v));
              l.ifPresent(v -> m.put("level", v));
              xx.ifPresent(v -> m.put("x", v));
              return m;
            });
  }

  static Arbitrary<Map<String, Object>> args() {
    Arbitrary<Optional<Object>> amount =
        Arbitraries.oneOf(
            Arbitraries.just(Optional.empty()),
            Arbitraries.longs().between(-5, 2000).map(Optional::of),
            Arbitraries.of(5L, 10L, 50L, 100L, 101L).map(Optional::of),
            Arbitraries.of(9.5, 10.0, 10.5, 100.0, 100.5, -0.0, 1e300).map(Optional::of),
            Arbitraries.of(
                    "ten",
                    Long.MAX_VALUE,
                    new BigInteger("100"),
                    new BigInteger("99999999999999999999"))
                .map(Optional::of));
    Arbitrary<Optional<Object>> name =
        Arbitraries.of(
            Optional.empty(),
            Optional.of("abc"),
            Optional.of("a"),
            Optional.of("xeuy"),
            Optional.of(7L));
    Arbitrary<Optional<Object>> tags =
        Arbitraries.of(
            Optional.empty(),
            Optional.of(List.of()),
            Optional.of(List.of("x")),
            Optional.of(List.of("y", "x")),
            Optional.of("x"));
    Arbitrary<Optional<Object>> flag =
        Arbitraries.of(Optional.empty(), Optional.of(true), Optional.of(false), Optional.of("yes"));
    return Combinators.combine(amount, name, tags, flag)
        .as(
            (a, n, t, f) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              a.ifPresent(v -> m.put("amount", v));
              n.ifPresent(v -> m.put("name", v));
              t.ifPresent(v -> m.put("tags", v));
              f.ifPresent(v -> m.put("flag", v));
              return m;
            });
  }

  static Arbitrary<Map<String, Object>> env() {
    Arbitrary<Optional<Object>> region =
        Arbitraries.of(Optional.empty(), Optional.of("eu"), Optional.of("us"), Optional.of("asia"));
    Arbitrary<Optional<Object>> hour =
        Arbitraries.of(
            Optional.empty(),
            Optional.empty(),
            Optional.of(3L),
            Optional.of(12L),
            Optional.of("noon"));
    return Combinators.combine(region, hour)
        .as(
            (r, h) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              r.ifPresent(v -> m.put("region", v));
              h.ifPresent(v -> m.put("hour", v));
              return m;
            });
  }

  @Provide
  Arbitrary<World> worlds() {
    Arbitrary<List<Principal>> principals =
        Combinators.combine(attributes(), attributes(), attributes(), attributes())
            .as(
                (a, b, c, d) ->
                    List.of(
                        Principal.user("u1").attributes(a).build(),
                        Principal.user("u2").attributes(b).build(),
                        Principal.agent("a1").owner("u1").attributes(c).build(),
                        Principal.agent("a2").owner("u2").attributes(d).build()));
    Arbitrary<List<Rule>> rules =
        rule()
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                list -> {
                  List<Rule> out = new ArrayList<>();
                  for (int i = 0; i < list.size(); i++) {
                    Rule r = list.get(i);
                    out.add(
                        new Rule(
                            "r" + i,
                            r.effect(),
                            r.tools(),
                            r.resources(),
                            r.principals(),
                            r.principalTypes(),
                            r.roles(),
                            r.condition()));
                  }
                  return out;
                });
    Arbitrary<Map<String, List<String>>> allows =
        Arbitraries.of(
            Map.<String, List<String>>of(),
            Map.of("u1", List.of("*/*")),
            Map.of("a1", List.of("files/*")),
            Map.of("u1", List.of("*/*"), "u2", List.of("pay/*"), "a2", List.of("*/*")));
    Arbitrary<DelegationChain> chains =
        Arbitraries.of(
            DelegationChain.of("u1"),
            DelegationChain.of("u2"),
            DelegationChain.of("a1"),
            DelegationChain.of("u1").then("a1"),
            DelegationChain.of("u2").then("a2"),
            DelegationChain.of("u1").then("a2"));
    Arbitrary<Instant> instants =
        Arbitraries.integers().between(0, 24 * 7 - 1).map(h -> BASE.plus(Duration.ofHours(h)));
    return Combinators.combine(
            principals,
            rules,
            allows,
            chains,
            Arbitraries.of(TOOLS),
            Arbitraries.of(RESOURCES),
            args(),
            env())
        .as((p, r, a, c, t, res, ar, en) -> new World(p, r, a, c, t, res, ar, en, BASE))
        .flatMap(
            w ->
                instants.map(
                    now ->
                        new World(
                            w.principals(),
                            w.rules(),
                            w.allows(),
                            w.chain(),
                            w.tool(),
                            w.resource(),
                            w.args(),
                            w.env(),
                            now)));
  }

  // ---- the reference: whole conditions through CEL, patterns through ReferenceGlob, no index ---

  enum Outcome {
    TRUE,
    FALSE,
    ERROR
  }

  static Outcome celOutcome(Rule rule, Principal p, Tool tool, Resource resource, World w) {
    List<String> problems = new ArrayList<>();
    CelAbstractSyntaxTree ast =
        CelEnvironment.check(rule.id(), rule.condition().text(), problems)
            .orElseThrow(() -> new AssertionError(problems));
    Activation.Statics s = CompiledAbac.statics(p, Set.of(), tool, resource);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("principal", s.principal());
    vars.put("tool", s.tool());
    vars.put("resource", s.resource());
    try {
      vars.put("args", Values.normalize(w.request().arguments(), "args"));
    } catch (EvaluationError inexact) {
      // unreadable, as in the engine: reading args is an error
    }
    ZonedDateTime local = w.now().atZone(ZoneOffset.UTC);
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("now", w.now().toString());
    env.put("hour", (long) local.getHour());
    env.put("weekday", (long) local.getDayOfWeek().getValue());
    env.putAll(w.request().environment());
    vars.put("env", Values.normalize(env, "env"));
    try {
      Object v = CelEnvironment.runtime().createProgram(ast).eval(vars);
      return v instanceof Boolean b ? (b ? Outcome.TRUE : Outcome.FALSE) : Outcome.ERROR;
    } catch (CelEvaluationException e) {
      return Outcome.ERROR;
    }
  }

  static Tool tool(World w, Policy policy) {
    return policy.tools().stream().filter(t -> t.id().equals(w.tool())).findFirst().orElseThrow();
  }

  static Resource resource(World w, Policy policy) {
    return policy.resources().stream()
        .filter(r -> r.id().equals(w.resource()))
        .findFirst()
        .orElse(Resource.of(w.resource()));
  }

  /** Whether the rule's tool, resource and type targets match {@code p} in the world's call. */
  static boolean targeted(Rule r, World w, Principal p) {
    return r.tools().stream()
            .anyMatch(t -> ReferenceGlob.matches(t.toString(), w.tool().qualifiedName()))
        && (r.resources().isEmpty()
            || r.resources().stream()
                .anyMatch(x -> ReferenceGlob.matches(x.toString(), w.resource().value())))
        && (r.principalTypes().isEmpty() || r.principalTypes().contains(p.type()));
  }

  static Effect reference(World w, Policy policy) {
    Tool tool = tool(w, policy);
    Resource resource = resource(w, policy);
    boolean everyHopAllowed = true;
    for (String id : w.chain().principals()) {
      Principal p = policy.principal(id).orElseThrow();
      boolean allowed =
          policy.entries().getOrDefault(id, List.of()).stream()
              .anyMatch(
                  e ->
                      e.effect() == Effect.ALLOW
                          && ReferenceEvaluator.covers(e, w.tool(), w.resource()));
      for (Rule r : w.rules()) {
        if (!targeted(r, w, p)) {
          continue;
        }
        Outcome o = celOutcome(r, p, tool, resource, w);
        if (r.effect() == Effect.DENY && o != Outcome.FALSE) {
          return Effect.DENY; // holds, or fails closed
        }
        if (r.effect() == Effect.ALLOW && o == Outcome.TRUE) {
          allowed = true;
        }
      }
      everyHopAllowed &= allowed;
    }
    return everyHopAllowed ? Effect.ALLOW : Effect.DENY;
  }

  static DecisionEngine engine(Policy policy, World w, long cacheSize) {
    return DecisionEngine.builder(policy)
        .clock(new MutableClock(w.now()))
        .cacheSize(cacheSize)
        .build();
  }

  /** What must agree between engines: everything but the wording of error messages. */
  record Shape(
      Effect effect,
      io.toolgate.Reason reason,
      List<String> ruleIds,
      int hop,
      List<String> errorSources) {
    static Shape of(Decision d) {
      return new Shape(
          d.effect(),
          d.reason(),
          d.ruleIds(),
          d.refusingHop().orElse(-1),
          d.errors().stream().map(io.toolgate.DecisionError::source).toList());
    }
  }

  // ---- properties ---------------------------------------------------------------------------

  @Property(tries = 1500)
  void decide_randomRules_equalsWholeConditionEvaluationByCel(@ForAll("worlds") World w) {
    Policy compiled = w.policy(ConditionEngine.COMPILED);
    Decision d = engine(compiled, w, 0).decide(w.request());
    assertThat(d.effect()).as("%s\n-> %s", w, d).isEqualTo(reference(w, compiled));
    Statistics.label("reason").collect(d.reason());
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).percentage(p -> p > 10);
              c.check(Reason.NOT_PERMITTED).percentage(p -> p > 10);
              c.check(Reason.CONDITION_FAILED).percentage(p -> p > 5);
              c.check(Reason.EXPLICIT_DENY).percentage(p -> p > 1.5);
              c.check(Reason.ERROR).count(n -> n > 10);
            });
  }

  @Property(tries = 700)
  void decide_compiledEngine_agreesWithCelRuntimeButForMessages(@ForAll("worlds") World w) {
    Decision closures = engine(w.policy(ConditionEngine.COMPILED), w, 0).decide(w.request());
    Decision cel = engine(w.policy(ConditionEngine.CEL_RUNTIME), w, 0).decide(w.request());
    assertThat(Shape.of(closures))
        .as("%s\nclosures %s\ncel %s", w, closures, cel)
        .isEqualTo(Shape.of(cel));
    Statistics.label("reason").collect(cel.reason());
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).percentage(p -> p > 8);
              c.check(Reason.ERROR).count(n -> n > 3);
            });
  }

  @Property(tries = 700)
  void decide_warmCache_answersExactlyAsColdEngine(
      @ForAll("worlds") World w, @ForAll("worlds") World other) {
    Policy policy = w.policy(ConditionEngine.COMPILED);
    MutableClock clock = new MutableClock(other.now());
    DecisionEngine warm = DecisionEngine.builder(policy).clock(clock).build();
    // Warm the cache with the same (chain, tool, resource) under other arguments, environment and
    // time,
    // and with other keys.
    Request sameKeyOtherInputs =
        Request.builder(w.chain(), w.tool())
            .resource(w.resource())
            .arguments(other.args())
            .environment(other.env())
            .build();
    warm.decide(sameKeyOtherInputs);
    warm.decide(
        Request.builder(other.chain(), other.tool())
            .resource(other.resource())
            .arguments(other.args())
            .build());
    clock.set(w.now());
    Decision cold = engine(policy, w, 0).decide(w.request());
    assertThat(warm.decide(w.request())).as("%s", w).isEqualTo(cold);
    assertThat(warm.cachedResiduals()).isPositive();
    Statistics.label("effect").collect(cold.effect());
    Statistics.label("effect").coverage(c -> c.check(Effect.ALLOW).percentage(p -> p > 8));
  }
}
