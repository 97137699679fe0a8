package io.toolgate.analysis;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.testing.Scenarios;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** A small policy with a tool catalog, shared by the analysis tests. */
final class Fixtures {
  private Fixtures() {}

  static final Instant NOW = Scenarios.BASE;
  static final InstantSource CLOCK = InstantSource.fixed(NOW);
  static final ToolAnnotations WRITES = new ToolAnnotations(false, false, true, false);
  static final ToolAnnotations FETCHES = new ToolAnnotations(true, false, true, true);

  static Policy.Builder catalog() {
    return Policy.builder()
        .tool(Tool.of("github/list_issues", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/get_file", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/add_label", WRITES))
        .tool(Tool.of("github/delete_repo", ToolAnnotations.UNANNOTATED))
        .tool(Tool.of("web/fetch", FETCHES));
  }

  /**
   * alice (user) holds read tools and add_label on repo:acme/**; triage-bot (her agent) holds
   * github/* on repo:acme/** but delete_repo on secrets; rogue (an agent without owner or expiry)
   * holds web/*.
   */
  static Policy policy() {
    return catalog()
        .principal(Principal.user("alice").build())
        .principal(
            Principal.agent("triage-bot")
                .owner("alice")
                .expires(Instant.parse("2027-01-01T00:00:00Z"))
                .build())
        .principal(Principal.agent("rogue").build())
        .allow(
            "alice",
            List.of("github/list_issues", "github/get_file", "github/add_label"),
            List.of("repo:acme/**"))
        .deny("alice", List.of("github/*"), List.of("repo:acme/secret-*"))
        .allow("alice", List.of("github/get_file"), List.of("repo:acme/secret-keys"))
        .allow("triage-bot", List.of("github/*"), List.of("repo:acme/**"))
        .deny("triage-bot", List.of("github/delete_repo"), List.of("repo:acme/secret-*"))
        .allow("rogue", "web/*")
        .build();
  }
}
