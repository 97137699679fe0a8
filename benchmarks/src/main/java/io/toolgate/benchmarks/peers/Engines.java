package io.toolgate.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;

/** Builds engines by name, and prepares a scenario's workload for timing. */
final class Engines {
  /** Every engine, by the name the benchmark and the result table use. */
  static final List<String> NAMES =
      List.of(
          "floor",
          "toolgateCached",
          "toolgateUncached",
          "toolgateCelCached",
          "toolgateCelUncached",
          "jcasbin",
          "jcasbinCached",
          "cedar",
          "sapl",
          "shiro");

  private Engines() {}

  /**
   * Compiles {@code scenario} into engine {@code name}.
   *
   * @throws UnsupportedOperationException if the engine cannot express the scenario
   */
  static PeerEngine create(String name, Scenario scenario) {
    return switch (name) {
      case "floor" -> new FloorEngine(scenario);
      case "toolgateCached" -> new ToolgateEngine(scenario, true);
      case "toolgateUncached" -> new ToolgateEngine(scenario, false);
      case "toolgateCelCached" -> new ToolgateEngine(scenario, true, ToolgateEngine.Conditions.CEL);
      case "toolgateCelUncached" ->
          new ToolgateEngine(scenario, false, ToolgateEngine.Conditions.CEL);
      case "jcasbin" -> new CasbinEngine(scenario, false);
      case "jcasbinCached" -> new CasbinEngine(scenario, true);
      case "cedar" -> new CedarEngine(scenario);
      case "sapl" -> new SaplEngine(scenario);
      case "shiro" -> new ShiroEngine(scenario);
      default -> throw new IllegalArgumentException("unknown engine " + name + "; known: " + NAMES);
    };
  }

  /**
   * The workload in {@code engine}'s own request form, repeated in order up to a power of two so a
   * benchmark can cycle through it with a mask.
   */
  static Object[] prepare(PeerEngine engine, List<Check> checks) {
    List<Object> prepared = new ArrayList<>();
    for (Check c : checks) {
      prepared.add(engine.prepare(c));
    }
    int size = Integer.highestOneBit(prepared.size() - 1) << 1;
    Object[] out = new Object[Math.max(size, 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = prepared.get(i % prepared.size());
    }
    return out;
  }
}
