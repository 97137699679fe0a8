package io.toolgate.analysis;

import io.toolgate.Effect;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.PrincipalType;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolPattern;
import io.toolgate.spi.Grant;
import io.toolgate.spi.RoleDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the {@link Finding}s of one analyzer, optionally against a decision log. Only active
 * principals are judged: suspended and decommissioned ones are denied everything anyway.
 */
final class Findings {
  private final PolicyAnalyzer analyzer;
  private final Policy policy;
  private final DecisionLog log;
  private final Map<String, EffectivePermissions> effective = new HashMap<>();

  Findings(PolicyAnalyzer analyzer, DecisionLog log) {
    this.analyzer = analyzer;
    this.policy = analyzer.policy();
    this.log = log;
  }

  List<Finding> all() {
    List<Finding> out = new ArrayList<>();
    for (Principal p : policy.principals()) {
      if (p.state() != LifecycleState.ACTIVE) {
        continue;
      }
      definition(p, out);
      wildcards(p, out);
      exceedsOwner(p, out);
      shadowed(p, out);
      if (log != null) {
        unused(p, out);
      }
    }
    unusedRoles(out);
    lookalikes(out);
    out.sort(Comparator.comparing(Finding::severity).reversed());
    return List.copyOf(out);
  }

  private EffectivePermissions effective(String principal) {
    return effective.computeIfAbsent(principal, analyzer::effectivePermissions);
  }

  private void definition(Principal p, List<Finding> out) {
    if (p.type() == PrincipalType.AGENT && p.owner().isEmpty()) {
      out.add(
          new Finding(
              FindingKind.NO_OWNER,
              Severity.MEDIUM,
              p.id(),
              "",
              "agent '"
                  + p.id()
                  + "' has no owner, so no user answers for it and suspending a user never stops it",
              "give it an owner (the user it acts for)"));
    }
    if (p.type() != PrincipalType.USER && p.expiry().isEmpty()) {
      out.add(
          new Finding(
              FindingKind.NO_EXPIRY,
              Severity.LOW,
              p.id(),
              "",
              p.type().name().toLowerCase(java.util.Locale.ROOT)
                  + " '"
                  + p.id()
                  + "' has no expiry, so its grants never lapse",
              "give it an expiry and renew it when still needed"));
    }
  }

  /**
   * Ids that are different strings, so different principals (or delegations) to the engine, but
   * equal once NFC-normalized and case-folded: a grant or deny written for one silently misses the
   * other, and people (and identity providers that fold case) read them as one. HIGH when they are
   * equal after NFC alone (they render identically, so no review can tell them apart), MEDIUM when
   * they differ in case (visible, but easy to miss).
   */
  private void lookalikes(List<Finding> out) {
    List<String> principals = new ArrayList<>();
    policy.principals().forEach(p -> principals.add(p.id()));
    lookalikes(principals, "principal", out);
    Set<String> delegations = new LinkedHashSet<>();
    for (io.toolgate.DelegationChain c : analyzer.catalog().chains()) {
      c.hops().forEach(h -> h.id().ifPresent(delegations::add));
    }
    lookalikes(List.copyOf(delegations), "delegation", out);
  }

  private static void lookalikes(List<String> ids, String what, List<Finding> out) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String id : ids) {
      byKey.computeIfAbsent(lookalikeKey(id), k -> new ArrayList<>()).add(id);
    }
    for (List<String> group : byKey.values()) {
      if (group.size() < 2) {
        continue;
      }
      Set<String> nfc = new HashSet<>();
      group.forEach(
          id -> nfc.add(java.text.Normalizer.normalize(id, java.text.Normalizer.Form.NFC)));
      boolean identical = nfc.size() < group.size();
      List<String> quoted = group.stream().map(id -> "'" + id + "'").toList();
      out.add(
          new Finding(
              FindingKind.LOOKALIKE_IDS,
              identical ? Severity.HIGH : Severity.MEDIUM,
              what.equals("principal") ? group.get(1) : "",
              "",
              what
                  + " ids "
                  + String.join(", ", quoted)
                  + " differ only in "
                  + (identical
                      ? "Unicode normalization (equal after NFC)"
                      : "case or Unicode normalization")
                  + "; the engine treats them as different "
                  + what
                  + "s",
              "rename so that ids differ in more than case and normalization, or merge them"));
    }
  }

  /** The id NFC-normalized and case-folded: equal keys are ids people cannot tell apart. */
  static String lookalikeKey(String id) {
    String nfc = java.text.Normalizer.normalize(id, java.text.Normalizer.Form.NFC);
    return nfc.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT);
  }

  private void wildcards(Principal p, List<Finding> out) {
    EffectivePermissions eff = null;
    for (Grant g : analyzer.grantsOf(p.id())) {
      List<ToolPattern> wild = g.tools().stream().filter(t -> !t.isExact()).toList();
      if (g.effect() != Effect.ALLOW || wild.isEmpty()) {
        continue;
      }
      if (eff == null) {
        eff = effective(p.id());
      }
      Set<String> destructive = new LinkedHashSet<>();
      Set<String> openWorld = new LinkedHashSet<>();
      Set<String> unknown = new LinkedHashSet<>();
      Set<String> safe = new LinkedHashSet<>();
      for (Reach r : eff.reaches()) {
        if (r.grants().stream().noneMatch(ref -> ref.ruleId().equals(g.ruleId()))
            || wild.stream().noneMatch(t -> t.matches(r.tool().tool().id()))) {
          continue;
        }
        String label = r.tool().label();
        // A tool's hints are known when the policy's catalog (or the analyzer's) declares them.
        boolean known =
            !r.tool().isPattern()
                && (policy.hasToolCatalog()
                    || !r.tool()
                        .tool()
                        .annotations()
                        .equals(io.toolgate.ToolAnnotations.UNANNOTATED));
        if (!known) {
          unknown.add(label);
        } else if (r.tool().isDestructive()) {
          destructive.add(label);
        } else if (r.tool().isOpenWorld()) {
          openWorld.add(label);
        } else {
          safe.add(label);
        }
      }
      String patterns = String.join(", ", wild.stream().map(ToolPattern::toString).toList());
      if (!destructive.isEmpty() || !openWorld.isEmpty()) {
        Set<String> dangerous = new LinkedHashSet<>(destructive);
        dangerous.addAll(openWorld);
        out.add(
            new Finding(
                FindingKind.WILDCARD_DANGEROUS_TOOL,
                destructive.isEmpty() ? Severity.MEDIUM : Severity.HIGH,
                p.id(),
                g.ruleId(),
                "wildcard '"
                    + patterns
                    + "' reaches "
                    + (destructive.isEmpty() ? "" : "destructive " + destructive)
                    + (destructive.isEmpty() || openWorld.isEmpty() ? "" : " and ")
                    + (openWorld.isEmpty() ? "" : "open-world " + openWorld)
                    + " tools",
                safe.isEmpty()
                    ? "list exact tools instead, or deny " + dangerous
                    : "list exact tools instead ("
                        + String.join(", ", safe)
                        + "), or deny "
                        + dangerous));
      } else if (!unknown.isEmpty()) {
        out.add(
            new Finding(
                FindingKind.WILDCARD_DANGEROUS_TOOL,
                Severity.MEDIUM,
                p.id(),
                g.ruleId(),
                "wildcard '"
                    + patterns
                    + "' reaches tools without catalog annotations "
                    + unknown
                    + ", which MCP assumes destructive and open-world",
                "declare a tool catalog with annotations, or list exact tools instead"));
      }
    }
  }

  private void exceedsOwner(Principal p, List<Finding> out) {
    if (p.owner().isEmpty()) {
      return;
    }
    String owner = p.owner().get();
    EffectivePermissions mine = effective(p.id());
    EffectivePermissions theirs = effective(owner);
    Map<String, List<Reach>> byGrant = new LinkedHashMap<>();
    for (Reach r : mine.reaches()) {
      if (!theirs.reaches(r.tool().label(), r.resource().label())) {
        for (GrantRef g : r.grants()) {
          byGrant.computeIfAbsent(g.ruleId(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    byGrant.forEach(
        (grant, reaches) -> {
          boolean destructive = reaches.stream().anyMatch(r -> r.tool().isDestructive());
          List<String> what =
              reaches.stream()
                  .map(r -> r.tool().label() + " on " + r.resource().label())
                  .distinct()
                  .toList();
          out.add(
              new Finding(
                  FindingKind.EXCEEDS_OWNER,
                  destructive ? Severity.MEDIUM : Severity.LOW,
                  p.id(),
                  grant,
                  "'"
                      + p.id()
                      + "' can reach "
                      + String.join(", ", what)
                      + ", which its owner '"
                      + owner
                      + "' cannot (a chain "
                      + owner
                      + " -> "
                      + p.id()
                      + " is still denied)",
                  "narrow "
                      + grant
                      + " to what '"
                      + owner
                      + "' holds, or let '"
                      + p.id()
                      + "' act only through chains from its owner"));
        });
  }

  private void shadowed(Principal p, List<Finding> out) {
    List<Grant> grants = analyzer.grantsOf(p.id());
    List<Grant> unconditional =
        grants.stream().filter(g -> g.effect() == Effect.DENY && !g.isConditional()).toList();
    if (unconditional.isEmpty()) {
      return;
    }
    Set<String> reported = new HashSet<>();
    for (Grant a : grants) {
      if (a.effect() != Effect.ALLOW || !reported.add(a.ruleId())) {
        continue;
      }
      // A deny scoped to one tenant shadows only allows scoped to that same tenant.
      List<Grant> denies =
          unconditional.stream()
              .filter(d -> !d.isTenantScoped() || d.tenant().equals(a.tenant()))
              .toList();
      Set<String> by = new LinkedHashSet<>();
      boolean covered = true;
      for (ToolPattern t : a.tools()) {
        for (String r : resources(a.resources())) {
          Grant d = coveringDeny(denies, t.toString(), r);
          if (d == null) {
            covered = false;
            break;
          }
          by.add(d.ruleId());
        }
        if (!covered) {
          break;
        }
      }
      if (covered) {
        out.add(
            new Finding(
                FindingKind.SHADOWED_GRANT,
                Severity.LOW,
                p.id(),
                a.ruleId(),
                "allow "
                    + a.ruleId()
                    + " never allows anything: deny "
                    + String.join(", ", by)
                    + " covers all of it",
                "remove "
                    + a.ruleId()
                    + ", or narrow "
                    + String.join(", ", by)
                    + " if the allow was meant"));
      }
    }
  }

  private static List<String> resources(List<ResourcePattern> patterns) {
    return patterns.isEmpty()
        ? List.of("**")
        : patterns.stream().map(ResourcePattern::toString).toList();
  }

  private static Grant coveringDeny(List<Grant> denies, String tool, String resource) {
    for (Grant d : denies) {
      boolean toolCovered = d.tools().stream().anyMatch(t -> Patterns.covers(t.text(), tool));
      boolean resourceCovered =
          d.resources().isEmpty()
              || d.resources().stream().anyMatch(r -> Patterns.covers(r.text(), resource));
      if (toolCovered && resourceCovered) {
        return d;
      }
    }
    return null;
  }

  private void unused(Principal p, List<Finding> out) {
    Set<String> used = new HashSet<>();
    for (LoggedDecision d : log.decisions()) {
      if (d.isAllowed() && d.chain().contains(p.id())) {
        used.addAll(d.rules());
      }
    }
    Set<String> seen = new HashSet<>();
    for (Grant g : analyzer.grantsOf(p.id())) {
      if (g.effect() == Effect.ALLOW && seen.add(g.ruleId()) && !used.contains(g.ruleId())) {
        out.add(
            new Finding(
                FindingKind.UNUSED_GRANT,
                Severity.LOW,
                p.id(),
                g.ruleId(),
                "no allowed request of '"
                    + p.id()
                    + "' in the log ("
                    + log.decisions().size()
                    + " decisions) used "
                    + g.ruleId()
                    + " ("
                    + g.source()
                    + ")",
                "remove it if it is not needed, or tighten the policy from the log"));
      }
    }
  }

  private void unusedRoles(List<Finding> out) {
    RoleDirectory roles = policy.service(RoleDirectory.class).orElse(null);
    if (roles == null) {
      return;
    }
    roles
        .roleHolders()
        .forEach(
            (role, holders) -> {
              if (holders.isEmpty()) {
                out.add(
                    new Finding(
                        FindingKind.UNUSED_ROLE,
                        Severity.LOW,
                        "",
                        "role:" + role,
                        "role '" + role + "' is held by nobody, not even through inheritance",
                        "remove the role, or assign it"));
              }
            });
  }
}
