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
 * The requests whose decision changes between two policies: what a reviewer needs before a
 * rollout. Every subject of a {@link Catalog} (each principal acting for itself, and each chain)
 * times every tool times every resource is decided by two uncached engines at one instant, and
 * each request whose effect differs is listed with both decisions, grouped by subject and tool.
 * The diff is exact over its catalog and says nothing about requests outside it. Immutable.
 */
public final class PolicyDiff {
  private final Catalog catalog;
  private final List<DecisionChange> changes;
  private final int compared;

  private PolicyDiff(Catalog catalog, List<DecisionChange> changes, int compared) {
    this.catalog = catalog;
    this.changes = List.copyOf(changes);
    this.compared = compared;
  }

  /** The diff over a catalog derived from both policies, at the system clock's instant. */
  public static PolicyDiff between(Policy before, Policy after) {
    return between(before, after, Catalog.derived(), InstantSource.system());
  }

  /**
   * The diff over {@code catalog} (its empty axes derived from both policies), deciding both at
   * one instant of {@code clock}.
   */
  public static PolicyDiff between(Policy before, Policy after, Catalog catalog, InstantSource clock) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Catalog c = catalog.derivedFrom(List.of(before, after));
    InstantSource at = InstantSource.fixed(clock.instant());
    DecisionEngine old = DecisionEngine.builder(before).cacheSize(0).clock(at).build();
    DecisionEngine neu = DecisionEngine.builder(after).cacheSize(0).clock(at).build();
    List<DelegationChain> subjects = new ArrayList<>();
    c.principals().forEach(p -> subjects.add(DelegationChain.of(p)));
    subjects.addAll(c.chains());
    List<DecisionChange> out = new ArrayList<>();
    int n = 0;
    for (DelegationChain chain : subjects) {
      for (CatalogTool t : c.tools()) {
        for (CatalogResource r : c.resources()) {
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
    return new PolicyDiff(c, out, n);
  }

  /** The catalog probed, with its empty axes derived from both policies. */
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
    return widens ? (narrows ? Direction.BOTH : Direction.WIDENS) : (narrows ? Direction.NARROWS : Direction.UNCHANGED);
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
          .computeIfAbsent(c.tool().label(), k -> new ArrayList<>()).add(c);
    }
    out.replaceAll((k, v) -> {
      v.replaceAll((t, list) -> List.copyOf(list));
      return java.util.Collections.unmodifiableMap(v);
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "PolicyDiff[" + direction() + ", " + changes.size() + " of " + compared + " requests change]";
  }
}
