package io.toolgate.testing;

import io.toolgate.Limit;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated {@link Limit}s for the round-trip properties of the modules that carry limits. */
public final class LimitArbitraries {
  private LimitArbitraries() {}

  /** One to three limits over every {@code per}, a few windows and tool lists (none included). */
  public static Arbitrary<List<Limit>> lists() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 1_000_000),
            Arbitraries.of(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofMinutes(90),
                Duration.ofHours(1),
                Duration.ofDays(7)),
            Arbitraries.of(Limit.Per.class),
            Arbitraries.of(
                List.<String>of(), List.of("payments/transfer"), List.of("payments/*", "*/x")))
        .as((c, w, per, tools) -> Limit.of(c, w, per, tools.toArray(new String[0])))
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }
}
