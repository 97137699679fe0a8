package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The audit line's time is {@link Instant#toString()} of the event's milliseconds for every
 * instant, whatever second the kept text belongs to: runs of instants in one second (the cache
 * answers), instants a second or more apart (it is replaced), whole seconds (no fraction), before
 * 1970 and after the year 9999.
 */
@StatisticsReport(onFailureOnly = true)
class InstantTextPropertiesTest {
  @Property(tries = 300)
  void of_anySequenceOfInstants_isWhatInstantToStringWrites(
      @ForAll("runs") List<Long> epochMillis) {
    InstantText text = new InstantText();
    Long previous = null;
    for (long ms : epochMillis) {
      assertThat(text.of(ms)).isEqualTo(Instant.ofEpochMilli(ms).toString());
      boolean sameSecond =
          previous != null && Math.floorDiv(previous, 1000L) == Math.floorDiv(ms, 1000L);
      Statistics.label("second").collect(sameSecond ? "kept" : "replaced");
      Statistics.label("millis").collect(millisKind(ms));
      Statistics.label("era")
          .collect(ms < 0 ? "before 1970" : ms > 253_402_300_799_999L ? "after 9999" : "usual");
      previous = ms;
    }
    Statistics.label("second")
        .coverage(
            c -> {
              c.check("kept").percentage(p -> p > 20);
              c.check("replaced").percentage(p -> p > 5);
            });
    Statistics.label("millis")
        .coverage(
            c -> {
              c.check("whole second").count(n -> n > 0);
              c.check("under 10").count(n -> n > 0);
              c.check("under 100").count(n -> n > 0);
              c.check("three digits").count(n -> n > 0);
            });
    Statistics.label("era")
        .coverage(
            c -> {
              c.check("before 1970").count(n -> n > 0);
              c.check("after 9999").count(n -> n > 0);
            });
  }

  private static String millisKind(long ms) {
    int m = (int) Math.floorMod(ms, 1000L);
    return m == 0 ? "whole second" : m < 10 ? "under 10" : m < 100 ? "under 100" : "three digits";
  }

  /**
   * Runs of instants: each a start (now, before 1970, after 9999) followed by small steps that
   * mostly stay in its second, and whole seconds and single-digit milliseconds forced in on
   * purpose.
   */
  @Provide
  Arbitrary<List<Long>> runs() {
    Arbitrary<Long> start =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L),
            Arbitraries.longs().between(-62_000_000_000_000L, -1L),
            Arbitraries.longs().between(253_402_300_800_000L, 300_000_000_000_000L));
    Arbitrary<Long> step =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 40)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(900, 5_000)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-3_000, -1)));
    return net.jqwik.api.Combinators.combine(start, step.list().ofMinSize(5).ofMaxSize(40))
        .as(
            (s, steps) -> {
              List<Long> out = new java.util.ArrayList<>();
              long t = s;
              out.add(Math.floorDiv(t, 1000L) * 1000L); // a whole second
              out.add(Math.floorDiv(t, 1000L) * 1000L + 7); // one digit
              out.add(Math.floorDiv(t, 1000L) * 1000L + 42); // two digits
              for (long d : steps) {
                t += d;
                out.add(t);
              }
              return out;
            });
  }
}
