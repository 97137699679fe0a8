package io.toolgate.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.spi.PolicyModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The peer comparison's cross-check without timing: every engine that can express a scenario gives
 * Toolgate's answer, which is the reference model's, to every request of its workload. The large
 * RBAC scenario is checked on its first {@value #LARGE_SAMPLE} requests (both answers present): the
 * slowest peers take up to half a second per request there, and the benchmark's own setup checks
 * every request before timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossCheckTest {
  static final int LARGE_SAMPLE = 8;

  /**
   * Scenarios and Toolgate's engines, built once for the class (one instance): the large ones take
   * seconds.
   */
  private final Map<String, Scenario> scenarios = new HashMap<>();

  private final Map<String, PeerEngine> toolgates = new HashMap<>();

  private Scenario scenario(String name) {
    return scenarios.computeIfAbsent(name, Scenarios::byName);
  }

  private PeerEngine toolgate(String name) {
    return toolgates.computeIfAbsent(name, n -> new ToolgateEngine(scenario(n), false));
  }

  static Stream<Arguments> expressible() {
    List<Arguments> out = new ArrayList<>();
    for (String scenario : Scenarios.NAMES) {
      for (String engine : Engines.NAMES) {
        boolean celOnlyWhereItDiffers =
            !engine.startsWith("toolgateCel") || scenario.equals("abac");
        if ((!engine.equals("shiro") || scenario.equals("whitelist")) && celOnlyWhereItDiffers) {
          out.add(Arguments.of(scenario, engine));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("expressible")
  void crossCheck_engineExpressingTheScenario_agreesWithToolgateOnEveryRequest(
      String scenarioName, String engineName) {
    Scenario s = scenario(scenarioName);
    List<Check> checks =
        scenarioName.equals("rbacLarge") ? s.checks().subList(0, LARGE_SAMPLE) : s.checks();

    CrossCheck.verify(s, checks, toolgate(scenarioName), Engines.create(engineName, s));
  }

  @Test
  void toolgateCel_abac_decidesThroughTheCelRuleNotTheJavaModule() {
    Scenario s = scenario("abac");
    Check allowedTransfer =
        s.checks().stream()
            .filter(c -> c.expected() && c.amount() != Check.NO_AMOUNT)
            .findFirst()
            .orElseThrow();
    Check overLimit =
        s.checks().stream()
            .filter(c -> !c.expected() && c.amount() > 1_000)
            .findFirst()
            .orElseThrow();
    ToolgateEngine cel = new ToolgateEngine(s, false, ToolgateEngine.Conditions.CEL);

    Decision allowed = cel.engine().decide(request(allowedTransfer));
    Decision denied = cel.engine().decide(request(overLimit));

    assertThat(ToolgateEngine.policy(s, ToolgateEngine.Conditions.CEL).modules())
        .extracting(PolicyModule::name)
        .contains("abac")
        .doesNotContain("bench-conditions");
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.ruleIds())
        .anyMatch(id -> s.grants().stream().anyMatch(g -> g.conditional() && g.id().equals(id)));
    assertThat(denied.isAllowed()).isFalse();
    assertThat(cel.name()).isEqualTo("Toolgate CEL uncached");
  }

  private static Request request(Check c) {
    return Request.builder(DelegationChain.of(c.actor()), ToolId.parse(c.tool()))
        .resource(ResourceId.of(c.resource()))
        .arguments(Map.of("amount", c.amount()))
        .build();
  }

  @Test
  void shiro_scenarioBeyondAWhitelist_isRefusedRatherThanBent() {
    for (String name : List.of("rbacSmall", "abac", "delegation")) {
      assertThatThrownBy(() -> new ShiroEngine(scenario(name)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void crossCheck_engineDisagreeing_throwsNamingTheRequest() {
    Scenario s = scenario("rbacSmall");
    PeerEngine allowAll =
        new PeerEngine() {
          @Override
          public String name() {
            return "allow-all";
          }

          @Override
          public Object prepare(Check check) {
            return check;
          }

          @Override
          public boolean decide(Object prepared) {
            return true;
          }
        };

    assertThatThrownBy(() -> CrossCheck.verify(s, s.checks(), allowAll))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allow-all answers allow to");
  }

  @Test
  void scenarios_everyWorkload_mixesAllowedAndDenied() {
    for (String name : Scenarios.NAMES) {
      List<Check> checks = scenario(name).checks();
      assertThat(checks).as(name).anyMatch(Check::expected).anyMatch(c -> !c.expected());
    }
  }

  @Test
  void chainGrants_delegation_intersectEveryHopAndKeepEveryDeny() {
    Scenario s = scenario("delegation");
    List<Grant> grants = s.chainGrants();

    assertThat(grants).allMatch(g -> g.holder().equals("alice>assistant>helper"));
    assertThat(grants)
        .filteredOn(Grant::allow)
        .extracting(g -> g.tool() + " " + g.resource())
        .containsExactlyInAnyOrder(
            "srv1/get_… repo:acme/web/…",
            "srv1/get_… repo:acme/secret/…",
            "srv1/drop… repo:acme/web/…",
            "srv1/drop… repo:acme/secret/…",
            "srv2/list_… repo:acme/web/…",
            "srv2/list_… repo:acme/secret/…");
    assertThat(grants).filteredOn(g -> !g.allow()).hasSize(2);
  }

  @Test
  void prepare_workloadNotAPowerOfTwo_repeatsInOrderUpToOne() {
    Scenario s = scenario("rbacSmall");
    Object[] prepared = Engines.prepare(new FloorEngine(s), s.checks());

    assertThat(prepared).hasSize(64);
    assertThat(prepared[40]).isEqualTo(prepared[0]);
  }
}
