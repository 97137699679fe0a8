package io.toolgate.benchmarks.peers;

import java.util.List;

/**
 * One request of a scenario's workload and the answer every engine must give.
 *
 * @param chain the delegation chain, origin first; one principal for a direct call
 * @param tool the tool, {@code server/name}
 * @param resource the resource
 * @param amount the call's {@code amount} argument, or {@link #NO_AMOUNT}
 * @param expected the reference model's answer
 */
record Check(List<String> chain, String tool, String resource, long amount, boolean expected) {
  static final long NO_AMOUNT = -1;

  Check {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty chain");
    }
  }

  String actor() {
    return chain.get(chain.size() - 1);
  }

  @Override
  public String toString() {
    return String.join(" -> ", chain)
        + " "
        + tool
        + " on "
        + resource
        + (amount == NO_AMOUNT ? "" : " amount=" + amount)
        + " (expected "
        + (expected ? "allow" : "deny")
        + ")";
  }
}
