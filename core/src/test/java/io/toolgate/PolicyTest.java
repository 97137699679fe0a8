package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

  @Test
  void build_reportsEveryProblemAtOnce() {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("bot").owner("nobody").build())
            .allow("ghost", "github/*")
            .entry("alice", AccessEntry.allow("dup", "github/*"))
            .entry("alice", AccessEntry.allow("dup", "fs/*"));
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "principal 'alice' is defined twice",
                        "principal 'bot' names owner 'nobody', which is not defined",
                        "whitelist entries name principal 'ghost', which is not defined",
                        "entry id 'dup' is used twice"));
  }

  @Test
  void build_ownershipCycle_isNamed() {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.agent("a").owner("b").build())
            .principal(Principal.agent("b").owner("a").build());
    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("ownership cycle");
  }

  @Test
  void version_isAContentDigest_independentOfDefinitionOrder() {
    Policy one =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.user("bob").build())
            .allow("alice", "github/*")
            .build();
    Policy two =
        Policy.builder()
            .principal(Principal.user("bob").build())
            .principal(Principal.user("alice").build())
            .allow("alice", "github/*")
            .build();
    Policy three =
        Policy.builder()
            .principal(Principal.user("bob").build())
            .principal(Principal.user("alice").build())
            .allow("alice", "github/list_*")
            .build();
    assertThat(one.version()).startsWith("sha256:").isEqualTo(two.version());
    assertThat(three.version()).isNotEqualTo(one.version());
  }

  @Test
  void toBuilder_autoIdsContinueWithoutClashing() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .allow("alice", "github/*")
            .build();
    Policy q = p.toBuilder().allow("alice", "fs/*").build();
    assertThat(q.entries().get("alice"))
        .extracting(AccessEntry::id)
        .containsExactly("alice/allow/0", "alice/allow/1");
  }

  @Test
  void patterns_malformed_areRejectedWithAClearMessage() {
    assertThatThrownBy(() -> ToolPattern.parse("github")).hasMessageContaining("server/name");
    assertThatThrownBy(() -> ToolPattern.parse("github/**")).hasMessageContaining("'**'");
    assertThatThrownBy(() -> ToolPattern.parse("/x")).hasMessageContaining("empty part");
    assertThatThrownBy(() -> ResourcePattern.parse("repo:***")).hasMessageContaining("'***'");
    assertThatThrownBy(() -> ToolId.parse("a/b/c")).hasMessageContaining("must not contain '/'");
    assertThatThrownBy(() -> ResourceId.of("")).hasMessageContaining("ResourceId.NONE");
    assertThatThrownBy(() -> AccessEntry.of("e", Effect.ALLOW, List.of(), List.of()))
        .hasMessageContaining("names no tool pattern");
  }
}
