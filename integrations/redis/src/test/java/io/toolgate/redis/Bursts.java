package io.toolgate.redis;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;

/** Calls made as fast as a thread can: how many were allowed, rate limited, or otherwise denied. */
final class Bursts {
  private Bursts() {}

  /** Makes {@code calls} decisions; returns {allowed, rate limited, other}. */
  static int[] run(DecisionEngine engine, String principal, ToolId tool, int calls) {
    int[] counts = new int[3];
    for (int i = 0; i < calls; i++) {
      Decision d = engine.decide(principal, tool, ResourceId.NONE);
      counts[d.isAllowed() ? 0 : d.reason() == Reason.RATE_LIMITED ? 1 : 2]++;
    }
    return counts;
  }
}
