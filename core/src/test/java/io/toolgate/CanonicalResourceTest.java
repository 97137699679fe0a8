package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolBody;
import io.toolgate.guard.ToolGuard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One canonical form of resource ids: every spelling of a path compares as the same id. */
class CanonicalResourceTest {
  private static final ToolId READ = ToolId.parse("files/read_file");

  static Policy docsPolicy() {
    return Policy.builder()
        .principal(Principal.agent("assistant").build())
        .allow("assistant", List.of("files/read_file"), List.of("file:///docs/**"))
        .deny("assistant", List.of("files/read_file"), List.of("file:///docs/private/**"))
        .build();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "file:///docs/report.csv | file:///docs/report.csv",
        "file:///docs/./private/x | file:///docs/private/x",
        "file:///docs/a/../private/x | file:///docs/private/x",
        "file:///docs/%70rivate/x | file:///docs/private/x",
        "file:///docs/%2e%2e/etc/passwd | file:///etc/passwd",
        "file:///docs/../etc/passwd | file:///etc/passwd",
        "FILE:///docs/x | file:///docs/x",
        "repo:acme/../globex/x | repo:globex/x",
        "repo:acme/api/ | repo:acme/api/",
        "https://api.example.com/v1/../v2/orders?id=1/../2 | https://api.example.com/v2/orders?id=1/../2",
        "file:///docs/caf%c3%a9 | file:///docs/caf%C3%A9",
        "file:///docs/... | file:///docs/...",
        "file:///docs/.hidden | file:///docs/.hidden"
      })
  void of_spellings_yieldTheCanonicalForm(String raw, String canonical) {
    ResourceId id = ResourceId.of(raw);
    assertThat(id.isValid()).as(id.toString()).isTrue();
    assertThat(id.value()).isEqualTo(canonical);
    assertThat(id).isEqualTo(ResourceId.of(canonical));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///docs//private/x",
        "file:///docs//../../etc",
        "file:///docs/private%2fx",
        "file:///docs/a%5Cb",
        "file:///docs/%252e%252e/etc",
        "file:///docs/..;/etc",
        "file:///docs/a;b",
        "file:///docs/x%00",
        "file:///docs/%zz",
        "file:///docs/x%2",
        "file:///docs/a\\b",
        "file:///../etc",
        "repo:../x",
        "repo:acme//globex",
        "file:///docs/x#frag"
      })
  void of_ambiguousSpelling_isInvalid_andDenied(String raw) {
    ResourceId id = ResourceId.of(raw);
    assertThat(id.isValid()).isFalse();
    assertThat(id.problem()).isPresent();
    for (DecisionEngine e :
        List.of(
            DecisionEngine.builder(docsPolicy()).build(),
            DecisionEngine.builder(docsPolicy()).cacheSize(0).build())) {
      Decision d = e.decide("assistant", READ, id);
      assertThat(d.isAllowed()).isFalse();
      assertThat(d.reason()).isEqualTo(Reason.RESOURCE_INVALID);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///docs/../etc/passwd", "file:///docs/%2e%2e/etc/passwd", "file:///docs/./private/x",
        "file:///docs/%70rivate/x", "file:///docs/x/../private/y", "FILE:///docs/private/x"
      })
  void decide_attackSpellings_neverAllowed(String raw) {
    for (DecisionEngine e :
        List.of(
            DecisionEngine.builder(docsPolicy()).build(),
            DecisionEngine.builder(docsPolicy()).cacheSize(0).build())) {
      assertThat(e.canInvoke("assistant", READ, ResourceId.of(raw))).as(raw).isFalse();
    }
  }

  @Test
  void pattern_withDotOrEmptySegment_isRefused_andEncodingsCanonicalised() {
    assertThatThrownBy(() -> ResourcePattern.parse("file:///docs/../**"))
        .hasMessageContaining("'..' segment");
    assertThatThrownBy(() -> ResourcePattern.parse("file:///docs/./x"))
        .hasMessageContaining("'.' segment");
    assertThatThrownBy(() -> ResourcePattern.parse("file:///docs//**"))
        .hasMessageContaining("empty path segment");
    assertThat(ResourcePattern.parse("file:///docs/%70rivate/**").toString())
        .isEqualTo("file:///docs/private/**");
    assertThat(
            ResourcePattern.parse("file:///docs/%70rivate/**")
                .matches(ResourceId.of("file:///docs/private/a")))
        .isTrue();
    assertThatThrownBy(
            () ->
                Policy.builder()
                    .principal(Principal.agent("a").build())
                    .allow("a", List.of("files/*"), List.of("file:///docs/../etc/**"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void guard_encodedTraversal_neverRunsTheBody_andTheBodySeesOnlyTheDecidedScope(@TempDir Path root)
      throws Exception {
    Files.createDirectories(root.resolve("docs/private"));
    Files.writeString(root.resolve("docs/private/x"), "secret");
    Files.writeString(root.resolve("docs/report.txt"), "public");
    Files.writeString(root.resolve("passwd"), "root");
    String docs = root.resolve("docs").toUri().toString(); // file:///.../docs/
    Policy policy =
        Policy.builder()
            .principal(Principal.agent("assistant").build())
            .allow("assistant", List.of("files/read_file"), List.of(docs + "**"))
            .deny("assistant", List.of("files/read_file"), List.of(docs + "private/**"))
            .build();
    ToolGuard guard =
        ToolGuard.builder(DecisionEngine.builder(policy).build())
            .resource("files/read_file", docs + "{+path}")
            .build();
    DelegationChain chain = DelegationChain.of("assistant");
    // The body reads whatever the decided resource names, as a careless tool would.
    ToolBody<String, Exception> body =
        r -> Files.readString(Path.of(URI.create(r.resource().value())));
    assertThat(guard.invoke(ToolCall.of(chain, READ, Map.of("path", "report.txt")), body))
        .isEqualTo("public");
    for (String attack :
        List.of(
            "../passwd",
            "%2e%2e/passwd",
            "..%2fpasswd",
            "%252e%252e/passwd",
            "..;/passwd",
            "private/x",
            "./private/x",
            "%70rivate/x",
            "a/../private/x",
            "private%2fx",
            ".%2e/passwd",
            "private//x")) {
      GuardResult<String> r = guard.call(ToolCall.of(chain, READ, Map.of("path", attack)), body);
      assertThat(r).as(attack).isInstanceOf(GuardResult.Denied.class);
    }
  }
}
