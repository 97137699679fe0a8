package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

@StatisticsReport(onFailureOnly = true)
class DocumentPropertiesTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Provide
  Arbitrary<DocumentFormat> formats() {
    return Arbitraries.of(DocumentFormat.class);
  }

  @Property(tries = 300)
  void roundTrip_policyToDocumentToPolicy_decidesIdentically(
      @ForAll("scenarios") Scenario s, @ForAll("formats") DocumentFormat format) {
    String text = WRITER.write(s.policy(), format);
    Policy back = LOADER.load("roundtrip", text.getBytes(StandardCharsets.UTF_8), format, null);
    MutableClock clock = new MutableClock(s.now());
    Decision original = s.engine(0, clock).decide(s.request());
    Decision reloaded = s.withPolicy(back).engine(0, clock).decide(s.request());
    assertThat(reloaded.effect()).isEqualTo(original.effect());
    assertThat(reloaded.reason()).isEqualTo(original.reason());
    assertThat(reloaded.ruleIds()).isEqualTo(original.ruleIds());
    assertThat(reloaded.refusingHop()).isEqualTo(original.refusingHop());
    Statistics.label("effect").collect(original.effect());
    Statistics.label("effect").coverage(c -> c.check(Effect.ALLOW).percentage(p -> p > 10));
  }

  /**
   * Random single-character mutations of a valid document either load, or are refused with located
   * problems; never another exception, never a half-loaded policy.
   */
  @Property(tries = 1500)
  void mutation_ofAValidDocument_loadsOrFailsLocated(
      @ForAll("scenarios") Scenario s,
      @ForAll("formats") DocumentFormat format,
      @ForAll("positions") double where,
      @ForAll("replacements") char replacement,
      @ForAll boolean delete) {
    String text = WRITER.write(s.policy(), format);
    int at = (int) (where * text.length());
    String mutated =
        delete
            ? text.substring(0, at) + text.substring(Math.min(text.length(), at + 1))
            : text.substring(0, at) + replacement + text.substring(Math.min(text.length(), at + 1));
    byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
    try {
      Policy p = LOADER.load("mutant", bytes, format, null);
      // A mutant that loads is a whole policy: it decides without errors.
      DecisionEngine e = DecisionEngine.builder(p).clock(new MutableClock(s.now())).build();
      Decision d = e.decide(Request.of(s.chain(), s.tool(), s.resource()));
      assertThat(d.errors()).isEmpty();
      Statistics.label("mutant").collect("loads");
    } catch (DocumentException e) {
      Statistics.label("mutant").collect("refused");
      assertThat(e.problems())
          .isNotEmpty()
          .allSatisfy(
              p -> {
                assertThat(p.location().source()).isEqualTo("mutant");
                assertThat(p.location().line()).isPositive();
                assertThat(p.location().column()).isPositive();
                assertThat(p.message()).isNotBlank();
              });
    }
    Statistics.label("mutant")
        .coverage(
            c -> {
              c.check("loads").percentage(p -> p > 10);
              c.check("refused").percentage(p -> p > 10);
            });
  }

  @Provide
  Arbitrary<Double> positions() {
    return Arbitraries.doubles().between(0, 0.999).ofScale(3);
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.of(
        ' ', ':', '-', '[', ']', '{', '}', '"', '\'', '*', '/', '\n', 'x', '1', '#', '&', '!', ',');
  }
}
