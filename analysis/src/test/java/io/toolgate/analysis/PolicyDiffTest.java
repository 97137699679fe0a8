package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs of hand-made narrowing, widening and mixed changes. */
class PolicyDiffTest {
  private static Policy.Builder base() {
    return Fixtures.catalog()
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .allow("alice", List.of("github/*"), List.of("repo:acme/**"));
  }

  @Test
  void between_samePolicy_isEmpty() {
    Policy p = Fixtures.policy();
    PolicyDiff diff = PolicyDiff.between(p, p, Catalog.derived(), CLOCK);
    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.direction()).isEqualTo(Direction.UNCHANGED);
    assertThat(diff.narrowsOnly()).isTrue();
    assertThat(diff.widensOnly()).isTrue();
    assertThat(diff.compared()).isPositive();
  }

  @Test
  void between_addedDeny_narrowsOnly_namingTheDeny() {
    Policy before =
        base()
            .allow("bot", List.of("github/list_issues", "github/get_file"), List.of("repo:acme/**"))
            .build();
    Policy after =
        base()
            .allow("bot", List.of("github/list_issues", "github/get_file"), List.of("repo:acme/**"))
            .deny("bot", List.of("github/get_file"), List.of("repo:acme/secret-*"))
            .build();
    PolicyDiff diff =
        PolicyDiff.between(
            before,
            after,
            Catalog.builder().resource("repo:acme/api").resource("repo:acme/secret-keys").build(),
            CLOCK);
    assertThat(diff.direction()).isEqualTo(Direction.NARROWS);
    assertThat(diff.narrowsOnly()).isTrue();
    assertThat(diff.widensOnly()).isFalse();
    assertThat(diff.changes())
        .filteredOn(c -> c.chain().isDirect())
        .extracting(DecisionChange::toString)
        .containsExactly(
            "bot github/get_file on repo:acme/secret-keys: ALLOW [bot/allow/0] -> DENY EXPLICIT_DENY [bot/deny/0]");
  }

  @Test
  void between_widenedGrant_widensOnly_groupedBySubjectAndTool() {
    Policy before =
        base().allow("bot", List.of("github/list_issues"), List.of("repo:acme/api")).build();
    Policy after =
        base()
            .allow("bot", List.of("github/list_*", "github/add_label"), List.of("repo:acme/*"))
            .build();
    Catalog catalog =
        Catalog.builder()
            .resource("repo:acme/api")
            .resource("repo:acme/web")
            .chain(DelegationChain.onBehalfOf("alice", "bot"))
            .build();
    PolicyDiff diff = PolicyDiff.between(before, after, catalog, CLOCK);
    assertThat(diff.direction()).isEqualTo(Direction.WIDENS);
    assertThat(diff.narrowsOnly()).isFalse();
    assertThat(diff.bySubjectAndTool()).containsKeys("bot", "alice -> bot");
    assertThat(diff.bySubjectAndTool().get("bot"))
        .containsKeys("github/list_issues", "github/add_label");
    assertThat(diff.bySubjectAndTool().get("bot").get("github/add_label"))
        .extracting(DecisionChange::toString)
        .containsExactly(
            "bot github/add_label on repo:acme/api: DENY NOT_PERMITTED -> ALLOW [bot/allow/0]",
            "bot github/add_label on repo:acme/web: DENY NOT_PERMITTED -> ALLOW [bot/allow/0]");
    assertThat(diff.bySubjectAndTool().get("alice -> bot").get("github/list_issues"))
        .extracting(DecisionChange::toString)
        .containsExactly(
            "alice -> bot github/list_issues on repo:acme/web: DENY NOT_PERMITTED -> "
                + "ALLOW [alice/allow/0, bot/allow/0]");
  }

  @Test
  void between_movedGrant_changesBothWays() {
    Policy before =
        base().allow("bot", List.of("github/list_issues"), List.of("repo:acme/api")).build();
    Policy after =
        base().allow("bot", List.of("github/list_issues"), List.of("repo:acme/web")).build();
    PolicyDiff diff = PolicyDiff.between(before, after, Catalog.derived(), CLOCK);
    assertThat(diff.direction()).isEqualTo(Direction.BOTH);
    assertThat(diff.narrowsOnly()).isFalse();
    assertThat(diff.widensOnly()).isFalse();
    assertThat(diff.changes())
        .filteredOn(c -> c.chain().isDirect())
        .extracting(DecisionChange::toString)
        .containsExactly(
            "bot github/list_issues on repo:acme/api: ALLOW [bot/allow/0] -> DENY NOT_PERMITTED",
            "bot github/list_issues on repo:acme/web: DENY NOT_PERMITTED -> ALLOW [bot/allow/0]");
  }

  @Test
  void between_removedPrincipal_deniesItAsUnknown() {
    Policy before = base().allow("bot", "github/list_issues").build();
    Policy after =
        Fixtures.catalog()
            .principal(Principal.user("alice").build())
            .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
            .build();
    PolicyDiff diff = PolicyDiff.between(before, after, Catalog.derived(), CLOCK);
    assertThat(diff.direction()).isEqualTo(Direction.NARROWS);
    assertThat(diff.changes())
        .allSatisfy(
            c -> {
              assertThat(c.chain().principals()).contains("bot");
              assertThat(c.after().reason()).isEqualTo(io.toolgate.Reason.UNKNOWN_PRINCIPAL);
            });
  }
}
