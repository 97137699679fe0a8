package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Traps for integrators: an empty resource list, and an audit log with no logging backend. */
class IntegratorTrapsTest {

  @Test
  void allow_explicitlyEmptyResourceList_isAClearError() {
    Policy.Builder b = Policy.builder().principal(Principal.agent("u").build());
    assertThatThrownBy(() -> b.allow("u", List.of("fs/read_file"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty resource list");
    assertThatThrownBy(() -> b.deny("u", List.of("fs/read_file"), List.of()))
        .hasMessageContaining("empty resource list");
    assertThatThrownBy(() -> AccessEntry.allow("e", "fs/*").on())
        .hasMessageContaining("empty resource list");
    assertThatThrownBy(() -> DelegationScope.builder().resources())
        .hasMessageContaining("empty list");
  }

  @Test
  void allow_omittedOrDoubleStarResources_meanEveryResource() {
    Policy p =
        Policy.builder()
            .principal(Principal.agent("u").build())
            .principal(Principal.agent("v").build())
            .allow("u", "fs/read_file")
            .allow("v", List.of("fs/read_file"), List.of("**"))
            .build();
    DecisionEngine e = DecisionEngine.builder(p).build();
    for (String who : List.of("u", "v")) {
      assertThat(
              e.canInvoke(who, ToolId.parse("fs/read_file"), ResourceId.of("file:///etc/shadow")))
          .isTrue();
      assertThat(e.canInvoke(who, ToolId.parse("fs/read_file"), ResourceId.NONE)).isTrue();
    }
  }
}
