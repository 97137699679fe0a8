package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

@StatisticsReport(onFailureOnly = true)
class GrantIndexTest {

  record Grant(String tool, String resource) {}

  @Test
  void forEachMatch_findsExactPrefixAndLeadingWildcardGrants() {
    GrantIndex<String> index =
        GrantIndex.<String>builder()
            .add(
                ToolPattern.parse("github/list_issues"),
                ResourcePattern.parse("repo:acme/api"),
                "exact")
            .add(
                ToolPattern.parse("github/list_*"), ResourcePattern.parse("repo:acme/**"), "prefix")
            .add(ToolPattern.parse("*/list_issues"), ResourcePattern.ANY, "leading")
            .add(ToolPattern.parse("fs/read"), ResourcePattern.ANY, "other")
            .build();
    List<String> found = new ArrayList<>();
    index.forEachMatch(
        ToolId.parse("github/list_issues"), ResourceId.of("repo:acme/api"), found::add);
    assertThat(found).containsExactlyInAnyOrder("exact", "prefix", "leading");
    assertThat(index.size()).isEqualTo(4);
  }

  @Test
  void forEachMatch_noneResource_matchedOnlyByPatternsThatAcceptEmpty() {
    GrantIndex<String> index =
        GrantIndex.<String>builder()
            .add(ToolPattern.parse("a/b"), ResourcePattern.ANY, "any")
            .add(ToolPattern.parse("a/b"), ResourcePattern.parse("repo:**"), "repo")
            .build();
    List<String> found = new ArrayList<>();
    index.forEachMatch(ToolId.parse("a/b"), ResourceId.NONE, found::add);
    assertThat(found).containsExactly("any");
  }

  @Property(tries = 500)
  void forEachMatch_equalsLinearScan(
      @ForAll("grants") @Size(max = 40) List<Grant> grants,
      @ForAll("toolIds") String tool,
      @ForAll("resources") String resource) {
    GrantIndex.Builder<Integer> b = GrantIndex.builder();
    for (int i = 0; i < grants.size(); i++) {
      b.add(
          ToolPattern.parse(grants.get(i).tool()),
          ResourcePattern.parse(grants.get(i).resource()),
          i);
    }
    List<Integer> indexed = new ArrayList<>();
    ToolId t = ToolId.parse(tool);
    ResourceId r = resource.isEmpty() ? ResourceId.NONE : ResourceId.of(resource);
    b.build().forEachMatch(t, r, indexed::add);

    List<Integer> scanned = new ArrayList<>();
    for (int i = 0; i < grants.size(); i++) {
      if (ToolPattern.parse(grants.get(i).tool()).matches(t)
          && ResourcePattern.parse(grants.get(i).resource()).matches(r)) {
        scanned.add(i);
      }
    }
    assertThat(indexed).containsExactlyInAnyOrderElementsOf(scanned);
    Statistics.label("grants matching")
        .collect(scanned.isEmpty() ? "none" : scanned.size() == 1 ? "one" : "several");
    Statistics.label("grants matching")
        .coverage(
            c -> {
              c.check("none").percentage(p -> p > 5);
              c.check("several").percentage(p -> p > 10);
            });
  }

  @Provide
  Arbitrary<List<Grant>> grants() {
    Arbitrary<String> server = Arbitraries.of("gh", "g", "fs", "*", "g*");
    Arbitrary<String> name = Arbitraries.of("list", "list_a", "li*", "*", "*_a", "get");
    Arbitrary<String> tool = Combinators.combine(server, name).as((s, n) -> s + "/" + n);
    Arbitrary<String> res =
        Arbitraries.of(
            "r:a", "r:a/b", "r:a/*", "r:a/**", "r:*", "**", "*", "*b", "r:a/*/c", "r:**/c");
    return Combinators.combine(tool, res).as(Grant::new).list();
  }

  @Provide
  Arbitrary<String> toolIds() {
    return Combinators.combine(
            Arbitraries.of("gh", "g", "fs", "gx"),
            Arbitraries.of("list", "list_a", "lis", "get", "x_a"))
        .as((s, n) -> s + "/" + n);
  }

  @Provide
  Arbitrary<String> resources() {
    return Arbitraries.of("", "r:a", "r:a/b", "r:a/b/c", "r:ab", "b", "r:a/x/c", "x");
  }
}
