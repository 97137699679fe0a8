package io.toolgate.abac;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.testing.Engines;
import java.time.Instant;
import java.util.Map;

/** A small organisation shared by the example-based tests, and engines over it that must agree. */
final class Fixtures {
  private Fixtures() {}

  /** Wednesday 2025-01-15, 10:00 UTC. */
  static final Instant MORNING = Instant.parse("2025-01-15T10:00:00Z");

  static final Instant EVENING = Instant.parse("2025-01-15T20:00:00Z");

  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId DELETE = ToolId.parse("files/delete");
  static final ToolId READ = ToolId.parse("files/read");
  static final ResourceId ACCOUNT = ResourceId.of("acct:alice/main");
  static final ResourceId OTHER_ACCOUNT = ResourceId.of("acct:bob/main");

  /** Principals, a tool catalog and a resource catalog; the caller adds modules and entries. */
  static Policy.Builder organisation() {
    return Policy.builder()
        .principal(
            Principal.user("alice").attribute("team", "finance").attribute("level", 3).build())
        .principal(Principal.user("bob").attribute("team", "support").build())
        .principal(Principal.agent("bot").owner("alice").attribute("team", "finance").build())
        .tool(new Tool(TRANSFER, ToolAnnotations.UNANNOTATED, Map.of("risk", "high")))
        .tool(
            new Tool(
                DELETE, new ToolAnnotations(false, true, true, false), Map.of("risk", "medium")))
        .tool(new Tool(READ, ToolAnnotations.READ_ONLY, Map.of("risk", "low")))
        .resource(new Resource(ACCOUNT, Map.of("owner", "alice", "limit", 1500)))
        .resource(new Resource(OTHER_ACCOUNT, Map.of("owner", "bob")));
  }

  /**
   * A cached and an uncached engine over {@code policy}, the clock at {@link #MORNING}; every
   * answer is checked on both.
   */
  static Engines engines(Policy policy) {
    return Engines.at(policy, MORNING);
  }

  static Request call(String principal, ToolId tool, ResourceId resource, Map<String, ?> args) {
    return Request.builder(io.toolgate.DelegationChain.of(principal), tool)
        .resource(resource)
        .arguments(args)
        .build();
  }
}
