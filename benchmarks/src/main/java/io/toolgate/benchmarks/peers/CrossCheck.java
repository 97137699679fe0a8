package io.toolgate.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross-check run before any timing: every engine must give the reference model's answer, and
 * so Toolgate's, on every request of the workload, and the workload must hold both allowed and
 * denied requests.
 */
final class CrossCheck {
  private CrossCheck() {}

  /**
   * Checks {@code engines} on {@code checks}.
   *
   * @throws IllegalStateException naming every disagreement, or a one-sided workload
   */
  static void verify(Scenario scenario, List<Check> checks, PeerEngine... engines) {
    long allowed = checks.stream().filter(Check::expected).count();
    if (allowed == 0 || allowed == checks.size()) {
      throw new IllegalStateException(
          scenario
              + ": the workload must hold allowed and denied requests, "
              + allowed
              + " of "
              + checks.size()
              + " are allowed");
    }
    List<String> problems = new ArrayList<>();
    for (PeerEngine engine : engines) {
      for (Check c : checks) {
        boolean answer = engine.decide(engine.prepare(c));
        if (answer != c.expected()) {
          problems.add(engine.name() + " answers " + (answer ? "allow" : "deny") + " to " + c);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          scenario
              + ": "
              + problems.size()
              + " disagreement(s):\n  "
              + String.join("\n  ", problems));
    }
  }
}
