package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/** The diff finds widenings that no pattern's plain witness shows: its probes are complete. */
@StatisticsReport(onFailureOnly = true)
class PolicyDiffWitnessTest {
  private static Policy.Builder users(String... ids) {
    Policy.Builder b = Policy.builder();
    for (String id : ids) {
      b.principal(Principal.user(id).build());
    }
    return b;
  }

  @Test
  void between_narrowedDeny_widensOnWhatTheOldDenyMatchedAndTheNewOneDoesNot() {
    Policy before =
        users("alice")
            .allow("alice", List.of("github/*"), List.of("**"))
            .deny("alice", List.of("github/*"), List.of("repo:a*"))
            .build();
    Policy after =
        users("alice")
            .allow("alice", List.of("github/*"), List.of("**"))
            .deny("alice", List.of("github/*"), List.of("repo:ax*"))
            .build();
    PolicyDiff diff = PolicyDiff.between(before, after, Catalog.derived(), CLOCK);
    assertThat(diff.widens()).isTrue();
    assertThat(diff.narrowsOnly()).isFalse();
    assertThat(diff.isExact()).as("%s", diff.inexactReasons()).isTrue();
    assertThat(diff.changes())
        .allSatisfy(
            c -> {
              assertThat(c.widens()).isTrue();
              assertThat(ResourcePattern.parse("repo:a*").matches(c.resource().id())).isTrue();
              assertThat(ResourcePattern.parse("repo:ax*").matches(c.resource().id())).isFalse();
            });
    assertThat(diff.changes())
        .extracting(c -> c.resource().label())
        .first()
        .asString()
        .contains("repo:a*")
        .contains("not")
        .contains("repo:ax*");
  }

  @Test
  void between_raisedMaxDepth_widensForTheLongerChains() {
    Policy before =
        users("alice", "bob", "carol")
            .maxDelegationDepth(1)
            .allow("alice", List.of("github/*"), List.of("**"))
            .allow("bob", List.of("github/*"), List.of("**"))
            .allow("carol", List.of("github/*"), List.of("**"))
            .build();
    Policy after = before.toBuilder().maxDelegationDepth(4).build();
    PolicyDiff diff = PolicyDiff.between(before, after, Catalog.derived(), CLOCK);
    assertThat(diff.direction()).isEqualTo(Direction.WIDENS);
    assertThat(diff.changes()).extracting(c -> c.chain().depth()).containsOnly(2);
    assertThat(diff.changes())
        .extracting(DecisionChange::subject)
        .contains("alice -> bob -> carol");
    assertThat(diff.isExact()).isTrue();
  }

  @Test
  void between_givenCatalog_saysItIsInexact() {
    Policy p = users("alice").allow("alice", List.of("github/*"), List.of("repo:a*")).build();
    PolicyDiff diff =
        PolicyDiff.between(p, p, Catalog.builder().resource("repo:ab").build(), CLOCK);
    assertThat(diff.isExact()).isFalse();
    assertThat(diff.inexactReasons())
        .anyMatch(r -> r.startsWith("resources: only the given catalog"));
    assertThat(diff.toString()).contains("inexact");
  }

  // ---- property: random pairs of policies, checked by brute force over a bounded universe ----

  static final List<String> PRINCIPALS = List.of("p0", "p1", "p2");

  @Provide
  Arbitrary<Policy[]> pairs() {
    return Combinators.combine(policy(), policy()).as((a, b) -> new Policy[] {a, b});
  }

  private Arbitrary<Policy> policy() {
    Arbitrary<String> toolPatterns =
        Arbitraries.strings()
            .withChars("ab*")
            .ofMinLength(1)
            .ofMaxLength(2)
            .filter(s -> !s.contains("**"))
            .map(s -> "s/" + s);
    Arbitrary<String> resourcePatterns =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("**")),
                Tuple.of(
                    8, Arbitraries.strings().withChars("ab*/").ofMaxLength(3).map(s -> "r:" + s)))
            .filter(PolicyDiffWitnessTest::validResourcePattern);
    Arbitrary<Object[]> entries =
        Combinators.combine(
                Arbitraries.of(PRINCIPALS),
                Arbitraries.of(true, false),
                toolPatterns.list().ofMinSize(1).ofMaxSize(2),
                resourcePatterns.list().ofMinSize(1).ofMaxSize(2))
            .as((p, allow, ts, rs) -> new Object[] {p, allow, ts, rs});
    return Combinators.combine(entries.list().ofMaxSize(5), Arbitraries.integers().between(0, 2))
        .as(
            (es, depth) -> {
              Policy.Builder b = users("p0", "p1", "p2").maxDelegationDepth(depth);
              for (Object[] e : es) {
                @SuppressWarnings("unchecked")
                List<String> ts = (List<String>) e[2];
                @SuppressWarnings("unchecked")
                List<String> rs = (List<String>) e[3];
                if ((Boolean) e[1]) {
                  b.allow((String) e[0], ts, rs);
                } else {
                  b.deny((String) e[0], ts, rs);
                }
              }
              return b.build();
            });
  }

  private static boolean validResourcePattern(String s) {
    try {
      ResourcePattern.parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Every chain of distinct principals up to 3, tools s/ + 1-2 of abc, resources r: + 0-3 of ab/ or
   * 0-2 of abc/.
   */
  static List<Request> universe() {
    List<DelegationChain> chains = new ArrayList<>();
    for (String a : PRINCIPALS) {
      chains.add(DelegationChain.of(a));
      for (String b : PRINCIPALS) {
        if (!b.equals(a)) {
          chains.add(DelegationChain.of(a).then(b));
          for (String c : PRINCIPALS) {
            if (!c.equals(a) && !c.equals(b)) {
              chains.add(DelegationChain.of(a).then(b).then(c));
            }
          }
        }
      }
    }
    List<ToolId> tools = new ArrayList<>();
    for (String s : words("abc", 2)) {
      if (!s.isEmpty()) {
        tools.add(ToolId.parse("s/" + s));
      }
    }
    List<ResourceId> resources = new ArrayList<>(List.of(ResourceId.NONE, ResourceId.of("q")));
    java.util.Set<String> suffixes = new java.util.LinkedHashSet<>(words("ab/", 3));
    suffixes.addAll(words("abc/", 2)); // c: a character no pattern uses
    for (String s : suffixes) {
      try {
        resources.add(ResourceId.of("r:" + s));
      } catch (IllegalArgumentException refused) {
        // not a valid id in this form: no request can name it
      }
    }
    List<Request> out = new ArrayList<>();
    for (DelegationChain c : chains) {
      for (ToolId t : tools) {
        for (ResourceId r : resources) {
          out.add(Request.of(c, t, r));
        }
      }
    }
    return out;
  }

  private static List<String> words(String alphabet, int maxLength) {
    List<String> out = new ArrayList<>(List.of(""));
    List<String> level = List.of("");
    for (int n = 1; n <= maxLength; n++) {
      List<String> next = new ArrayList<>();
      for (String w : level) {
        for (char c : alphabet.toCharArray()) {
          next.add(w + c);
        }
      }
      out.addAll(next);
      level = next;
    }
    return out;
  }

  private static final List<Request> UNIVERSE = universe();

  @Property(tries = 150)
  void diff_whenSomeRequestWidens_reportsAWidening(@ForAll("pairs") Policy[] pair) {
    DecisionEngine old = DecisionEngine.builder(pair[0]).cacheSize(0).clock(CLOCK).build();
    DecisionEngine neu = DecisionEngine.builder(pair[1]).cacheSize(0).clock(CLOCK).build();
    boolean widens = false;
    boolean narrows = false;
    for (Request r : UNIVERSE) {
      boolean b = old.decide(r).isAllowed();
      boolean a = neu.decide(r).isAllowed();
      widens |= !b && a;
      narrows |= b && !a;
    }
    PolicyDiff diff = PolicyDiff.between(pair[0], pair[1], Catalog.derived(), CLOCK);
    Statistics.label("brute force")
        .collect(widens ? (narrows ? "both" : "widens") : (narrows ? "narrows" : "unchanged"));
    Statistics.label("depth changed")
        .collect(pair[0].maxDelegationDepth() != pair[1].maxDelegationDepth());

    assertThat(diff.isExact()).as("%s", diff.inexactReasons()).isTrue();
    assertThat(diff.widens()).as("brute force widens").isEqualTo(widens);
    assertThat(diff.narrowsOnly()).isEqualTo(!widens);
    if (narrows) {
      assertThat(diff.widensOnly()).isFalse();
    }

    Statistics.label("brute force")
        .coverage(
            c -> {
              c.check("widens").percentage(p -> p > 5);
              c.check("narrows").percentage(p -> p > 5);
              c.check("both").percentage(p -> p > 5);
              c.check("unchanged").percentage(p -> p > 2);
            });
  }
}
