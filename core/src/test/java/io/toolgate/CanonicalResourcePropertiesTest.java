package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolGuard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * For random paths built from segments, dot segments, separators and encodings: a request is
 * allowed only if its canonical form, computed by a simple independent model, is inside an allowed
 * pattern and outside every denied one; cached, uncached and through {@link ToolGuard}.
 */
@StatisticsReport(onFailureOnly = true)
class CanonicalResourcePropertiesTest {
  private static final ToolId READ = ToolId.parse("files/read_file");
  private static final Pattern ALLOWED = Pattern.compile("file:///docs/.*");
  private static final Pattern DENIED = Pattern.compile("file:///docs/private/.*");
  private static final String INVALID = "\u0000invalid";

  /** One piece of a path: how it is spelled, and what it means once decoded (INVALID: refused). */
  record Token(String spelled, String meaning) {
    @Override
    public String toString() {
      return spelled;
    }
  }

  @Provide
  Arbitrary<List<Token>> paths() {
    Arbitrary<Token> token =
        Arbitraries.of(
            new Token("docs", "docs"),
            new Token("private", "private"),
            new Token("x", "x"),
            new Token("etc", "etc"),
            new Token("%70rivate", "private"),
            new Token("d%6Fcs", "docs"),
            new Token(".", "."),
            new Token("..", ".."),
            new Token("%2e", "."),
            new Token("%2E%2e", ".."),
            new Token(".%2e", ".."),
            new Token("...", "..."),
            new Token("%2f", INVALID),
            new Token("%5c", INVALID),
            new Token("%252e", INVALID),
            new Token("..;", INVALID),
            new Token("", ""));
    // Half the paths start inside docs/ or docs/private/, so every outcome is common.
    Arbitrary<List<Token>> prefix =
        Arbitraries.of(
            List.<Token>of(),
            List.of(new Token("docs", "docs")),
            List.of(new Token("docs", "docs"), new Token("private", "private")));
    return net.jqwik.api.Combinators.combine(prefix, token.list().ofMinSize(1).ofMaxSize(5))
        .as(
            (a, b) -> {
              List<Token> all = new ArrayList<>(a);
              all.addAll(b);
              return all;
            });
  }

  /**
   * The model: meanings joined by '/', empty inner segments refused, dot segments resolved on a
   * stack.
   */
  static String reference(List<Token> path, boolean collapseEmpty) {
    Deque<String> kept = new ArrayDeque<>();
    for (int i = 0; i < path.size(); i++) {
      String m = path.get(i).meaning();
      if (m.equals(INVALID)) {
        return INVALID;
      }
      if (m.isEmpty()) {
        if (collapseEmpty || i == path.size() - 1) {
          continue;
        }
        return INVALID;
      }
      if (m.equals(".")) {
        continue;
      }
      if (m.equals("..")) {
        if (kept.isEmpty()) {
          return INVALID;
        }
        kept.removeLast();
        continue;
      }
      kept.addLast(m);
    }
    String last = path.get(path.size() - 1).meaning();
    // A template's {+path} names no trailing slash; an id keeps the one it ends with.
    boolean slash =
        !collapseEmpty
            && !kept.isEmpty()
            && (last.isEmpty() || last.equals(".") || last.equals(".."));
    return "file:///" + String.join("/", kept) + (slash ? "/" : "");
  }

  static String spell(List<Token> path) {
    List<String> parts = new ArrayList<>();
    path.forEach(t -> parts.add(t.spelled()));
    return String.join("/", parts);
  }

  @Property(tries = 2000)
  void decide_allowsOnlyInsideAllowedAndOutsideDenied(@ForAll("paths") List<Token> path) {
    String expected = reference(path, false);
    ResourceId id = ResourceId.of("file:///" + spell(path));
    DecisionEngine cached = DecisionEngine.builder(CanonicalResourceTest.docsPolicy()).build();
    DecisionEngine uncached =
        DecisionEngine.builder(CanonicalResourceTest.docsPolicy()).cacheSize(0).build();
    Decision d = cached.decide("assistant", READ, id);
    assertThat(uncached.decide("assistant", READ, id)).isEqualTo(d);
    if (expected.equals(INVALID)) {
      assertThat(d.reason()).as(id.toString()).isEqualTo(Reason.RESOURCE_INVALID);
    } else {
      assertThat(id.value()).isEqualTo(expected);
      boolean allowed = ALLOWED.matcher(expected).matches() && !DENIED.matcher(expected).matches();
      assertThat(d.isAllowed()).as(id.toString()).isEqualTo(allowed);
    }
    Statistics.label("reason").collect(d.reason());
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).percentage(p -> p > 2);
              c.check(Reason.EXPLICIT_DENY).percentage(p -> p > 1);
              c.check(Reason.NOT_PERMITTED).percentage(p -> p > 2);
              c.check(Reason.RESOURCE_INVALID).percentage(p -> p > 2);
            });
  }

  @Property(tries = 1000)
  void guard_allowsOnlyInsideTheDecidedScope_andHandsTheBodyTheCanonicalForm(
      @ForAll("paths") List<Token> path) throws Exception {
    ToolGuard guard =
        ToolGuard.builder(DecisionEngine.builder(CanonicalResourceTest.docsPolicy()).build())
            .resource("files/read_file", "file:///{+path}")
            .build();
    AtomicReference<String> seen = new AtomicReference<>();
    GuardResult<String> r =
        guard.call(
            ToolCall.of(DelegationChain.of("assistant"), READ, Map.of("path", spell(path))),
            req -> {
              seen.set(req.resource().value());
              return "ran";
            });
    // The template collapses empty segments of its argument; everything else as the model says.
    String expected = reference(path, true);
    boolean allowed =
        !expected.equals(INVALID)
            && ALLOWED.matcher(expected).matches()
            && !DENIED.matcher(expected).matches();
    if (r instanceof GuardResult.Allowed<String>) {
      assertThat(allowed).as("allowed %s, model says %s", spell(path), expected).isTrue();
      assertThat(ResourceId.of(seen.get()).value()).isEqualTo(seen.get());
      assertThat(ALLOWED.matcher(seen.get()).matches() && !DENIED.matcher(seen.get()).matches())
          .isTrue();
    } else {
      assertThat(seen.get()).isNull();
    }
    Statistics.label("guard")
        .collect(r instanceof GuardResult.Allowed<String> ? "allowed" : "denied");
    Statistics.label("guard")
        .coverage(
            c -> {
              c.check("allowed").count(n -> n > 0);
              c.check("denied").count(n -> n > 0);
            });
  }
}
