package io.toolgate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.testing.ReferenceGlob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

@StatisticsReport(onFailureOnly = true)
class GlobTest {

  @Test
  void matches_literal_onlyItself() {
    Glob g = Glob.compile("repo:acme/api");
    assertThat(g.isLiteral()).isTrue();
    assertThat(g.matches("repo:acme/api")).isTrue();
    assertThat(g.matches("repo:acme/api2")).isFalse();
    assertThat(g.matches("repo:acme/ap")).isFalse();
  }

  @Test
  void matches_singleStar_staysWithinSegment() {
    Glob g = Glob.compile("repo:acme/*");
    assertThat(g.matches("repo:acme/api")).isTrue();
    assertThat(g.matches("repo:acme/")).isTrue();
    assertThat(g.matches("repo:acme/api/wiki")).isFalse();
    assertThat(g.matches("repo:acme")).isFalse();
  }

  @Test
  void matches_doubleStar_crossesSegments() {
    Glob g = Glob.compile("repo:acme/**");
    assertThat(g.matches("repo:acme/api")).isTrue();
    assertThat(g.matches("repo:acme/api/wiki/home")).isTrue();
    assertThat(g.matches("repo:acme")).isFalse();
    assertThat(Glob.compile("**").matches("")).isTrue();
  }

  @Test
  void matches_starsInTheMiddle_likeTheReference() {
    Glob g = Glob.compile("file:///srv/*/reports/**/*.csv");
    assertThat(g.matches("file:///srv/data/reports/2026/11/a.csv")).isTrue();
    assertThat(g.matches("file:///srv/data/reports/a.csv")).isFalse(); // '**' needs both slashes
    assertThat(g.matches("file:///srv/data/reports//a.csv")).isTrue();
    assertThat(g.matches("file:///srv/a/b/reports/x/a.csv")).isFalse();
  }

  @Test
  void matches_adversarialInput_finishesWithoutBacktracking() {
    // A backtracking matcher explores exponentially many splits of this input.
    Glob g = Glob.compile("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    String input = "a".repeat(5_000);
    assertThat(g.matches(input)).isFalse();
    assertThat(g.matches(input + "b")).isTrue();
  }

  @Test
  void matches_longMiddle_usesArrayFallbackCorrectly() {
    String glob = "x*" + "ab".repeat(40) + "*y";
    Glob g = Glob.compile(glob);
    String hit = "x" + "ab".repeat(40) + "y";
    assertThat(g.matches(hit)).isTrue();
    assertThat(g.matches("x" + "ab".repeat(39) + "y")).isFalse();
    assertThat(g.matches("x/" + "ab".repeat(40) + "y")).isFalse();
  }

  @Test
  void compile_tripleStar_isRejectedWithOffset() {
    assertThatThrownBy(() -> Glob.compile("repo:***"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'***' at offset 5");
  }

  @Test
  void compile_empty_isRejected() {
    assertThatThrownBy(() -> Glob.compile("")).hasMessageContaining("must not be empty");
  }

  @Property(tries = 3000)
  void matches_agreesWithRegexReference(
      @ForAll("globs") String glob, @ForAll("inputs") String input) {
    boolean expected = ReferenceGlob.matches(glob, input);
    assertThat(Glob.compile(glob).matches(input))
        .as("glob %s on %s", glob, input)
        .isEqualTo(expected);
    Statistics.label("matches").collect(expected);
    Statistics.label("shape").collect(Glob.compile(glob).shapeName());
    // Random inputs rarely match (about 3%); the next property builds inputs that do.
    Statistics.label("matches").coverage(c -> c.check(true).count(n -> n > 30));
    Statistics.label("shape")
        .coverage(
            c -> {
              c.check("SEGMENT_STARS").count(n -> n > 100);
              c.check("GENERAL").count(n -> n > 100);
            });
  }

  @Property(tries = 1000)
  void matches_inputDerivedFromGlob_agreesWithReference(
      @ForAll("globs") String glob, @ForAll("fillers") String fill) {
    // Inputs built by expanding the glob hit the interesting cases far more often than random text.
    String input = glob.replace("**", fill + "/" + fill).replace("*", fill);
    boolean expected = ReferenceGlob.matches(glob, input);
    assertThat(Glob.compile(glob).matches(input)).isEqualTo(expected);
    Statistics.label("segment stars, matching")
        .collect(Glob.compile(glob).shapeName().equals("SEGMENT_STARS") && expected);
    Statistics.label("segment stars, matching").coverage(c -> c.check(true).count(n -> n > 30));
  }

  @Provide
  Arbitrary<String> globs() {
    return Arbitraries.strings()
        .withChars("ab/*")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(s -> !s.contains("***"))
        .injectDuplicates(0.05);
  }

  @Provide
  Arbitrary<String> inputs() {
    return Arbitraries.strings().withChars("ab/").ofMaxLength(16);
  }

  @Provide
  Arbitrary<String> fillers() {
    return Arbitraries.strings().withChars("ab").ofMaxLength(3);
  }
}
