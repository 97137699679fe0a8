package io.toolgate.analysis;

import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.Grant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The requests a {@link PolicyDiff} decides, and why the diff may not be exact. Built from the
 * catalog (its empty axes derived from both policies), then completed so that, for what the probes
 * can express, every request whose decision differs has a probe that decides alike:
 *
 * <ul>
 *   <li>tools and resources: a witness for every combination of the policies' patterns that some id
 *       realises ({@link PatternAtoms}), checked with the real matchers;
 *   <li>subjects: every principal acting for itself, the catalog's chains, and every chain of
 *       distinct principals up to the larger of the two maximum delegation depths (unscoped: a
 *       delegation scope only removes what the chain may do, the same way under both policies).
 * </ul>
 */
record DiffProbes(
    Catalog catalog,
    List<DelegationChain> subjects,
    List<CatalogTool> tools,
    List<CatalogResource> resources,
    List<String> inexact) {
  /** Product states explored per axis before the witness search gives up. */
  static final int MAX_STATES = 20_000;

  /** Requests decided (per policy) before chain generation stops. */
  static final long MAX_REQUESTS = 1_000_000;

  DiffProbes {
    subjects = List.copyOf(subjects);
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    inexact = List.copyOf(inexact);
  }

  static DiffProbes of(Policy before, Policy after, Catalog given) {
    List<Policy> both = List.of(before, after);
    Catalog c = given.derivedFrom(both);
    Set<String> inexact = new LinkedHashSet<>();

    List<CatalogTool> tools = new ArrayList<>(c.tools());
    if (given.tools().isEmpty()) {
      Set<String> patterns = new LinkedHashSet<>();
      both.forEach(p -> patterns.addAll(c.toolPatterns(p)));
      List<ToolPattern> compiled = patterns.stream().map(ToolPattern::parse).toList();
      addAtoms(
          List.copyOf(patterns),
          PatternAtoms.Shape.TOOL,
          "tool",
          inexact,
          tools,
          t -> signature(compiled, p -> p.matches(t.tool().id())),
          w -> {
            ToolId id = ToolId.parse(w);
            return new CatalogTool(label(patterns, compiled, p -> p.matches(id), w), Tool.of(id));
          });
    } else {
      inexact.add("tools: only the given catalog's tools are probed");
    }

    List<CatalogResource> resources = new ArrayList<>(c.resources());
    if (given.resources().isEmpty()) {
      Set<String> patterns = new LinkedHashSet<>();
      both.forEach(p -> patterns.addAll(c.resourcePatterns(p)));
      List<ResourcePattern> compiled = patterns.stream().map(ResourcePattern::parse).toList();
      addAtoms(
          List.copyOf(patterns),
          PatternAtoms.Shape.RESOURCE,
          "resource",
          inexact,
          resources,
          r -> r.id().isNone() ? null : signature(compiled, p -> p.matches(r.id())),
          w -> {
            ResourceId id = ResourceId.of(w);
            return new CatalogResource(
                label(patterns, compiled, p -> p.matches(id), id.value()), id);
          });
    } else {
      inexact.add("resources: only the given catalog's resources are probed");
    }

    List<DelegationChain> subjects = new ArrayList<>();
    c.principals().forEach(p -> subjects.add(DelegationChain.of(p)));
    subjects.addAll(c.chains());
    int depth = Math.max(before.maxDelegationDepth(), after.maxDelegationDepth());
    long perSubject = Math.max(1L, (long) tools.size() * resources.size());
    long budget = Math.max(0, MAX_REQUESTS / perSubject - subjects.size());
    if (!chains(c.principals(), depth, budget, subjects)) {
      inexact.add(
          "chains: not every chain of up to "
              + (depth + 1)
              + " principals was probed (more than "
              + MAX_REQUESTS
              + " requests); chains named in the catalog are");
    }

    for (Policy p : both) {
      String which = p == before ? "old" : "new";
      p.modulesWithoutGrantReports()
          .forEach(
              m ->
                  inexact.add(
                      which
                          + " policy: module '"
                          + m
                          + "' reports no grants, so its patterns have no witnesses"));
      Set<String> conditional = new LinkedHashSet<>();
      Set<String> tenant = new LinkedHashSet<>();
      for (var principal : p.principals()) {
        for (Grant g : p.grants(principal.id())) {
          if (g.isConditional()) {
            conditional.add(g.ruleId());
          }
          if (g.isTenantScoped()) {
            tenant.add(g.ruleId());
          }
        }
      }
      if (!conditional.isEmpty()) {
        inexact.add(
            which
                + " policy: conditions on arguments, environment or time are not varied (probes "
                + "carry none): "
                + abbreviated(conditional));
      }
      if (!tenant.isEmpty()) {
        inexact.add(
            which
                + " policy: tenant-scoped grants are probed without a session, only in the "
                + "tenants the witnesses name: "
                + abbreviated(tenant));
      }
    }
    return new DiffProbes(c, subjects, tools, resources, List.copyOf(inexact));
  }

  /**
   * Adds a witness for each combination of patterns the probes do not cover yet. Candidates that
   * are not valid ids are skipped; a combination left without a valid witness makes the diff
   * inexact.
   */
  private static <T> void addAtoms(
      List<String> patterns,
      PatternAtoms.Shape shape,
      String axis,
      Set<String> inexact,
      List<T> probes,
      Function<T, BitSet> signatureOf,
      Function<String, T> probeOf) {
    Set<BitSet> covered = new LinkedHashSet<>();
    probes.forEach(
        t -> {
          BitSet sig = signatureOf.apply(t);
          if (sig != null) {
            covered.add(sig);
          }
        });
    PatternAtoms.Result atoms = PatternAtoms.of(patterns, shape, MAX_STATES);
    if (!atoms.complete()) {
      inexact.add(
          axis
              + "s: the witness search stopped after "
              + MAX_STATES
              + " states of "
              + patterns.size()
              + " patterns");
    }
    int missing = 0;
    for (Map.Entry<BitSet, List<String>> atom : atoms.candidates().entrySet()) {
      if (covered.contains(atom.getKey())) {
        continue;
      }
      for (String candidate : atom.getValue()) {
        T probe;
        try {
          probe = probeOf.apply(candidate);
        } catch (IllegalArgumentException notAnId) {
          continue;
        }
        BitSet sig = signatureOf.apply(probe);
        if (sig != null && covered.add(sig)) {
          probes.add(probe);
        }
      }
      if (!covered.contains(atom.getKey())) {
        missing++;
      }
    }
    if (missing > 0) {
      inexact.add(
          axis
              + "s: "
              + missing
              + " combination(s) of patterns have no witness that is a valid "
              + axis
              + " id");
    }
  }

  private static <P> BitSet signature(List<P> patterns, Predicate<P> matches) {
    BitSet sig = new BitSet();
    for (int i = 0; i < patterns.size(); i++) {
      if (matches.test(patterns.get(i))) {
        sig.set(i);
      }
    }
    return sig;
  }

  /**
   * What a witness stands for: the patterns it matches and those it escapes among the ones that
   * overlap them, {@code repo:a* not repo:ax* (repo:a)}; the witness alone when it matches none.
   */
  private static <P> String label(
      Set<String> texts, List<P> patterns, Predicate<P> matches, String witness) {
    List<String> all = List.copyOf(texts);
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (matches.test(patterns.get(i)) ? in : out).add(all.get(i));
    }
    if (in.isEmpty()) {
      return witness + " (no pattern)";
    }
    List<String> escaped =
        out.stream().filter(o -> in.stream().anyMatch(i -> Patterns.intersects(i, o))).toList();
    return String.join(" & ", in)
        + (escaped.isEmpty() ? "" : " not " + String.join(", ", escaped))
        + " ("
        + witness
        + ")";
  }

  /**
   * Adds every chain of 2 to {@code depth + 1} distinct principals, shortest first, at most {@code
   * budget} of them; returns whether all were added.
   */
  private static boolean chains(
      List<String> principals, int depth, long budget, List<DelegationChain> out) {
    Set<DelegationChain> seen = new LinkedHashSet<>(out);
    List<List<String>> level = new ArrayList<>();
    principals.forEach(p -> level.add(List.of(p)));
    long added = 0;
    for (int size = 2; size <= depth + 1; size++) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : level) {
        for (String p : principals) {
          if (prefix.contains(p)) {
            continue;
          }
          if (added >= budget) {
            return false;
          }
          List<String> chain = new ArrayList<>(prefix);
          chain.add(p);
          next.add(chain);
          DelegationChain c = DelegationChain.of(chain.get(0));
          for (int i = 1; i < chain.size(); i++) {
            c = c.then(chain.get(i));
          }
          if (seen.add(c)) {
            out.add(c);
            added++;
          }
        }
      }
      level.clear();
      level.addAll(next);
    }
    return true;
  }

  private static String abbreviated(Set<String> ids) {
    List<String> list = List.copyOf(ids);
    return String.join(", ", list.subList(0, Math.min(5, list.size())))
        + (list.size() > 5 ? " and " + (list.size() - 5) + " more" : "");
  }
}
