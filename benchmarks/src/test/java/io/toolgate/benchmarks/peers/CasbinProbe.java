package io.toolgate.benchmarks.peers;

import org.junit.jupiter.api.Test;

class CasbinProbe {
  @Test
  void probe() {
    for (String name : Scenarios.NAMES) {
      long t0 = System.nanoTime();
      Scenario s = Scenarios.byName(name);
      long t1 = System.nanoTime();
      var e = new CasbinEngine(s, false);
      long t2 = System.nanoTime();
      var sample = s.checks().size() > 8 && name.equals("rbacLarge") ? s.checks().subList(0, 8) : s.checks();
      try {
        CrossCheck.verify(s, sample, e, new CasbinEngine(s, true));
      } catch (IllegalStateException ex) {
        System.out.println(ex.getMessage());
      }
      long t3 = System.nanoTime();
      System.out.printf("%s: build %d ms, casbin %d ms, check %d ms (%d checks, %d allowed)%n", name, (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, sample.size(), s.checks().stream().filter(Check::expected).count());
    }
  }
}
