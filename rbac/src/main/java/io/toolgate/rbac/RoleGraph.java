package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.GrantIndex;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The principal-independent part of an {@link RbacPolicy}, compiled once per module: role ids, the
 * inheritance closure of every role as a bit set, one {@link GrantIndex} over every role's own
 * entries, and the separation-of-duty constraints as bit masks. Immutable and thread-safe.
 *
 * <p>Design. Role {@code i} is bit {@code i}. Roles are visited in topological order (parents
 * first), so {@code closure[r] = {r} | closure[p1] | closure[p2] | ...} costs one OR of {@code
 * ceil(roles / 64)} words per edge: O((roles + edges) * roles / 64) in all. A principal's effective
 * role set is the OR of the closures of its assigned roles: no graph walk at decision time.
 *
 * <p>Grants are not copied per principal. Each entry becomes one {@link Grant} naming its role,
 * filed under each of its tool patterns: exact tool names in a hash map, wildcard patterns in one
 * {@link GrantIndex}. A decision looks up the grants whose tool pattern covers the call, keeps
 * those whose role bit is set in the principal's effective set, and tests their resource patterns.
 * Memory is O(grants + principals * roles / 64) instead of O(principals * effective grants); a
 * lookup costs one hash lookup and one walk of the tool id, one bit test per candidate and one
 * linear glob match per held candidate's resource pattern.
 *
 * <p>Why grants are keyed by tool only: the core index files, under every distinct tool pattern, a
 * trie of its resource patterns. At 100,000 grants with mostly distinct tool patterns that is one
 * trie (about ten nodes) per grant, which measured 1 to 4 s to build on a loaded machine, against
 * about 0.1 s keyed by tool alone (exact tool names skip even that, into one hash map). The price
 * is paid only when many held grants share a tool pattern and differ by resource: each is then
 * matched in turn.
 */
final class RoleGraph {
  /**
   * One entry of role {@code role} in the shared index, filed under each of its tool patterns; its
   * resource patterns are tested after the role bit.
   */
  static final class Grant {
    final int role;
    final String entryId;
    final Effect effect;

    /** Whether the entry is only recorded ({@link AccessEntry.Mode#LOG_ONLY}). */
    final boolean logOnly;

    /** The entry's resource patterns; empty covers every resource. */
    private final ResourcePattern[] resources;

    Grant(int role, AccessEntry entry) {
      this.role = role;
      this.entryId = entry.id();
      this.effect = entry.effect();
      this.logOnly = entry.isLogOnly();
      this.resources = entry.resources().toArray(new ResourcePattern[0]);
    }

    boolean covers(ResourceId resource) {
      if (resources.length == 0) {
        return true;
      }
      for (ResourcePattern r : resources) {
        if (r.matches(resource)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A separation-of-duty constraint over role ids. */
  record Constraint(SodConstraint definition, long[] mask) {}

  /** A constraint violated by a role set, with the conflicting roles it holds. */
  record Violation(SodConstraint constraint, List<String> roles) {
    /** The rule id decisions carry: {@code sod:<name>}. */
    String ruleId() {
      return "sod:" + constraint.name();
    }

    /** Explains a dynamic violation by {@code principal}. */
    String detail(String principal) {
      return "dynamic separation of duty '"
          + constraint.name()
          + "': "
          + RoleGraph.quoteAll(roles)
          + " are all active for '"
          + principal
          + "' in one session; at most "
          + (constraint.cardinality() - 1)
          + " of "
          + constraint.roles()
          + " may be";
    }
  }

  private final List<Role> roles;
  private final String[] names;
  private final Map<String, Integer> ids;
  private final int[][] parents;
  private final long[][] closure;
  private final int words;

  /** Grants filed under exact tool names (the common case), by qualified name. */
  private final Map<String, Grant[]> exactTools;

  /** Grants filed under tool patterns with a wildcard. */
  private final GrantIndex<Grant> toolPatterns;

  final List<Constraint> ssd;
  final List<Constraint> dsd;

  /** Compiles a validated role set: parents defined, no cycles, constraints over defined roles. */
  RoleGraph(List<Role> roles, List<SodConstraint> constraints) {
    this.roles = List.copyOf(roles);
    int n = roles.size();
    this.words = (n + 63) >>> 6;
    this.names = new String[n];
    this.ids = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      names[i] = roles.get(i).name();
      ids.put(names[i], i);
    }
    this.parents = new int[n][];
    for (int i = 0; i < n; i++) {
      parents[i] = roles.get(i).parents().stream().mapToInt(ids::get).toArray();
    }
    this.closure = new long[n][];
    for (int r : topologicalOrder(n)) {
      long[] c = new long[words];
      c[r >>> 6] |= 1L << r;
      for (int p : parents[r]) {
        long[] pc = closure[p];
        for (int w = 0; w < words; w++) {
          c[w] |= pc[w];
        }
      }
      closure[r] = c;
    }
    GrantIndex.Builder<Grant> b = GrantIndex.builder();
    Map<String, Object> exact = new HashMap<>();
    // Role by role, allow entries before deny entries: the order of a decision's rule ids then
    // depends only on what a policy document keeps (roles, and each of allow and deny in order).
    for (int r = 0; r < n; r++) {
      for (AccessEntry e : byEffect(roles.get(r).entries())) {
        Grant g = new Grant(r, e);
        for (ToolPattern t : e.tools()) {
          if (t.isExact()) {
            exact.merge(t.toString(), g, RoleGraph::append);
          } else {
            b.add(t, ResourcePattern.ANY, g);
          }
        }
      }
    }
    Map<String, Grant[]> frozen = new HashMap<>(exact.size() * 2);
    exact.forEach(
        (tool, grants) ->
            frozen.put(
                tool,
                grants instanceof Grant g
                    ? new Grant[] {g}
                    : ((List<?>) grants).toArray(new Grant[0])));
    this.exactTools = frozen;
    this.toolPatterns = b.build();
    List<Constraint> s = new ArrayList<>();
    List<Constraint> d = new ArrayList<>();
    for (SodConstraint c : constraints) {
      long[] mask = new long[words];
      c.roles().forEach(name -> set(mask, ids.get(name)));
      (c.kind() == SodConstraint.Kind.STATIC ? s : d).add(new Constraint(c, mask));
    }
    this.ssd = List.copyOf(s);
    this.dsd = List.copyOf(d);
  }

  /** Parents before children (Kahn's algorithm); the graph is known to be acyclic. */
  private int[] topologicalOrder(int n) {
    int[] pending = new int[n];
    List<List<Integer>> children = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      children.add(new ArrayList<>(0));
    }
    for (int i = 0; i < n; i++) {
      pending[i] = parents[i].length;
      for (int p : parents[i]) {
        children.get(p).add(i);
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    int[] order = new int[n];
    int k = 0;
    while (!ready.isEmpty()) {
      int r = ready.poll();
      order[k++] = r;
      for (int c : children.get(r)) {
        if (--pending[c] == 0) {
          ready.add(c);
        }
      }
    }
    if (k != n) {
      throw new IllegalStateException("role graph has a cycle; validation should have caught it");
    }
    return order;
  }

  /** Merges grants filed under one exact tool: a single grant, then a list. */
  private static Object append(Object old, Object add) {
    if (old instanceof Grant g) {
      List<Grant> list = new ArrayList<>(2);
      list.add(g);
      old = list;
    }
    @SuppressWarnings("unchecked")
    List<Grant> list = (List<Grant>) old;
    list.add((Grant) add);
    return list;
  }

  /** The entries, allow entries first, each effect in its own order. */
  private static List<AccessEntry> byEffect(List<AccessEntry> entries) {
    List<AccessEntry> out = new ArrayList<>(entries.size());
    entries.stream().filter(e -> e.effect() == Effect.ALLOW).forEach(out::add);
    entries.stream().filter(e -> e.effect() != Effect.ALLOW).forEach(out::add);
    return out;
  }

  /**
   * Passes every grant of a role in {@code roles} covering {@code tool} on {@code resource} to
   * {@code sink}: a hash lookup of the exact tool name, then the tool-pattern index, then per
   * candidate a bit test and the resource patterns.
   */
  void forEachGrant(ToolId tool, ResourceId resource, RoleSet roles, Consumer<Grant> sink) {
    Grant[] exact = exactTools.get(tool.qualifiedName());
    if (exact != null) {
      for (Grant g : exact) {
        if (roles.has(g.role) && g.covers(resource)) {
          sink.accept(g);
        }
      }
    }
    if (!toolPatterns.isEmpty()) {
      toolPatterns.forEachMatch(
          tool,
          resource,
          g -> {
            if (roles.has(g.role) && g.covers(resource)) {
              sink.accept(g);
            }
          });
    }
  }

  static void set(long[] bits, int id) {
    bits[id >>> 6] |= 1L << id;
  }

  static boolean has(long[] bits, int id) {
    return (bits[id >>> 6] & (1L << id)) != 0;
  }

  static String quoteAll(Collection<String> names) {
    List<String> q = names.stream().map(s -> "'" + s + "'").toList();
    if (q.size() <= 1) {
      return String.join("", q);
    }
    return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
  }

  int size() {
    return names.length;
  }

  int words() {
    return words;
  }

  String name(int id) {
    return names[id];
  }

  Role role(int id) {
    return roles.get(id);
  }

  /** The id of role {@code name}, or -1 if undefined. */
  int id(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  int[] parents(int id) {
    return parents[id];
  }

  /** ORs the closure of role {@code id} (itself and its ancestors) into {@code into}. */
  void addClosure(long[] into, int id) {
    long[] c = closure[id];
    for (int w = 0; w < words; w++) {
      into[w] |= c[w];
    }
  }

  /** A role set over {@code bits} with its dynamic violations computed. */
  RoleSet roleSet(long[] bits) {
    return new RoleSet(bits, violations(bits, dsd), this);
  }

  /**
   * The roles active when a request activates {@code active} out of {@code held}: the closure of
   * every named role the principal holds (NIST: a session may activate any authorized role, and an
   * active role brings its juniors). Names not held, or not defined, activate nothing.
   */
  RoleSet activate(RoleSet held, Collection<String> active) {
    long[] bits = new long[words];
    for (String name : active) {
      Integer id = ids.get(name);
      if (id != null && held.has(id)) {
        addClosure(bits, id);
      }
    }
    return roleSet(bits);
  }

  /** The constraints of {@code constraints} that {@code bits} violates, in order. */
  List<Violation> violations(long[] bits, List<Constraint> constraints) {
    List<Violation> found = null;
    for (Constraint c : constraints) {
      long[] mask = c.mask();
      int count = 0;
      for (int w = 0; w < words; w++) {
        count += Long.bitCount(bits[w] & mask[w]);
      }
      if (count >= c.definition().cardinality()) {
        if (found == null) {
          found = new ArrayList<>(1);
        }
        List<String> conflicting = new ArrayList<>();
        for (String r : c.definition().roles()) {
          if (has(bits, ids.get(r))) {
            conflicting.add(r);
          }
        }
        found.add(new Violation(c.definition(), List.copyOf(conflicting)));
      }
    }
    return found == null ? List.of() : List.copyOf(found);
  }

  /**
   * The shortest inheritance path from one of {@code seeds} (assigned roles, tried in order) down
   * to {@code target}: {@code [seed, ..., target]}, or an empty list if none reaches it. A
   * breadth-first search, for explanations and errors only: never on the decision path.
   */
  List<String> path(List<Integer> seeds, int target) {
    int[] previous = new int[names.length];
    java.util.Arrays.fill(previous, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s : seeds) {
      if (previous[s] == -2) {
        previous[s] = -1;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int r = queue.poll();
      if (r == target) {
        List<String> path = new ArrayList<>();
        for (int at = r; at != -1; at = previous[at]) {
          path.add(0, names[at]);
        }
        return List.copyOf(path);
      }
      for (int p : parents[r]) {
        if (previous[p] == -2) {
          previous[p] = r;
          queue.add(p);
        }
      }
    }
    return List.of();
  }

  @Override
  public String toString() {
    return roles.stream().map(Role::name).collect(Collectors.joining(", ", "roles{", "}"));
  }
}
