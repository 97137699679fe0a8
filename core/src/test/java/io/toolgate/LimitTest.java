package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Consumption;
import io.toolgate.spi.LimitCounter;
import io.toolgate.spi.LimitStore;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Quotas on entries and rules: counted after the decision, for allowed calls only. */
class LimitTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId BALANCE = ToolId.parse("payments/balance");
  static final ResourceId NONE = ResourceId.NONE;

  final MutableClock clock = new MutableClock(T0);

  static Policy.Builder base() {
    return Policy.builder()
        .version("limits-1")
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("bot").build())
        .principal(Principal.agent("helper").build())
        .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
        .entry("bob", AccessEntry.allow("bob-pay", "payments/*"))
        .entry("bot", AccessEntry.allow("bot-pay", "payments/*"))
        .entry("helper", AccessEntry.allow("helper-pay", "payments/balance"));
  }

  DecisionEngine engine(Policy policy) {
    return DecisionEngine.builder(policy).clock(clock).build();
  }

  static Limit limit(long calls, Duration window, Limit.Per per, String... tools) {
    return Limit.of(calls, window, per, tools);
  }

  @Test
  void exactlyNCallsPerWindow_thenRateLimitedUntilTheNextWindow() {
    DecisionEngine e =
        engine(
            base()
                .limit(
                    "alice-pay",
                    limit(3, Duration.ofHours(1), Limit.Per.ORIGIN, "payments/transfer"))
                .build());
    List<Decision> ds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ds.add(e.decide("alice", TRANSFER, NONE));
    }
    assertThat(ds).extracting(Decision::isAllowed).containsExactly(true, true, true, false, false);
    Decision denied = ds.get(3);
    assertThat(denied.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(denied.ruleIds()).containsExactly("alice-pay");
    assertThat(denied.retryAt()).contains(Instant.parse("2026-11-22T11:00:00Z"));
    assertThat(denied.detail())
        .contains("3/1h per origin on [payments/transfer]", "origin:alice", "2026-11-22T11:00:00Z");
    assertThat(ds.get(0).retryAt()).isEmpty();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
    // Tools the limit does not name are not counted.
    assertThat(e.decide("alice", BALANCE, NONE).isAllowed()).isTrue();

    clock.set(Instant.parse("2026-11-22T10:59:59.999Z"));
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
    clock.set(Instant.parse("2026-11-22T11:00:00Z"));
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.decide("alice", TRANSFER, NONE).reason()).isEqualTo(Reason.RATE_LIMITED);
  }

  @Test
  void windowsAreAlignedToTheEpoch_notToTheFirstCall() {
    clock.set(Instant.parse("2026-11-22T10:59:50Z"));
    DecisionEngine e =
        engine(
            base().limit("alice-pay", limit(1, Duration.ofMinutes(1), Limit.Per.ORIGIN)).build());
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    Decision d = e.decide("alice", TRANSFER, NONE);
    assertThat(d.retryAt()).contains(Instant.parse("2026-11-22T11:00:00Z"));
    clock.set(Instant.parse("2026-11-22T11:00:00Z"));
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
  }

  @Test
  void aCallThePolicyDenies_consumesNothing() {
    DecisionEngine e =
        engine(base().limit("alice-pay", limit(2, Duration.ofHours(1), Limit.Per.ORIGIN)).build());
    DelegationChain viaHelper = DelegationChain.of("alice").then("helper");
    for (int i = 0; i < 5; i++) {
      // alice's entry allows her hop, but helper may not transfer: denied, nothing counted.
      assertThat(e.decide(Request.of(viaHelper, TRANSFER, NONE)).reason())
          .isEqualTo(Reason.NOT_PERMITTED);
    }
    e.suspend("alice");
    assertThat(e.decide("alice", TRANSFER, NONE).reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    e.reinstate("alice");
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
  }

  @Test
  void aCallDeniedByASecondLimit_consumesNothingFromTheFirst() {
    DecisionEngine e =
        engine(
            base()
                .limit("alice-pay", limit(4, Duration.ofHours(1), Limit.Per.ORIGIN))
                .limit(
                    "alice-pay",
                    limit(1, Duration.ofHours(1), Limit.Per.PRINCIPAL, "payments/transfer"))
                .build());
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue(); // both: 3 and 0 left
    for (int i = 0; i < 3; i++) {
      Decision d = e.decide("alice", TRANSFER, NONE);
      assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
      assertThat(d.detail()).contains("1/1h per principal");
    }
    // The first limit still has 3 calls for what the second does not count.
    assertThat(e.canInvoke("alice", BALANCE, NONE)).isTrue();
    assertThat(e.canInvoke("alice", BALANCE, NONE)).isTrue();
    assertThat(e.canInvoke("alice", BALANCE, NONE)).isTrue();
    Decision d = e.decide("alice", BALANCE, NONE);
    assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(d.detail()).contains("4/1h per origin");
  }

  @Test
  void perPrincipal_perOrigin_perSession_countDifferentKeys() {
    Duration h = Duration.ofHours(1);
    DecisionEngine perPrincipal =
        engine(base().limit("bot-pay", limit(1, h, Limit.Per.PRINCIPAL)).build());
    DecisionEngine perOrigin =
        engine(base().limit("bot-pay", limit(1, h, Limit.Per.ORIGIN)).build());
    DecisionEngine perSession =
        engine(base().limit("bot-pay", limit(1, h, Limit.Per.SESSION)).build());
    DelegationChain aliceS1 = DelegationChain.of("alice").then(Delegation.to("bot").withId("s1"));
    DelegationChain aliceS2 = DelegationChain.of("alice").then(Delegation.to("bot").withId("s2"));
    DelegationChain bobS3 = DelegationChain.of("bob").then(Delegation.to("bot").withId("s3"));

    // Per principal: bot is the caller in every chain, one call in all.
    assertThat(perPrincipal.canInvoke(aliceS1, TRANSFER, NONE)).isTrue();
    assertThat(perPrincipal.canInvoke(bobS3, TRANSFER, NONE)).isFalse();
    assertThat(perPrincipal.canInvoke("bot", TRANSFER, NONE)).isFalse();

    // Per origin: one for alice's chains, one for bob's.
    assertThat(perOrigin.canInvoke(aliceS1, TRANSFER, NONE)).isTrue();
    assertThat(perOrigin.canInvoke(aliceS2, TRANSFER, NONE)).isFalse();
    assertThat(perOrigin.canInvoke(bobS3, TRANSFER, NONE)).isTrue();

    // Per session: one per delegation id, a sub-agent's calls counting toward its parent's session.
    assertThat(perSession.canInvoke(aliceS1, TRANSFER, NONE)).isTrue();
    assertThat(perSession.canInvoke(aliceS2, TRANSFER, NONE)).isTrue();
    DelegationChain sub = aliceS1.then(Delegation.to("helper").withId("s9"));
    assertThat(perSession.decide(Request.of(sub, BALANCE, NONE)).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    // Without a delegation id the call is counted per origin: leaving the id out escapes nothing.
    DelegationChain noId = DelegationChain.of("bob").then("bot");
    assertThat(perSession.canInvoke(noId, TRANSFER, NONE)).isTrue();
    assertThat(perSession.canInvoke(DelegationChain.of("bob").then("bot"), BALANCE, NONE))
        .isFalse();
  }

  @Test
  void aRuleMetAtTwoHops_countsTheCallOnce() {
    PolicyModule shared =
        new SharedRuleModule(List.of(limit(2, Duration.ofHours(1), Limit.Per.ORIGIN)));
    DecisionEngine e = engine(base().module(shared).build());
    DelegationChain chain = DelegationChain.of("alice").then("bot");
    assertThat(e.decide(Request.of(chain, TRANSFER, NONE)).ruleIds())
        .containsExactly("alice-pay", "shared", "bot-pay", "shared");
    assertThat(e.canInvoke(chain, TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke(chain, TRANSFER, NONE)).isFalse();
  }

  @Test
  void modulesAttachLimitsToTheirRules_throughTheSpi_conditionalAllowsToo() {
    PolicyModule shared =
        new SharedRuleModule(List.of(limit(2, Duration.ofMinutes(1), Limit.Per.PRINCIPAL)), true);
    Policy policy =
        Policy.builder()
            .version("m-1")
            .principal(Principal.user("carol").build())
            .module(shared)
            .build();
    assertThat(policy.limits()).containsOnlyKeys("shared");
    assertThat(policy.entryLimits()).isEmpty();
    for (DecisionEngine e :
        List.of(engine(policy), DecisionEngine.builder(policy).clock(clock).cacheSize(0).build())) {
      assertThat(e.canInvoke("carol", TRANSFER, NONE)).isTrue();
      assertThat(e.canInvoke("carol", BALANCE, NONE)).isTrue();
      assertThat(e.decide("carol", TRANSFER, NONE).reason()).isEqualTo(Reason.RATE_LIMITED);
    }
  }

  @Test
  void cachedAndUncachedEngines_agreeCallForCall() {
    Policy policy =
        base()
            .limit("alice-pay", limit(3, Duration.ofSeconds(10), Limit.Per.ORIGIN))
            .limit(
                "bot-pay", limit(2, Duration.ofSeconds(30), Limit.Per.SESSION, "payments/transfer"))
            .build();
    DecisionEngine cached = engine(policy);
    DecisionEngine uncached = DecisionEngine.builder(policy).clock(clock).cacheSize(0).build();
    List<Request> requests =
        List.of(
            Request.of("alice", TRANSFER, NONE),
            Request.of(
                DelegationChain.of("alice").then(Delegation.to("bot").withId("s1")),
                TRANSFER,
                NONE),
            Request.of(DelegationChain.of("bob").then("bot"), TRANSFER, NONE),
            Request.of(DelegationChain.of("alice").then("helper"), TRANSFER, NONE));
    int limited = 0;
    for (int step = 0; step < 60; step++) {
      Request r = requests.get(step % requests.size());
      Decision a = cached.decide(r);
      Decision b = uncached.decide(r);
      assertThat(a).isEqualTo(b);
      limited += a.reason() == Reason.RATE_LIMITED ? 1 : 0;
      clock.advance(Duration.ofMillis(1_700));
    }
    assertThat(limited).isPositive();
  }

  @Test
  void concurrentDeciders_neverExceedTheLimit() throws Exception {
    DecisionEngine e =
        engine(
            base()
                .limit("alice-pay", limit(50, Duration.ofHours(1), Limit.Per.ORIGIN))
                .limit("bot-pay", limit(30, Duration.ofHours(1), Limit.Per.PRINCIPAL))
                .build());
    DelegationChain viaBot = DelegationChain.of("alice").then("bot");
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<int[]>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean chain = t % 2 == 0;
      results.add(
          pool.submit(
              () -> {
                start.await();
                int[] allowed = new int[2];
                for (int i = 0; i < 200; i++) {
                  if (chain
                      ? e.canInvoke(viaBot, TRANSFER, NONE)
                      : e.canInvoke("alice", TRANSFER, NONE)) {
                    allowed[chain ? 1 : 0]++;
                  }
                }
                return allowed;
              }));
    }
    start.countDown();
    int direct = 0;
    int viaBotAllowed = 0;
    for (Future<int[]> f : results) {
      int[] a = f.get(60, TimeUnit.SECONDS);
      direct += a[0];
      viaBotAllowed += a[1];
    }
    pool.shutdown();
    assertThat(direct + viaBotAllowed).isLessThanOrEqualTo(50);
    assertThat(viaBotAllowed).isLessThanOrEqualTo(30);
    // 800 tries for 50 calls: the origin's limit is used up (a racing give-back may deny a call
    // that later finds a token, never allow an extra one).
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
  }

  @Test
  void concurrentDeciders_onOneCounter_getExactlyN() throws Exception {
    DecisionEngine e =
        engine(
            base().limit("alice-pay", limit(100, Duration.ofHours(1), Limit.Per.ORIGIN)).build());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      results.add(
          pool.submit(
              () -> {
                int allowed = 0;
                for (int i = 0; i < 100; i++) {
                  allowed += e.canInvoke("alice", TRANSFER, NONE) ? 1 : 0;
                }
                return allowed;
              }));
    }
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(total).isEqualTo(100);
  }

  @Test
  void countersOfAnUnchangedLimit_surviveAPolicySwap_aChangedLimitStartsAfresh() {
    Limit two = limit(2, Duration.ofHours(1), Limit.Per.ORIGIN);
    DecisionEngine e = engine(base().limit("alice-pay", two).build());
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    e.suspend("bob");

    e.replacePolicy(base().version("limits-2").limit("alice-pay", two).build());
    assertThat(e.decide("alice", TRANSFER, NONE).reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(e.decide("bob", TRANSFER, NONE).reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);

    e.replacePolicy(
        base()
            .version("limits-3")
            .limit("alice-pay", limit(3, Duration.ofHours(1), Limit.Per.ORIGIN))
            .build());
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();

    e.replacePolicy(base().version("limits-4").build());
    for (int i = 0; i < 10; i++) {
      assertThat(e.canInvoke("alice", TRANSFER, NONE)).isTrue();
    }
  }

  @Test
  void aFailingStore_deniesWithError() {
    LimitStore broken =
        counters -> {
          throw new IllegalStateException("store down");
        };
    DecisionEngine e =
        DecisionEngine.builder(
                base().limit("alice-pay", limit(5, Duration.ofHours(1), Limit.Per.ORIGIN)).build())
            .clock(clock)
            .limitStore(broken)
            .build();
    Decision d = e.decide("alice", TRANSFER, NONE);
    assertThat(d.reason()).isEqualTo(Reason.ERROR);
    assertThat(d.errors()).extracting(DecisionError::source).containsExactly("limits");
    assertThat(e.canInvoke("alice", TRANSFER, NONE)).isFalse();
    // Calls no limit applies to never reach the store.
    assertThat(e.canInvoke("bob", TRANSFER, NONE)).isTrue();
  }

  @Test
  void aPluggedStore_isAskedForTheCountersOfAllowedCallsOnly() {
    List<List<LimitCounter>> asked = new CopyOnWriteArrayList<>();
    Instant next = Instant.parse("2026-11-22T10:05:00Z");
    LimitStore store =
        counters -> {
          asked.add(List.copyOf(counters));
          return asked.size() < 2
              ? Consumption.Consumed.INSTANCE
              : new Consumption.Exhausted(0, next);
        };
    DecisionEngine e =
        DecisionEngine.builder(
                base().limit("bot-pay", limit(7, Duration.ofMinutes(5), Limit.Per.SESSION)).build())
            .clock(clock)
            .limitStore(store)
            .build();
    DelegationChain chain = DelegationChain.of("alice").then(Delegation.to("bot").withId("d-1"));
    assertThat(e.canInvoke(chain, TRANSFER, NONE)).isTrue();
    assertThat(e.canInvoke(DelegationChain.of("alice").then("helper"), TRANSFER, NONE)).isFalse();
    Decision d = e.decide(Request.of(chain, TRANSFER, NONE));
    assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(d.retryAt()).contains(next);
    assertThat(asked).hasSize(2);
    assertThat(asked.get(0))
        .containsExactly(
            new LimitCounter("bot-pay#7/5m per session", "session:d-1", 7, Duration.ofMinutes(5)));
  }

  @Test
  void badLimits_areReportedWhenThePolicyIsBuilt() {
    Limit any = limit(1, Duration.ofHours(1), Limit.Per.ORIGIN);
    assertThatThrownBy(
            () ->
                base()
                    .deny("alice", "payments/refund")
                    .limit("nope", any)
                    .limit("alice/deny/0", any)
                    .limit("alice-pay", limit(1, Duration.ofHours(1), Limit.Per.ORIGIN, "github/x"))
                    .build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("a limit names entry 'nope', which is not defined")
        .hasMessageContaining("'alice/deny/0', a deny entry")
        .hasMessageContaining("names no tool the entry allows");
    assertThatThrownBy(() -> limit(0, Duration.ofHours(1), Limit.Per.ORIGIN))
        .hasMessageContaining("at least 1 call");
    assertThatThrownBy(() -> limit(1, Duration.ZERO, Limit.Per.ORIGIN))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> limit(1, Duration.ofNanos(1_500_000), Limit.Per.ORIGIN))
        .hasMessageContaining("whole number of milliseconds");
  }

  @Test
  void limitsChangeTheVersionDigest_andSurviveToBuilder() {
    Policy plain = base().build();
    Policy a =
        Policy.builder()
            .principal(Principal.user("u").build())
            .entry("u", AccessEntry.allow("e", "a/b"))
            .build();
    Policy b =
        Policy.builder()
            .principal(Principal.user("u").build())
            .entry("u", AccessEntry.allow("e", "a/b"))
            .limit("e", limit(1, Duration.ofHours(1), Limit.Per.ORIGIN))
            .build();
    assertThat(plain.limits()).isEmpty();
    assertThat(a.version()).isNotEqualTo(b.version());
    assertThat(b.toBuilder().build().version()).isEqualTo(b.version());
    assertThat(b.toBuilder().build().entryLimits()).isEqualTo(b.entryLimits());
  }

  @Test
  void windows_parseAndFormat() {
    assertThat(Limit.parseWindow("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Limit.parseWindow("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Limit.parseWindow("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Limit.parseWindow("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Limit.parseWindow("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Limit.parseWindow("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    for (String bad : List.of("", "h", "1", "1w", "-1h", "1.5h", "PTx", "1 h")) {
      assertThatThrownBy(() -> Limit.parseWindow(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a window is");
    }
    assertThat(Limit.formatWindow(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Limit.formatWindow(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(Limit.formatWindow(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Limit.Per.parse("session")).isEqualTo(Limit.Per.SESSION);
    assertThatThrownBy(() -> Limit.Per.parse("user"))
        .hasMessageContaining("principal, origin or session");
  }

  @Test
  void idleBuckets_areDroppedAfterAWindow() {
    LocalLimitStore store = LocalLimitStore.over(clock);
    LimitCounter c = new LimitCounter("l", "origin:a", 1, Duration.ofMinutes(1));
    assertThat(store.tryConsume(List.of(c))).isEqualTo(Consumption.Consumed.INSTANCE);
    assertThat(store.tryConsume(List.of(c))).isInstanceOf(Consumption.Exhausted.class);
    assertThat(store.buckets()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.buckets()).isZero();
    assertThat(store.tryConsume(List.of(c))).isEqualTo(Consumption.Consumed.INSTANCE);
  }

  /**
   * A module with one rule, {@code shared}, allowing {@code payments/*} to every principal (with a
   * condition that always holds when asked), carrying the given limits.
   */
  record SharedRuleModule(List<Limit> limits, boolean conditional) implements PolicyModule {
    SharedRuleModule(List<Limit> limits) {
      this(limits, false);
    }

    @Override
    public String name() {
      return "shared";
    }

    @Override
    public String fingerprint() {
      return limits + "/" + conditional;
    }

    @Override
    public CompiledModule compile(PolicyView view) {
      return new CompiledModule() {
        @Override
        public void evaluate(Query query, Verdicts verdicts) {
          if (query.tool().id().server().equals("payments")) {
            if (conditional) {
              verdicts.allowIf("shared", context -> true);
            } else {
              verdicts.allow("shared");
            }
          }
        }

        @Override
        public Map<String, List<Limit>> limits() {
          return Map.of("shared", limits);
        }
      };
    }
  }
}
