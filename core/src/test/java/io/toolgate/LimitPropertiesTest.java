package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * For random limits and random call sequences, a caching and an uncached engine (each with its own
 * local store, on one test clock) answer call for call what a simple reference model answers: the
 * policy's decision without limits, then, for an allow, one count per distinct (rule, limit, key)
 * in the current fixed window, all or nothing; so the calls allowed per key per window never exceed
 * the limit.
 */
@StatisticsReport(onFailureOnly = true)
class LimitPropertiesTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final List<String> ENTRIES = List.of("alice-pay", "bob-pay", "bot-pay", "helper-pay");
  static final List<ToolId> TOOLS =
      List.of(ToolId.parse("payments/transfer"), ToolId.parse("payments/balance"));
  static final List<DelegationChain> CHAINS =
      List.of(
          DelegationChain.of("alice"),
          DelegationChain.of("bob"),
          DelegationChain.of("bot"),
          DelegationChain.of("alice").then(Delegation.to("bot").withId("s1")),
          DelegationChain.of("alice").then(Delegation.to("bot").withId("s2")),
          DelegationChain.of("bob").then("bot"),
          DelegationChain.of("alice")
              .then(Delegation.to("bot").withId("s1"))
              .then(Delegation.to("helper").withId("s9")),
          DelegationChain.of("bob").then("helper"));

  /** One call: who, which tool, and how far the clock moves first. */
  record Call(DelegationChain chain, ToolId tool, long advanceMillis) {}

  /** A limit on one entry. */
  record OnEntry(String entry, Limit limit) {}

  static Policy policy(List<OnEntry> limits) {
    Policy.Builder b =
        Policy.builder()
            .version("p")
            .principal(Principal.user("alice").build())
            .principal(Principal.user("bob").build())
            .principal(Principal.agent("bot").build())
            .principal(Principal.agent("helper").build())
            .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
            .entry("bob", AccessEntry.allow("bob-pay", "payments/*"))
            .entry("bot", AccessEntry.allow("bot-pay", "payments/*"))
            .entry("helper", AccessEntry.allow("helper-pay", "payments/balance"));
    for (OnEntry l : limits) {
      b.limit(l.entry(), l.limit());
    }
    return b.build();
  }

  @Provide
  Arbitrary<List<OnEntry>> limits() {
    Arbitrary<Limit> limit =
        Combinators.combine(
                Arbitraries.longs().between(1, 4),
                Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1)),
                Arbitraries.of(Limit.Per.class),
                Arbitraries.of(
                    List.<String>of(), List.of("payments/transfer"), List.of("payments/*")))
            .as(
                (calls, window, per, tools) ->
                    Limit.of(calls, window, per, tools.toArray(new String[0])));
    return Combinators.combine(
            Arbitraries.of("alice-pay", "bob-pay", "bot-pay", "alice-pay", "bot-pay", "helper-pay"),
            limit)
        .as(OnEntry::new)
        .filter(
            l ->
                !l.entry().equals("helper-pay")
                    || !l.limit().tools().contains(ToolPattern.parse("payments/transfer")))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Call>> calls() {
    return Combinators.combine(
            Arbitraries.of(CHAINS),
            Arbitraries.of(TOOLS),
            Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 0L),
                net.jqwik.api.Tuple.of(3, 400L),
                net.jqwik.api.Tuple.of(2, 1_000L),
                net.jqwik.api.Tuple.of(1, 4_700L),
                net.jqwik.api.Tuple.of(1, 61_000L)))
        .as(Call::new)
        .list()
        .ofMinSize(5)
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void enginesAgreeWithTheReferenceModel(
      @ForAll("limits") List<OnEntry> limits, @ForAll("calls") List<Call> calls) {
    Policy policy = policy(limits);
    MutableClock clock = new MutableClock(T0);
    DecisionEngine cached = DecisionEngine.builder(policy).clock(clock).build();
    DecisionEngine uncached = DecisionEngine.builder(policy).clock(clock).cacheSize(0).build();
    DecisionEngine unlimited = DecisionEngine.builder(policy(List.of())).clock(clock).build();
    Model model = new Model(limits);
    Map<String, Integer> allowedPerWindow = new HashMap<>();
    boolean limited = false;
    boolean allowedAfterLimited = false;
    for (Call c : calls) {
      clock.advance(Duration.ofMillis(c.advanceMillis()));
      Request r = Request.of(c.chain(), c.tool(), ResourceId.NONE);
      Decision policyOnly = unlimited.decide(r);
      long now = clock.millis();
      Model.Outcome expected = model.decide(policyOnly, c.chain(), c.tool(), now);
      Decision a = cached.decide(r);
      Decision b = uncached.decide(r);
      assertThat(a).isEqualTo(b);
      assertThat(a.reason()).as("%s at %s", c, now).isEqualTo(expected.reason());
      assertThat(a.retryAt()).isEqualTo(java.util.Optional.ofNullable(expected.retryAt()));
      if (a.isAllowed()) {
        allowedAfterLimited |= limited;
        for (String counter : model.counters(policyOnly, c.chain(), c.tool(), now)) {
          allowedPerWindow.merge(counter, 1, Integer::sum);
        }
      }
      limited |= a.reason() == Reason.RATE_LIMITED;
    }
    allowedPerWindow.forEach(
        (counter, n) -> assertThat((long) n).as(counter).isLessThanOrEqualTo(Model.calls(counter)));
    Statistics.label("rate limited").collect(limited);
    Statistics.label("allowed again after a denial").collect(allowedAfterLimited);
    Statistics.label("rate limited").coverage(cov -> cov.check(true).percentage(p -> p > 30));
    Statistics.label("allowed again after a denial")
        .coverage(cov -> cov.check(true).percentage(p -> p > 10));
  }

  /** Counts per (rule, limit, key, window index), written without the engine's code. */
  static final class Model {
    private final Map<String, List<Limit>> byEntry = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    Model(List<OnEntry> limits) {
      for (OnEntry l : limits) {
        byEntry.computeIfAbsent(l.entry(), k -> new ArrayList<>()).add(l.limit());
      }
    }

    record Outcome(Reason reason, Instant retryAt) {}

    /** The counter names of an allowed call: {@code calls|window|rule|limit|key|windowIndex}. */
    List<String> counters(Decision allowed, DelegationChain chain, ToolId tool, long now) {
      Set<String> out = new LinkedHashSet<>();
      for (String rule : allowed.ruleIds()) {
        for (Limit l : byEntry.getOrDefault(rule, List.of())) {
          boolean counts = l.tools().isEmpty() || l.tools().stream().anyMatch(p -> p.matches(tool));
          if (counts) {
            long w = l.window().toMillis();
            out.add(
                l.calls()
                    + "|"
                    + w
                    + "|"
                    + rule
                    + "|"
                    + l
                    + "|"
                    + key(l.per(), chain)
                    + "|"
                    + now / w);
          }
        }
      }
      return new ArrayList<>(out);
    }

    static long calls(String counter) {
      return Long.parseLong(counter.substring(0, counter.indexOf('|')));
    }

    static long window(String counter) {
      String[] parts = counter.split("\\|");
      return Long.parseLong(parts[1]);
    }

    Outcome decide(Decision policyOnly, DelegationChain chain, ToolId tool, long now) {
      if (!policyOnly.isAllowed()) {
        return new Outcome(policyOnly.reason(), null);
      }
      List<String> cs = counters(policyOnly, chain, tool, now);
      long retry = -1;
      for (String c : cs) {
        if (counts.getOrDefault(c, 0) >= calls(c)) {
          long w = window(c);
          retry = Math.max(retry, (now / w + 1) * w);
        }
      }
      if (retry >= 0) {
        return new Outcome(Reason.RATE_LIMITED, Instant.ofEpochMilli(retry));
      }
      cs.forEach(c -> counts.merge(c, 1, Integer::sum));
      return new Outcome(Reason.PERMITTED, null);
    }

    static String key(Limit.Per per, DelegationChain chain) {
      List<String> principals = chain.principals();
      switch (per) {
        case PRINCIPAL:
          return "p:" + principals.get(principals.size() - 1);
        case ORIGIN:
          return "o:" + principals.get(0);
        default:
          return chain.hops().stream()
              .map(h -> h.id().orElse(null))
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .map(id -> "s:" + id)
              .orElse("o:" + principals.get(0));
      }
    }
  }
}
