package io.toolgate.analysis;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests whose decision changes between two policies: what a reviewer needs before a rollout.
 * Each probed subject (each principal acting for itself, the catalog's chains, and every chain of
 * distinct principals up to the larger maximum delegation depth) times each probed tool times each
 * probed resource is decided by two uncached engines at one instant, and each request whose effect
 * differs is listed with both decisions, grouped by subject and tool.
 *
 * <p>Probed tools and resources are the catalog's, plus (on axes the catalog leaves empty) a
 * witness for every combination of the two policies' patterns that some id realises: the strings a
 * pattern matches and another does not, both ways, and every overlap. Narrowing a deny from {@code
 * repo:a*} to {@code repo:ax*} is probed with {@code repo:a}, which the old deny matches and the
 * new one does not. So the diff is <b>exact</b> for what decides by patterns, principals and
 * chains. Where it cannot be, {@link #inexactReasons()} says why (conditions on arguments,
 * environment or time; tenant-scoped grants; modules that report no grants; a given catalog; a
 * search or request budget exhausted) and {@link #isExact()} is false: the changes listed are real,
 * but others may exist. Immutable.
 */
public final class PolicyDiff {
  private final Catalog catalog;
  private final List<DecisionChange> changes;
  private final int compared;
  private final List<String> inexactReasons;

  private PolicyDiff(
      Catalog catalog, List<DecisionChange> changes, int compared, List<String> inexactReasons) {
    this.catalog = catalog;
    this.changes = List.copyOf(changes);
    this.compared = compared;
    this.inexactReasons = List.copyOf(inexactReasons);
  }

  /** The diff over a catalog derived from both policies, at the system clock's instant. */
  public static PolicyDiff between(Policy before, Policy after) {
    return between(before, after, Catalog.derived(), InstantSource.system());
  }

  /**
   * The diff over {@code catalog} (its empty axes derived from both policies and completed with
   * witnesses, as the class documentation describes), deciding both at one instant of {@code
   * clock}.
   */
  public static PolicyDiff between(
      Policy before, Policy after, Catalog catalog, InstantSource clock) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    DiffProbes probes = DiffProbes.of(before, after, catalog);
    InstantSource at = InstantSource.fixed(clock.instant());
    DecisionEngine old = DecisionEngine.builder(before).cacheSize(0).clock(at).build();
    DecisionEngine neu = DecisionEngine.builder(after).cacheSize(0).clock(at).build();
    List<DecisionChange> out = new ArrayList<>();
    int n = 0;
    for (DelegationChain chain : probes.subjects()) {
      for (CatalogTool t : probes.tools()) {
        for (CatalogResource r : probes.resources()) {
          Request request = Request.of(chain, t.tool().id(), r.id());
          Decision b = old.decide(request);
          Decision a = neu.decide(request);
          n++;
          if (b.effect() != a.effect()) {
            out.add(new DecisionChange(chain, t, r, b, a));
          }
        }
      }
    }
    return new PolicyDiff(probes.catalog(), out, n, probes.inexact());
  }

  /**
   * Whether the probes cover every request that could change: true when {@link #inexactReasons()}
   * is empty.
   */
  public boolean isExact() {
    return inexactReasons.isEmpty();
  }

  /** Why the diff may miss changes, one readable line each; empty when it is exact. */
  public List<String> inexactReasons() {
    return inexactReasons;
  }

  /** Whether some probed request goes from deny to allow. */
  public boolean widens() {
    return changes.stream().anyMatch(DecisionChange::widens);
  }

  /**
   * The catalog the probes started from, with its empty axes derived from both policies (the
   * witnesses and chains added for the diff are not in it).
   */
  public Catalog catalog() {
    return catalog;
  }

  /** How many requests were decided by each policy. */
  public int compared() {
    return compared;
  }

  /** Every changed request, in catalog order (subject, tool, resource). */
  public List<DecisionChange> changes() {
    return changes;
  }

  /** Whether no probed request changes its effect. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Which way the change goes. */
  public Direction direction() {
    boolean widens = changes.stream().anyMatch(DecisionChange::widens);
    boolean narrows = changes.stream().anyMatch(DecisionChange::narrows);
    return widens
        ? (narrows ? Direction.BOTH : Direction.WIDENS)
        : (narrows ? Direction.NARROWS : Direction.UNCHANGED);
  }

  /** Whether no probed request goes from deny to allow (also true when nothing changes). */
  public boolean narrowsOnly() {
    return changes.stream().noneMatch(DecisionChange::widens);
  }

  /** Whether no probed request goes from allow to deny (also true when nothing changes). */
  public boolean widensOnly() {
    return changes.stream().noneMatch(DecisionChange::narrows);
  }

  /** The changes grouped by subject, then by tool label, in catalog order. */
  public Map<String, Map<String, List<DecisionChange>>> bySubjectAndTool() {
    Map<String, Map<String, List<DecisionChange>>> out = new LinkedHashMap<>();
    for (DecisionChange c : changes) {
      out.computeIfAbsent(c.subject(), k -> new LinkedHashMap<>())
          .computeIfAbsent(c.tool().label(), k -> new ArrayList<>())
          .add(c);
    }
    out.replaceAll(
        (k, v) -> {
          v.replaceAll((t, list) -> List.copyOf(list));
          return java.util.Collections.unmodifiableMap(v);
        });
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "PolicyDiff["
        + direction()
        + ", "
        + changes.size()
        + " of "
        + compared
        + " requests change"
        + (isExact() ? "" : ", inexact")
        + "]";
  }
}
