package io.toolgate.internal.engine;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.GrantIndex;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whitelist: per-principal allow and deny entries, the first user of the plug-in SPI. Each
 * principal's entries are compiled into its own {@link GrantIndex}, so a decision looks only at
 * that principal's grants, and among them only at those whose literal prefixes match.
 */
public final class WhitelistModule implements PolicyModule {
  private final Map<String, List<AccessEntry>> entries;

  /** The whitelist of {@code entries}, keyed by principal id. */
  public WhitelistModule(Map<String, List<AccessEntry>> entries) {
    this.entries = entries;
  }

  @Override
  public String name() {
    return "whitelist";
  }

  @Override
  public String fingerprint() {
    // Principals and entries are already in the policy's canonical form; nothing to add.
    return "whitelist";
  }

  @Override
  public CompiledModule compile(PolicyView view) {
    Map<String, GrantIndex<AccessEntry>> indexes = new HashMap<>(entries.size() * 2);
    entries.forEach(
        (principal, list) -> {
          GrantIndex.Builder<AccessEntry> b = GrantIndex.builder();
          list.forEach(e -> b.add(e, e));
          indexes.put(principal, b.build());
        });
    return new Compiled(indexes, entries);
  }

  @Override
  public String toString() {
    return entries.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().size())
        .collect(Collectors.joining(", ", "whitelist{", "}"));
  }

  record Compiled(
      Map<String, GrantIndex<AccessEntry>> indexes, Map<String, List<AccessEntry>> entries)
      implements CompiledModule {
    // Visibility questions scan the principal's entries: they come with a tool list, not with
    // every call, so the linear scan is not on the decision path.
    @Override
    public boolean mayAllow(Principal principal, Tool tool, Session session) {
      for (AccessEntry e : entries.getOrDefault(principal.id(), List.of())) {
        if (e.effect() == Effect.ALLOW && !e.isLogOnly() && coversTool(e, tool.id())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean deniesEverywhere(Principal principal, Tool tool, Session session) {
      for (AccessEntry e : entries.getOrDefault(principal.id(), List.of())) {
        if (e.effect() == Effect.DENY
            && !e.isLogOnly()
            && coversTool(e, tool.id())
            && (e.resources().isEmpty() || e.resources().contains(ResourcePattern.ANY))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Set<String> approvals() {
      Set<String> ids = new HashSet<>();
      entries.values().forEach(l -> l.forEach(e -> addIfApproval(e, ids)));
      return ids;
    }

    private static void addIfApproval(AccessEntry e, Set<String> ids) {
      if (e.approvalRequired()) {
        ids.add(e.id());
      }
    }

    @Override
    public boolean reportsGrants() {
      return true;
    }

    @Override
    public List<Grant> grants(Principal principal) {
      List<AccessEntry> list = entries.getOrDefault(principal.id(), List.of());
      List<Grant> out = new java.util.ArrayList<>(list.size());
      for (AccessEntry e : list) {
        if (e.isLogOnly()) {
          continue; // grants nothing and forbids nothing
        }
        out.add(
            new Grant(
                "whitelist",
                e.id(),
                e.effect(),
                e.tools(),
                e.resources(),
                "",
                "",
                GrantSource.ENTRY));
      }
      return out;
    }

    /**
     * One matching entry's verdict (a method, not a capturing lambda: a miss allocates no sink).
     */
    private static void record(Verdicts verdicts, AccessEntry entry) {
      if (entry.isLogOnly()) {
        verdicts.logOnly(entry.id());
      } else if (entry.effect() == Effect.ALLOW) {
        verdicts.allow(entry.id());
      } else {
        verdicts.deny(entry.id());
      }
    }

    private static boolean coversTool(AccessEntry e, ToolId tool) {
      for (ToolPattern p : e.tools()) {
        if (p.matches(tool)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void evaluate(Query query, Verdicts verdicts) {
      evaluate(query.principal(), query.tool().id(), query.resource().id(), verdicts);
    }

    /** {@link #evaluate(Query, Verdicts)} without a query object, for the residual compiler. */
    void evaluate(Principal principal, ToolId tool, ResourceId resource, Verdicts verdicts) {
      GrantIndex<AccessEntry> index = indexes.get(principal.id());
      if (index == null) {
        return;
      }
      index.forEachMatch(tool, resource, verdicts, Compiled::record);
    }
  }
}
