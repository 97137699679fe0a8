package io.toolgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.ReferenceGlob;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/**
 * Pattern inclusion, intersection and witnesses, checked against brute force over short strings.
 */
@StatisticsReport(onFailureOnly = true)
class PatternsTest {
  /**
   * The brute force's strings: the patterns' letters, '/', and 'c', which no pattern names. Without
   * a letter of its own, a string could not leave the patterns' alphabet, and the brute force found
   * that {@code *ba*} covers {@code b*a} (true over "a" and "b" only; "bca" shows it is not).
   */
  private static final List<String> STRINGS = strings("abc/", 6);

  @Test
  void covers_examples() {
    assertThat(Patterns.covers("repo:acme/**", "repo:acme/*")).isTrue();
    assertThat(Patterns.covers("repo:acme/*", "repo:acme/**")).isFalse();
    assertThat(Patterns.covers("**", "*")).isTrue();
    assertThat(Patterns.covers("repo:*/**", "repo:acme/secret-*")).isTrue();
    assertThat(Patterns.covers("github/*", "github/list_*")).isTrue();
    assertThat(Patterns.covers("github/list_*", "github/*")).isFalse();
    assertThat(Patterns.covers("*/read_file", "fs/read_file")).isTrue();
    assertThat(Patterns.covers("a*b*c", "a*c")).isFalse();
    assertThat(Patterns.covers("*ba*", "b*a")).isFalse(); // "bca"
  }

  @Test
  void intersects_examples() {
    assertThat(Patterns.intersects("repo:acme/*", "repo:*/api")).isTrue();
    assertThat(Patterns.intersects("repo:acme/*", "repo:other/*")).isFalse();
    assertThat(Patterns.intersects("repo:acme/*", "repo:acme/x/**")).isFalse();
  }

  @Test
  void witness_matchesItsPattern_andShowsItsShape() {
    assertThat(Patterns.witness("repo:acme/**")).isEqualTo("repo:acme/x/x");
    assertThat(Patterns.witness("repo:acme/secret-*")).isEqualTo("repo:acme/secret-x");
    assertThat(Patterns.witness("**")).isEqualTo("x/x");
    assertThat(Patterns.witness("repo:acme/api")).isEqualTo("repo:acme/api");
  }

  @Provide
  Arbitrary<String> globs() {
    return Arbitraries.of("a", "b", "/", "*", "**")
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(l -> String.join("", l))
        .filter(s -> !s.contains("***"));
  }

  @Property(tries = 400)
  void covers_agreesWithBruteForce(
      @ForAll("globs") String general, @ForAll("globs") String specific) {
    boolean brute =
        STRINGS.stream()
            .noneMatch(
                s -> ReferenceGlob.matches(specific, s) && !ReferenceGlob.matches(general, s));
    assertThat(Patterns.covers(general, specific))
        .as("%s covers %s", general, specific)
        .isEqualTo(brute);
    Statistics.label("covers").collect(brute);
    Statistics.label("covers")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p > 6);
              c.check(false).percentage(p -> p > 10);
            });
  }

  @Property(tries = 400)
  void intersects_agreesWithBruteForce(@ForAll("globs") String a, @ForAll("globs") String b) {
    boolean brute =
        STRINGS.stream().anyMatch(s -> ReferenceGlob.matches(a, s) && ReferenceGlob.matches(b, s));
    assertThat(Patterns.intersects(a, b)).as("%s meets %s", a, b).isEqualTo(brute);
    Statistics.label("intersects").collect(brute);
    Statistics.label("intersects")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p > 10);
              c.check(false).percentage(p -> p > 10);
            });
  }

  @Property(tries = 200)
  void witness_isMatchedByItsPattern(@ForAll("globs") String glob) {
    assertThat(ReferenceGlob.matches(glob, Patterns.witness(glob))).isTrue();
  }

  private static List<String> strings(String alphabet, int maxLength) {
    List<String> out = new ArrayList<>();
    out.add("");
    int from = 0;
    for (int len = 1; len <= maxLength; len++) {
      int to = out.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet.toCharArray()) {
          out.add(out.get(i) + c);
        }
      }
      from = to;
    }
    return out;
  }
}
