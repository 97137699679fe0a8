package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tightening a policy to a recorded decision log. */
class TightenerTest {
  private static Request call(String chain, String tool, String resource) {
    String[] ids = chain.split(" -> ");
    DelegationChain c = DelegationChain.of(ids[0]);
    for (int i = 1; i < ids.length; i++) {
      c = c.then(ids[i]);
    }
    return Request.of(
        c, ToolId.parse(tool), resource.isEmpty() ? ResourceId.NONE : ResourceId.of(resource));
  }

  private static DecisionLog recorded(Policy policy) {
    Recorder r = new Recorder(policy, CLOCK);
    r.decide(call("triage-bot", "github/list_issues", "repo:acme/a"));
    r.decide(call("triage-bot", "github/list_issues", "repo:acme/b"));
    r.decide(call("alice -> triage-bot", "github/list_issues", "repo:acme/c"));
    r.decide(call("triage-bot", "github/list_issues", "repo:acme/c"));
    r.decide(call("triage-bot", "github/get_file", "repo:acme/api/README.md"));
    r.decide(call("triage-bot", "github/delete_repo", "repo:acme/x"));
    r.decide(call("triage-bot", "github/delete_repo", "repo:acme/y"));
    r.decide(call("triage-bot", "github/delete_repo", "repo:acme/z"));
    r.decide(call("triage-bot", "github/delete_repo", "repo:acme/secret-keys")); // denied: not kept
    r.decide(call("rogue", "web/fetch", ""));
    return r.log();
  }

  @Test
  void tighten_recordedLog_exactToolsAndResources_generalizedFromThreeSiblings_deniesKept() {
    Policy original = Fixtures.policy();
    Tightening t = Tightener.builder().clock(CLOCK).build().tighten(original, recorded(original));
    assertThat(t.allowedCalls()).isEqualTo(9);
    assertThat(t.replayedCalls()).isEqualTo(9);
    assertThat(t.entries())
        .containsExactly(
            new TightenedEntry(
                "alice",
                "alice/allow/0",
                Effect.ALLOW,
                List.of("github/list_issues"),
                List.of("repo:acme/c"),
                1,
                List.of("alice/allow/0")),
            new TightenedEntry(
                "triage-bot",
                "triage-bot/allow/0",
                Effect.ALLOW,
                List.of("github/delete_repo", "github/list_issues"),
                List.of("repo:acme/*"),
                7,
                List.of("triage-bot/allow/0")),
            new TightenedEntry(
                "triage-bot",
                "triage-bot/allow/1",
                Effect.ALLOW,
                List.of("github/get_file"),
                List.of("repo:acme/api/README.md"),
                1,
                List.of("triage-bot/allow/0")),
            new TightenedEntry(
                "triage-bot",
                "triage-bot/deny/0",
                Effect.DENY,
                List.of("github/delete_repo"),
                List.of("repo:acme/secret-*"),
                0,
                List.of("triage-bot/deny/0")),
            new TightenedEntry(
                "rogue",
                "rogue/allow/0",
                Effect.ALLOW,
                List.of("web/fetch"),
                List.of("*"),
                1,
                List.of("rogue/allow/0")));
    DecisionEngine tight = DecisionEngine.builder(t.policy()).clock(CLOCK).build();
    assertThat(tight.decide(call("triage-bot", "github/delete_repo", "repo:acme/w")).isAllowed())
        .isTrue();
    assertThat(
            tight
                .decide(call("triage-bot", "github/delete_repo", "repo:acme/secret-x"))
                .isAllowed())
        .isFalse();
    assertThat(tight.decide(call("triage-bot", "github/add_label", "repo:acme/a")).isAllowed())
        .isFalse();
    assertThat(
            tight.decide(call("triage-bot", "github/get_file", "repo:acme/api/other")).isAllowed())
        .isFalse();
  }

  @Test
  void tighten_minSiblingsAboveWhatWasUsed_keepsExactResources() {
    Policy original = Fixtures.policy();
    Tightening t =
        Tightener.builder()
            .clock(CLOCK)
            .minSiblings(4)
            .build()
            .tighten(original, recorded(original));
    assertThat(t.entries())
        .filteredOn(e -> e.principal().equals("triage-bot") && e.effect() == Effect.ALLOW)
        .extracting(TightenedEntry::resources)
        .containsExactly(
            List.of("repo:acme/x", "repo:acme/y", "repo:acme/z"),
            List.of("repo:acme/api/README.md"),
            List.of("repo:acme/a", "repo:acme/b", "repo:acme/c"));
    // No deny overlaps exact resources the policy allowed, so none is kept.
    assertThat(t.entries()).noneMatch(e -> e.effect() == Effect.DENY);
  }

  @Test
  void tighten_generalizationNotCoveredByOneAllow_staysExact() {
    Policy original =
        Fixtures.catalog()
            .principal(io.toolgate.Principal.user("u").build())
            .allow(
                "u",
                List.of("github/list_issues"),
                List.of("repo:acme/a", "repo:acme/b", "repo:acme/c"))
            .build();
    Recorder r = new Recorder(original, CLOCK);
    List.of("a", "b", "c")
        .forEach(x -> r.decide(call("u", "github/list_issues", "repo:acme/" + x)));
    Tightening t = Tightener.builder().clock(CLOCK).build().tighten(original, r.log());
    assertThat(t.entries())
        .singleElement()
        .extracting(TightenedEntry::resources)
        .isEqualTo(List.of("repo:acme/a", "repo:acme/b", "repo:acme/c"));
  }

  @Test
  void tighten_callsTheCurrentPolicyDenies_areDroppedWithANote() {
    Policy original = Fixtures.policy();
    DecisionLog log = recorded(original);
    Policy narrower =
        Fixtures.catalog()
            .principal(io.toolgate.Principal.user("alice").build())
            .principal(io.toolgate.Principal.agent("triage-bot").owner("alice").build())
            .principal(io.toolgate.Principal.agent("rogue").build())
            .allow("triage-bot", "github/list_issues")
            .build();
    Tightening t = Tightener.builder().clock(CLOCK).build().tighten(narrower, log);
    assertThat(t.replayedCalls()).isEqualTo(3);
    assertThat(t.notes())
        .anyMatch(
            n ->
                n.startsWith("call triage-bot github/delete_repo on repo:acme/x ")
                    && n.endsWith("not kept: the policy denies it now (NOT_PERMITTED)"));
  }

  @Test
  void tighten_documentLoadsBack_andDecidesAlike() {
    Policy original = Fixtures.policy();
    Tightening t = Tightener.builder().clock(CLOCK).build().tighten(original, recorded(original));
    String yaml = t.document(DocumentFormat.YAML);
    assertThat(yaml).contains("id: triage-bot/allow/0", "- repo:acme/*", "- github/delete_repo");
    Policy loaded =
        PolicyLoader.defaults()
            .load("tight.yaml", yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
    assertThat(loaded.entries()).isEqualTo(t.policy().entries());
  }

  @Test
  void builder_rejectsBadSettings() {
    assertThatThrownBy(() -> Tightener.builder().minSiblings(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tightener.builder().minSiblings(2).minSiblings(3))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Tightener.defaults().minSiblings()).isEqualTo(Tightener.DEFAULT_MIN_SIBLINGS);
  }
}
