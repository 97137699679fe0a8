package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final ToolId LIST_ISSUES = ToolId.parse("github/list_issues");
  static final ToolId DELETE_REPO = ToolId.parse("github/delete_repo");
  static final ToolId READ_FILE = ToolId.parse("fs/read_file");
  static final ResourceId API = ResourceId.of("repo:acme/api");
  static final ResourceId SECRET = ResourceId.of("repo:acme/secret-keys");

  final MutableClock clock = new MutableClock(T0);

  static Policy.Builder basePolicy() {
    return Policy.builder()
        .version("test-1")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("triage-bot").owner("alice").build())
        .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
        .allow("triage-bot", List.of("github/list_*", "github/get_*"), List.of("repo:acme/**"))
        .deny("triage-bot", List.of("github/list_*"), List.of("repo:acme/secret-*"));
  }

  DecisionEngine engine(Policy policy) {
    return DecisionEngine.builder(policy).clock(clock).build();
  }

  @Test
  void decide_allowedEntry_permitsAndNamesTheEntry() {
    Decision d = engine(basePolicy().build()).decide("triage-bot", LIST_ISSUES, API);
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reason()).isEqualTo(Reason.PERMITTED);
    assertThat(d.ruleIds()).containsExactly("triage-bot/allow/0");
    assertThat(d.policyVersion()).isEqualTo("test-1");
  }

  @Test
  void decide_nothingMatches_deniesByDefault() {
    Decision d = engine(basePolicy().build()).decide("triage-bot", DELETE_REPO, API);
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(d.refusingPrincipal()).contains("triage-bot");
    assertThat(d.refusingHop()).hasValue(0);
  }

  @Test
  void decide_denyAndAllowBothMatch_denyWins() {
    Decision d = engine(basePolicy().build()).decide("triage-bot", LIST_ISSUES, SECRET);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("triage-bot/deny/0");
  }

  @Test
  void decide_unknownPrincipal_deniedWithReasonNotThrown() {
    Decision d = engine(basePolicy().build()).decide("mallory", LIST_ISSUES, API);
    assertThat(d.reason()).isEqualTo(Reason.UNKNOWN_PRINCIPAL);
    assertThat(d.refusingPrincipal()).contains("mallory");
  }

  @Test
  void decide_toolOutsideDeclaredCatalog_deniedAsUnknownTool() {
    Policy p =
        basePolicy()
            .tool(Tool.of(LIST_ISSUES))
            .tool(Tool.of(ToolId.parse("github/get_file")))
            .build();
    DecisionEngine e = engine(p);
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
    assertThat(e.decide("alice", DELETE_REPO, API).reason()).isEqualTo(Reason.UNKNOWN_TOOL);
  }

  @Test
  void build_patternMatchingNoCatalogTool_isRejectedAsNeverMatching() {
    assertThatThrownBy(() -> basePolicy().tool(Tool.of(LIST_ISSUES)).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining(
            "entry 'triage-bot/allow/0': tool pattern 'github/get_*' matches no tool in the catalog");
  }

  @Test
  void decide_resourceOutsideDeclaredCatalog_deniedAsUnknownResource() {
    Policy p = basePolicy().resource(Resource.of(API)).build();
    DecisionEngine e = engine(p);
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
    assertThat(e.decide("alice", LIST_ISSUES, ResourceId.of("repo:acme/web")).reason())
        .isEqualTo(Reason.UNKNOWN_RESOURCE);
  }

  @Test
  void decide_entryWithoutResources_coversNoneResource_patternedEntryDoesNot() {
    Policy p =
        Policy.builder()
            .principal(Principal.service("indexer").build())
            .allow("indexer", "fs/read_file")
            .allow("indexer", List.of("github/list_issues"), List.of("repo:**"))
            .build();
    DecisionEngine e = engine(p);
    assertThat(e.canInvoke("indexer", READ_FILE, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke("indexer", LIST_ISSUES, ResourceId.NONE)).isFalse();
  }

  @Test
  void suspend_afterCachedAllow_nextDecisionDenied_reinstateRestores() {
    DecisionEngine e = engine(basePolicy().build());
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isTrue();
    e.suspend("triage-bot");
    Decision d = e.decide("triage-bot", LIST_ISSUES, API);
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(d.detail()).contains("'triage-bot' is suspended");
    e.reinstate("triage-bot");
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isTrue();
  }

  @Test
  void suspend_owner_deniesTheAgentsItOwns() {
    DecisionEngine e = engine(basePolicy().build());
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isTrue();
    e.suspend("alice");
    Decision d = e.decide("triage-bot", LIST_ISSUES, API);
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(d.detail()).contains("owner 'alice' of 'triage-bot' is suspended");
  }

  @Test
  void decommission_isFinal_reinstateDoesNotUndoIt() {
    DecisionEngine e = engine(basePolicy().build());
    e.decommission("triage-bot");
    e.reinstate("triage-bot");
    assertThat(e.decide("triage-bot", LIST_ISSUES, API).reason())
        .isEqualTo(Reason.PRINCIPAL_INACTIVE);
  }

  @Test
  void disableTool_deniesEveryone_enableRestores() {
    DecisionEngine e = engine(basePolicy().build());
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
    e.disableTool(LIST_ISSUES);
    assertThat(e.decide("alice", LIST_ISSUES, API).reason()).isEqualTo(Reason.TOOL_DISABLED);
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isFalse();
    e.enableTool(LIST_ISSUES);
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
  }

  @Test
  void killSwitches_surviveAPolicySwap() {
    DecisionEngine e = engine(basePolicy().build());
    e.suspend("triage-bot");
    Policy old = e.replacePolicy(basePolicy().version("test-2").build());
    assertThat(old.version()).isEqualTo("test-1");
    Decision d = e.decide("triage-bot", LIST_ISSUES, API);
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(d.policyVersion()).isEqualTo("test-2");
  }

  @Test
  void replacePolicy_nextDecisionUsesNewPolicy_evenWhenCached() {
    DecisionEngine e = engine(basePolicy().build());
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isTrue();
    Policy narrower = basePolicy().version("test-2").deny("triage-bot", "github/*").build();
    e.replacePolicy(narrower);
    assertThat(e.canInvoke("triage-bot", LIST_ISSUES, API)).isFalse();
    assertThat(e.policy().version()).isEqualTo("test-2");
  }

  @Test
  void principalExpiry_deniedFromTheExactInstant_evenWhenCached() {
    Instant expiry = T0.plus(Duration.ofHours(1));
    Policy p =
        Policy.builder()
            .principal(Principal.agent("temp").expires(expiry).build())
            .allow("temp", "github/*")
            .build();
    DecisionEngine e = engine(p);
    clock.set(expiry.minusMillis(1));
    assertThat(e.canInvoke("temp", LIST_ISSUES, API)).isTrue();
    clock.set(expiry);
    Decision d = e.decide("temp", LIST_ISSUES, API);
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_EXPIRED);
    clock.set(expiry.minusMillis(1)); // a clock that steps back is answered exactly too
    assertThat(e.canInvoke("temp", LIST_ISSUES, API)).isTrue();
  }

  @Test
  void throwingModule_failsClosedWithReasonError_andIsNotCached() {
    boolean[] fail = {true};
    PolicyModule flaky =
        new PolicyModule() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public String fingerprint() {
            return "flaky";
          }

          @Override
          public CompiledModule compile(PolicyView view) {
            return (query, verdicts) -> {
              if (fail[0]) {
                throw new IllegalStateException("attribute store unreachable");
              }
            };
          }
        };
    DecisionEngine e = engine(basePolicy().module(flaky).build());
    Decision d = e.decide("alice", LIST_ISSUES, API);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.ERROR);
    assertThat(d.errors())
        .extracting(DecisionError::message)
        .containsExactly("IllegalStateException: attribute store unreachable");
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isFalse();
    fail[0] = false;
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
  }

  @Test
  void throwingCondition_onAllow_ruleDoesNotApply_onDeny_denies() {
    PolicyModule conditional =
        new PolicyModule() {
          @Override
          public String name() {
            return "conditional";
          }

          @Override
          public String fingerprint() {
            return "conditional";
          }

          @Override
          public CompiledModule compile(PolicyView view) {
            return (query, verdicts) -> {
              if (query.principal().id().equals("triage-bot")) {
                verdicts.denyIf(
                    "broken-deny",
                    ctx -> {
                      throw new ArithmeticException("overflow");
                    });
              }
              if (query.principal().id().equals("carol")) {
                verdicts.allowIf(
                    "broken-allow",
                    ctx -> ((Number) ctx.arguments().get("amount")).longValue() < 5);
                verdicts.allowIf("small", ctx -> ctx.arguments().containsKey("small"));
              }
            };
          }
        };
    Policy p = basePolicy().principal(Principal.user("carol").build()).module(conditional).build();
    DecisionEngine e = engine(p);

    Decision deny = e.decide("triage-bot", LIST_ISSUES, API);
    assertThat(deny.reason()).isEqualTo(Reason.ERROR);
    assertThat(deny.ruleIds()).containsExactly("broken-deny");
    assertThat(deny.errors()).extracting(DecisionError::source).containsExactly("broken-deny");

    Request noAmount =
        Request.builder(DelegationChain.of("carol"), LIST_ISSUES).resource(API).build();
    Decision failed = e.decide(noAmount);
    assertThat(failed.reason()).isEqualTo(Reason.CONDITION_FAILED);
    assertThat(failed.errors()).extracting(DecisionError::source).containsExactly("broken-allow");

    Request small =
        Request.builder(DelegationChain.of("carol"), LIST_ISSUES)
            .resource(API)
            .arguments(Map.of("small", true))
            .build();
    Decision allowed = e.decide(small);
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.ruleIds()).containsExactly("small");
    assertThat(allowed.errors()).hasSize(1);

    Request amount =
        Request.builder(DelegationChain.of("carol"), LIST_ISSUES)
            .resource(API)
            .arguments(Map.of("amount", 3))
            .build();
    assertThat(e.decide(amount).ruleIds()).containsExactly("broken-allow");
  }

  @Test
  void throwingListener_doesNotChangeTheDecision_othersStillHearIt() {
    List<DecisionEvent> heard = new ArrayList<>();
    DecisionEngine e =
        DecisionEngine.builder(basePolicy().build())
            .clock(clock)
            .listener(
                ev -> {
                  throw new IllegalStateException("disk full");
                })
            .listener(heard::add)
            .build();
    assertThat(e.canInvoke("alice", LIST_ISSUES, API)).isTrue();
    assertThat(e.canInvoke("triage-bot", DELETE_REPO, API)).isFalse();
    assertThat(heard)
        .extracting(ev -> ev.decision().effect())
        .containsExactly(Effect.ALLOW, Effect.DENY);
    assertThat(heard.get(0).time()).isEqualTo(T0);
    assertThat(heard.get(0).nanos()).as("latency not measured unless asked for").isEqualTo(-1);
  }

  @Test
  void measureLatency_eventsCarryTheTimeDecidingTook() {
    List<DecisionEvent> heard = new ArrayList<>();
    DecisionEngine e =
        DecisionEngine.builder(basePolicy().build())
            .clock(clock)
            .measureLatency(true)
            .listener(heard::add)
            .build();
    e.canInvoke("alice", LIST_ISSUES, API);
    assertThat(heard).singleElement().satisfies(ev -> assertThat(ev.nanos()).isNotNegative());
  }

  @Test
  void check_denied_throwsWithTheDecision() {
    DecisionEngine e = engine(basePolicy().build());
    assertThatThrownBy(() -> e.check(Request.of("triage-bot", DELETE_REPO, API)))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            ex -> {
              assertThat(ex.decision().reason()).isEqualTo(Reason.NOT_PERMITTED);
              assertThat(ex.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            });
    assertThat(e.check(Request.of("triage-bot", LIST_ISSUES, API)).isAllowed()).isTrue();
  }

  @Test
  void uncachedEngine_answersLikeCached() {
    DecisionEngine uncached =
        DecisionEngine.builder(basePolicy().build()).clock(clock).cacheSize(0).build();
    assertThat(uncached.canInvoke("triage-bot", LIST_ISSUES, API)).isTrue();
    assertThat(uncached.cachedResiduals()).isZero();
  }

  @Test
  void builder_settingTwice_isAnIllegalState() {
    DecisionEngine.Builder b = DecisionEngine.builder(basePolicy().build()).cacheSize(10);
    assertThatThrownBy(() -> b.cacheSize(20)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DecisionEngine.builder(basePolicy().build()).cacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
