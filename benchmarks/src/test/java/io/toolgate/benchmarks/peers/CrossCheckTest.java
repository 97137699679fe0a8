package io.toolgate.benchmarks.peers;

import org.junit.jupiter.api.Test;

class CrossCheckTest {
  @Test
  void toolgate_everyScenario_agreesWithReference() {
    for (String name : Scenarios.NAMES) {
      Scenario s = Scenarios.byName(name);
      CrossCheck.verify(s, s.checks(), new ToolgateEngine(s, true), new ToolgateEngine(s, false), new FloorEngine(s));
    }
  }
}
