package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.PrincipalType;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicySection;
import io.toolgate.document.PolicyWriter;
import io.toolgate.rbac.RbacSection;
import io.toolgate.testing.MutableClock;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The valid example document {@code documents/valid/abac.yaml}, which uses every feature of the
 * {@code rules} section together with rbac roles, decides as intended under a fake clock; the
 * section is found by {@link java.util.ServiceLoader}; and what {@link AbacSection#write} writes
 * loads back.
 */
class AbacDocumentTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection(), new AbacSection())).build();
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId LEDGER = ToolId.parse("payments/read_ledger");
  static final ToolId READ = ToolId.parse("files/read");
  static final ToolId DELETE = ToolId.parse("files/delete");
  static final ResourceId ACCOUNT = ResourceId.of("acct:alice/main");

  static Path valid() {
    try {
      return Path.of(AbacDocumentTest.class.getResource("/documents/valid/abac.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static AbacPolicy abac(Policy policy) {
    return policy.modules().stream()
        .filter(AbacPolicy.class::isInstance)
        .map(AbacPolicy.class::cast)
        .findFirst()
        .orElseThrow();
  }

  static Request transfer(DelegationChain chain, long amount) {
    return Request.builder(chain, TRANSFER)
        .resource(ACCOUNT)
        .arguments(Map.of("amount", amount))
        .build();
  }

  static void assertDecision(Decision d, Effect effect, Reason reason, String... ruleIds) {
    assertThat(d.effect()).as("%s", d).isEqualTo(effect);
    assertThat(d.reason()).as("%s", d).isEqualTo(reason);
    assertThat(d.ruleIds()).as("%s", d).containsExactlyInAnyOrder(ruleIds);
  }

  @Test
  void load_validExample_readsEveryRuleAndTarget() {
    AbacPolicy abac = abac(LOADER.load(valid()));

    assertThat(abac.rules())
        .extracting(Rule::id)
        .containsExactly(
            "small-transfers",
            "approvers-any-amount",
            "bot-cap",
            "office-hours-reads",
            "no-destructive",
            "service-ledger");
    Rule small = abac.rules().get(0);
    assertThat(small.effect()).isEqualTo(Effect.ALLOW);
    assertThat(small.resources()).extracting(Object::toString).containsExactly("acct:**");
    assertThat(small.principalTypes()).containsExactly(PrincipalType.USER, PrincipalType.AGENT);
    assertThat(small.condition().text())
        .isEqualTo("args.amount <= 1000 && principal.attributes.team == 'finance'");
    assertThat(abac.rules().get(1).roles()).containsExactly("approver");
    assertThat(abac.rules().get(1).condition().isAlways()).isTrue();
    assertThat(abac.rules().get(2).principals()).containsExactly("payments-bot");
    assertThat(abac.rules().get(2).condition().text())
        .isEqualTo("has(args.amount) &&\n  args.amount > 500\n");
    assertThat(abac.rules().get(4).effect()).isEqualTo(Effect.DENY);
    assertThat(abac.rules().get(4).condition().text())
        .isEqualTo("tool.annotations.destructive && !(principal.id in ['alice'])");
    assertThat(abac.rules().get(5).tools())
        .extracting(Object::toString)
        .containsExactly("payments/read_ledger");
    assertThat(abac.rules().get(5).principalTypes()).containsExactly(PrincipalType.SERVICE);
  }

  @Test
  void decide_validExample_decidesAsDocumented() {
    MutableClock clock = new MutableClock(Fixtures.MORNING);
    DecisionEngine engine = DecisionEngine.builder(LOADER.load(valid())).clock(clock).build();
    DelegationChain alice = DelegationChain.of("alice");
    DelegationChain bot = DelegationChain.of("alice").then("payments-bot");

    // args.amount <= 1000 for finance; approvers transfer any amount.
    assertDecision(
        engine.decide(transfer(alice, 10)),
        Effect.ALLOW,
        Reason.PERMITTED,
        "approvers-any-amount"); // an unconditional grant decides before any condition runs
    assertDecision(
        engine.decide(transfer(alice, 5000)),
        Effect.ALLOW,
        Reason.PERMITTED,
        "approvers-any-amount");
    assertDecision(
        engine.decide(transfer(DelegationChain.of("bob"), 10)), Effect.DENY, Reason.NOT_PERMITTED);
    // The bot needs its own grant, and is capped by a principal-targeted deny.
    assertThat(engine.decide(transfer(bot, 100)).isAllowed()).isTrue();
    assertDecision(engine.decide(transfer(bot, 800)), Effect.DENY, Reason.EXPLICIT_DENY, "bot-cap");
    // A session that activates only 'reader' takes alice's approver grant away.
    Decision readerOnly =
        engine.decide(
            Request.builder(alice, TRANSFER)
                .resource(ACCOUNT)
                .arguments(Map.of("amount", 5000))
                .session(Session.DEFAULT.withActiveRoles("reader"))
                .build());
    assertDecision(readerOnly, Effect.DENY, Reason.CONDITION_FAILED, "small-transfers");
    Decision small =
        engine.decide(
            Request.builder(alice, TRANSFER)
                .resource(ACCOUNT)
                .arguments(Map.of("amount", 999.5))
                .session(Session.DEFAULT.withActiveRoles("reader"))
                .build());
    assertDecision(small, Effect.ALLOW, Reason.PERMITTED, "small-transfers");

    // Time: alice reads through the inherited 'reader' role in office hours only.
    Request read = Request.of(alice, READ, ResourceId.NONE);
    assertDecision(engine.decide(read), Effect.ALLOW, Reason.PERMITTED, "office-hours-reads");
    clock.set(Fixtures.EVENING);
    assertDecision(engine.decide(read), Effect.DENY, Reason.CONDITION_FAILED, "office-hours-reads");
    assertThat(
            engine
                .decide(Request.builder(alice, READ).environment(Map.of("hour", 9)).build())
                .isAllowed())
        .as("a caller's env.hour wins over the clock's")
        .isTrue();

    // Destructive tools: denied to users and services but alice, whatever the whitelist says.
    assertDecision(
        engine.decide(Request.of("bob", DELETE, ResourceId.NONE)),
        Effect.DENY,
        Reason.EXPLICIT_DENY,
        "no-destructive");
    assertThat(engine.decide(Request.of("bob", READ, ResourceId.NONE)).isAllowed()).isTrue();

    assertDecision(
        engine.decide(Request.of("ci", LEDGER, ResourceId.NONE)),
        Effect.ALLOW,
        Reason.PERMITTED,
        "service-ledger");
    assertDecision(
        engine.decide(Request.of("ci", TRANSFER, ACCOUNT)), Effect.DENY, Reason.NOT_PERMITTED);
  }

  @Test
  void defaults_discoverTheAbacSection_andLoadTheExample() {
    List<PolicySection> sections = PolicyLoader.defaults().sections();
    assertThat(sections).hasAtLeastOneElementOfType(AbacSection.class);
    assertThat(sections).hasAtLeastOneElementOfType(RbacSection.class);
    AbacSection abac =
        sections.stream()
            .filter(AbacSection.class::isInstance)
            .map(AbacSection.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(abac.module()).isEqualTo("toolgate-abac");
    assertThat(abac.order()).isEqualTo(200).isGreaterThan(new RbacSection().order());
    assertThat(abac.sections()).containsExactly("rules");
    assertThat(abac.principalFields()).isEmpty();
    assertThat(abac(PolicyLoader.defaults().load(valid())).rules()).hasSize(6);
  }

  @Test
  void write_validExample_loadsBackIdentically() {
    Policy policy = LOADER.load(valid());
    PolicyWriter writer = new PolicyWriter();
    for (DocumentFormat format : DocumentFormat.values()) {
      String text = writer.write(policy, format);
      Policy again =
          PolicyLoader.defaults()
              .load("written", text.getBytes(StandardCharsets.UTF_8), format, null);
      assertThat(abac(again).rules()).as(text).isEqualTo(abac(policy).rules());
      assertThat(writer.write(again, format)).isEqualTo(text);
    }
  }

  /**
   * Strings that YAML would read as numbers or booleans (an attribute {@code "1e3"}, a rule id
   * {@code 1e3}, a condition {@code true}) are quoted by the shared writer, so the export decides
   * as the original does.
   */
  @Test
  void write_stringsThatLookLikeNumbersOrBooleans_decideAlikeAfterExportAndLoad() {
    Policy policy =
        Policy.builder()
            .principal(io.toolgate.Principal.user("alice").attribute("clearance", "1e3").build())
            .allow("alice", "payments/*")
            .module(
                AbacPolicy.of(
                    Rule.deny("1e3")
                        .tools("payments/transfer")
                        .when("principal.attributes.clearance == '1e3'")
                        .build(),
                    Rule.allow("yes").tools("payments/read_ledger").when("true").build()))
            .build();
    for (DocumentFormat format : DocumentFormat.values()) {
      String text = new PolicyWriter().write(policy, format);
      Policy again = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);
      assertThat(again.principal("alice").orElseThrow().attributes())
          .as(text)
          .containsEntry("clearance", "1e3");
      assertThat(abac(again).rules()).as(text).isEqualTo(abac(policy).rules());
      Decision d =
          io.toolgate.DecisionEngine.builder(again)
              .build()
              .decide(
                  Request.builder(DelegationChain.of("alice"), TRANSFER).resource(ACCOUNT).build());
      assertThat(d.effect()).as(text).isEqualTo(Effect.DENY);
      assertThat(d.ruleIds()).as(text).containsExactly("1e3");
    }
  }

  @Test
  void write_dslConditionAndEveryTarget_writesCelText() {
    AbacPolicy abac =
        AbacPolicy.of(
            Rule.allow("dsl")
                .tools("payments/*")
                .resources("acct:**")
                .principals("alice")
                .principalTypes(PrincipalType.USER)
                .roles("approver")
                .when(Conditions.arg("amount").lessOrEqual(1000))
                .build());
    Map<String, Object> rule = AbacDocumentWriter.rule(abac.rules().get(0));
    assertThat(rule)
        .containsExactly(
            Map.entry("id", "dsl"),
            Map.entry("effect", "allow"),
            Map.entry("tools", List.of("payments/*")),
            Map.entry("resources", List.of("acct:**")),
            Map.entry("principals", List.of("alice")),
            Map.entry("types", List.of("user")),
            Map.entry("roles", List.of("approver")),
            Map.entry("when", abac.rules().get(0).condition().text()));
  }

  @Test
  void write_notAnAbacModule_throws() {
    AbacSection section = new AbacSection();
    assertThat(section.writes(AbacPolicy.of())).isTrue();
    assertThatThrownBy(() -> section.write(new DocumentAndRolesTest.FakeRoles(Map.of()), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AbacPolicy modules only");
  }

  @Test
  void load_rulesWithoutAbacSection_namesTheModuleToAdd() {
    PolicyLoader coreOnly = PolicyLoader.builder().sections(List.of()).build();
    byte[] doc = "version: 1\nrules: []\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> coreOnly.load("d.yaml", doc, DocumentFormat.YAML, null))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("toolgate-abac"));
    Policy empty = LOADER.load("d.yaml", doc, DocumentFormat.YAML, null);
    assertThat(abac(empty).rules()).isEmpty();
  }
}
