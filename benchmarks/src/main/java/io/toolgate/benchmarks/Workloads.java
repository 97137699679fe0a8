package io.toolgate.benchmarks;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.List;

/** Deterministic policies shared by the benchmarks. */
public final class Workloads {
  private Workloads() {}

  /**
   * A user {@code alice}, her agent {@code agent} with {@code entries} whitelist entries, and a
   * sub-agent {@code helper}. Entries mix exact tools, tool prefixes and resource globs over 50
   * servers, so the index has both exact and prefix work to do; a third are denies that do not
   * match the hit request.
   */
  public static Policy whitelist(int entries) {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("agent").owner("alice").build())
            .principal(Principal.agent("helper").owner("alice").build())
            .allow("alice", List.of("*/*"), List.of("repo:**"))
            .allow("helper", List.of("srv*/*"), List.of("repo:**"));
    for (int i = 0; i < entries; i++) {
      String server = "srv" + (i % 50);
      switch (i % 3) {
        case 0 -> b.allow("agent", List.of(server + "/tool_" + i), List.of("repo:org" + i + "/**"));
        case 1 ->
            b.allow("agent", List.of(server + "/list_" + i + "_*"), List.of("repo:org" + i + "/*"));
        default ->
            b.deny("agent", List.of(server + "/delete_" + i), List.of("repo:org" + i + "/**"));
      }
    }
    return b.build();
  }

  /** A tool the agent's entry in the middle of the whitelist allows. */
  public static ToolId hitTool(int entries) {
    int i = middle(entries);
    return ToolId.of("srv" + (i % 50), "tool_" + i);
  }

  /** The resource of {@link #hitTool}. */
  public static ResourceId hitResource(int entries) {
    return ResourceId.of("repo:org" + middle(entries) + "/api");
  }

  private static int middle(int entries) {
    int i = entries / 2;
    return i - i % 3;
  }
}
