package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy.grants, modulesWithoutGrantReports and service: the grant-report SPI of core. */
class GrantReportTest {
  /** A module that allows everything and does not report its grants. */
  record Opaque() implements PolicyModule {
    @Override
    public String name() {
      return "opaque";
    }

    @Override
    public String fingerprint() {
      return "opaque";
    }

    @Override
    public CompiledModule compile(PolicyView view) {
      return new CompiledModule() {
        @Override
        public void evaluate(Query query, Verdicts verdicts) {
          verdicts.allow("opaque/any");
        }

        @Override
        public <T> java.util.Optional<T> service(Class<T> type) {
          return type == String.class
              ? java.util.Optional.of(type.cast("hello"))
              : java.util.Optional.empty();
        }
      };
    }
  }

  @Test
  void grants_whitelistEntries_areReportedInOrderAsDirectEntries() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
            .deny("alice", "github/delete_repo")
            .build();
    assertThat(p.grants("alice"))
        .containsExactly(
            new Grant(
                "whitelist",
                "alice/allow/0",
                Effect.ALLOW,
                List.of(ToolPattern.parse("github/*")),
                List.of(ResourcePattern.parse("repo:acme/**")),
                "",
                "",
                GrantSource.ENTRY),
            new Grant(
                "whitelist",
                "alice/deny/0",
                Effect.DENY,
                List.of(ToolPattern.parse("github/delete_repo")),
                List.of(),
                "",
                "",
                GrantSource.ENTRY));
    assertThat(p.modulesWithoutGrantReports()).isEmpty();
  }

  @Test
  void grants_undefinedPrincipal_isRejected() {
    Policy p = Policy.builder().principal(Principal.user("alice").build()).build();
    assertThat(p.grants("alice")).isEmpty();
    assertThatThrownBy(() -> p.grants("mallory"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mallory'");
  }

  @Test
  void modulesWithoutGrantReports_namesOpaqueModules_andServiceFindsTheirServices() {
    Policy p =
        Policy.builder().principal(Principal.user("alice").build()).module(new Opaque()).build();
    assertThat(p.modulesWithoutGrantReports()).containsExactly("opaque");
    assertThat(p.grants("alice")).isEmpty();
    assertThat(p.service(String.class)).contains("hello");
    assertThat(p.service(Integer.class)).isEmpty();
  }

  @Test
  void grant_coversAndDescribesItself() {
    Grant g =
        new Grant(
            "abac",
            "small-transfers",
            Effect.ALLOW,
            List.of(ToolPattern.parse("payments/*")),
            List.of(),
            "",
            "args.amount <= 1000",
            new GrantSource.Rule("team == finance"));
    assertThat(g.isConditional()).isTrue();
    assertThat(g.isTenantScoped()).isFalse();
    assertThat(g.appliesAlways()).isFalse();
    assertThat(g.covers(ToolId.parse("payments/transfer"), ResourceId.NONE)).isTrue();
    assertThat(g.covers(ToolId.parse("github/x"), ResourceId.NONE)).isFalse();
    assertThat(g).hasToString("small-transfers (rule team == finance, when args.amount <= 1000)");
    assertThat(new GrantSource.Role("reader", List.of("triager", "reader")))
        .hasToString("role reader via triager -> reader");
    assertThatThrownBy(() -> new GrantSource.Role("reader", List.of("triager")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
