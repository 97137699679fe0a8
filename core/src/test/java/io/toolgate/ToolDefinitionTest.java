package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDefinitionTest {
  static Map<String, Object> schema(boolean reversed) {
    Map<String, Object> props = new LinkedHashMap<>();
    Map<String, Object> schema = new LinkedHashMap<>();
    if (reversed) {
      props.put("b", Map.of("type", "integer", "minimum", 1));
      props.put("a", Map.of("type", "string"));
      schema.put("required", List.of("a"));
      schema.put("properties", props);
      schema.put("type", "object");
    } else {
      schema.put("type", "object");
      props.put("a", Map.of("type", "string"));
      props.put("b", Map.of("minimum", 1L, "type", "integer"));
      schema.put("properties", props);
      schema.put("required", List.of("a"));
    }
    return schema;
  }

  @Test
  void digest_keyOrderAndIntegerWidth_doNotMatter() {
    ToolDefinition a = new ToolDefinition("t", "d", schema(false), Map.of("readOnlyHint", true));
    ToolDefinition b = new ToolDefinition("t", "d", schema(true), Map.of("readOnlyHint", true));
    assertThat(a.digest()).isEqualTo(b.digest()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void digest_anyPartChanged_changes() {
    ToolDefinition base = new ToolDefinition("t", "d", schema(false), Map.of("readOnlyHint", true));
    assertThat(List.of(
        new ToolDefinition("u", "d", schema(false), Map.of("readOnlyHint", true)),
        new ToolDefinition("t", "d2", schema(false), Map.of("readOnlyHint", true)),
        new ToolDefinition("t", "d", Map.of("type", "object"), Map.of("readOnlyHint", true)),
        new ToolDefinition("t", "d", schema(false), Map.of("readOnlyHint", false)),
        new ToolDefinition("t", "d", schema(false), Map.of())))
        .extracting(ToolDefinition::digest).doesNotContain(base.digest()).doesNotHaveDuplicates();
  }

  @Test
  void digest_listOrder_matters() {
    ToolDefinition a = new ToolDefinition("t", "", Map.of("required", List.of("a", "b")), Map.of());
    ToolDefinition b = new ToolDefinition("t", "", Map.of("required", List.of("b", "a")), Map.of());
    assertThat(a.digest()).isNotEqualTo(b.digest());
  }

  @Test
  void pin_malformedDigest_throwsIllegalArgument() {
    Policy.Builder b = Policy.builder();
    ToolId tool = ToolId.parse("fs/read_file");
    for (String bad : List.of("", "sha256:", "sha256:ABC", "md5:" + "0".repeat(64), "sha256:" + "g".repeat(64))) {
      assertThatThrownBy(() -> b.pin(tool, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void pin_changesThePolicyVersionAndSurvivesToBuilder() {
    ToolId tool = ToolId.parse("fs/read_file");
    String digest = new ToolDefinition("read_file", "", Map.of(), Map.of()).digest();
    Policy plain = Policy.builder().principal(Principal.user("alice").build()).build();
    Policy pinned = plain.toBuilder().pin(tool, digest).build();
    assertThat(pinned.version()).isNotEqualTo(plain.version());
    assertThat(pinned.pin(tool)).contains(digest);
    assertThat(pinned.toBuilder().build().pins()).containsEntry(tool, digest);
    assertThat(plain.pin(tool)).isEmpty();
  }
}
