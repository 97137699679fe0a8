package io.toolgate.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTemplateTest {

  @Test
  void resolve_segments_fillEachPlaceholder() {
    ResourceTemplate t = ResourceTemplate.of("repo:{owner}/{repo}");
    assertThat(t.arguments()).containsExactly("owner", "repo");
    assertThat(t.resolve(Map.of("owner", "acme", "repo", "api")))
        .isEqualTo(ResourceId.of("repo:acme/api"));
  }

  @Test
  void resolve_path_isNormalizedInsideItsRoot() {
    ResourceTemplate t = ResourceTemplate.of("file:///sandbox/{+path}");
    assertThat(t.resolve(Map.of("path", "/a//b/./c/../d.txt")).value())
        .isEqualTo("file:///sandbox/a/b/d.txt");
    assertThat(t.resolve(Map.of("path", "x")).value()).isEqualTo("file:///sandbox/x");
  }

  @Test
  void resolve_pathClimbingAboveItsRoot_throws() {
    ResourceTemplate t = ResourceTemplate.of("file:///sandbox/{+path}");
    for (String bad : List.of("..", "../x", "a/../../x", "a/b/../../../x", "a\\b", ".", "", "/")) {
      assertThatThrownBy(() -> t.resolve(Map.of("path", bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void resolve_missingOrMalformedArgument_throwsNamingIt() {
    ResourceTemplate t = ResourceTemplate.of("repo:{owner}/{repo}");
    assertThatThrownBy(() -> t.resolve(Map.of("owner", "acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'repo' is missing");
    assertThatThrownBy(() -> t.resolve(Map.of("owner", "acme", "repo", List.of("a"))))
        .hasMessageContaining("'repo' must be a string");
    assertThatThrownBy(() -> t.resolve(Map.of("owner", "acme", "repo", "..")))
        .hasMessageContaining("single path segment");
    assertThatThrownBy(() -> t.resolve(Map.of("owner", "a\u0000", "repo", "x")))
        .hasMessageContaining("control character");
  }

  @Test
  void of_malformedTemplate_throws() {
    for (String bad :
        List.of("", "repo:{owner", "repo:owner}", "repo:{}", "repo:{+}", "repo:{a b}")) {
      assertThatThrownBy(() -> ResourceTemplate.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void of_literalTemplate_resolvesToItself() {
    assertThat(ResourceTemplate.of("repo:acme/api").resolve(Map.of()))
        .isEqualTo(ResourceId.of("repo:acme/api"));
  }
}
