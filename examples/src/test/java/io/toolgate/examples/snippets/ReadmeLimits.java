package io.toolgate.examples.snippets;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** README "Quotas and rate limits", as shown there; {@link ReadmeSnippetsTest} asserts it. */
final class ReadmeLimits {
  private ReadmeLimits() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(DecisionEngine engine, Decision d) {}

  static Result run() {
    // snippet:limits begin
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
        .limit("alice-pay", Limit.of(100, Duration.ofHours(1), Limit.Per.ORIGIN, "payments/transfer"))
        .build();
    DecisionEngine engine = DecisionEngine.builder(policy)
        .clock(InstantSource.fixed(Instant.parse("2026-11-29T10:15:00Z")))   // tests: a fixed clock
        .build();
    ToolId transfer = ToolId.parse("payments/transfer");
    for (int i = 0; i < 100; i++) {
      engine.decide("alice", transfer, ResourceId.NONE);                 // ALLOW, 100 times
    }
    Decision d = engine.decide("alice", transfer, ResourceId.NONE);
    // the 101st call this hour: DENY RATE_LIMITED, d.retryAt() = the top of the next hour
    // snippet:limits end
    return new Result(engine, d);
  }
}
