package io.toolgate.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The peer comparison's scenarios, generated deterministically (fixed seeds, no clock). Every
 * workload mixes allowed and denied requests; the reference model in {@link Scenario} answers them.
 */
final class Scenarios {
  /** The scenario names, as {@code PeerBenchmark}'s {@code scenario} parameter takes them. */
  static final List<String> NAMES =
      List.of("whitelist", "rbacSmall", "rbacLarge", "abac", "delegation");

  private Scenarios() {}

  static Scenario byName(String name) {
    return switch (name) {
      case "whitelist" -> whitelist(1_000);
      case "rbacSmall" -> rbacSmall();
      case "rbacLarge" -> rbacLarge();
      case "abac" -> abac();
      case "delegation" -> delegation();
      default ->
          throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    };
  }

  /**
   * Whitelist only: 10 agents sharing {@code grants} allow entries (no roles, no denies, no
   * conditions), over 50 servers: mostly exact tools, every fifth a whole server ({@code srv7/*}),
   * each on the resources under one organization ({@code repo:orgK/**}). Requests: the entry's own
   * calls, another agent's entry, a resource outside it.
   */
  static Scenario whitelist(int grants) {
    Scenario.Builder b =
        Scenario.builder("whitelist", "whitelist only: 10 agents, " + grants + " allow entries");
    int agents = 10;
    for (int a = 0; a < agents; a++) {
      b.principal("agent" + a);
    }
    for (int k = 0; k < grants; k++) {
      String holder = "agent" + (k % agents);
      String server = "srv" + (k % 50);
      Match tool = k % 5 == 4 ? Match.prefix(server + "/") : Match.exact(server + "/tool_" + k);
      b.grant(holder, false, true, tool, Match.prefix("repo:org" + k + "/"));
    }
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 16; i++) {
      int k = rnd.nextInt(grants);
      String server = "srv" + (k % 50);
      String tool = k % 5 == 4 ? server + "/any_op" : server + "/tool_" + k;
      String owner = "agent" + (k % agents);
      String other = "agent" + ((k + 1 + rnd.nextInt(agents - 1)) % agents);
      b.request(List.of(owner), tool, "repo:org" + k + "/api");
      b.request(List.of(owner), tool, "repo:org" + k + "/docs/readme");
      b.request(List.of(other), tool, "repo:org" + k + "/api");
      b.request(List.of(owner), tool, "repo:org" + (k + 1) + "/api");
    }
    return b.build();
  }

  /**
   * RBAC, small: 10 roles in a hierarchy up to 6 deep (single and multiple inheritance), 5 entries
   * per role (an exact tool, a tool prefix, a deny under {@code secret/}), 20 principals with one
   * or two roles each.
   */
  static Scenario rbacSmall() {
    Scenario.Builder b =
        Scenario.builder("rbacSmall", "RBAC: 20 principals, 10 roles (depth 6), 50 entries");
    List<List<String>> parents =
        List.of(
            List.of(),
            List.of("r0"),
            List.of("r1"),
            List.of("r0"),
            List.of("r2", "r3"),
            List.of(),
            List.of("r5"),
            List.of("r6", "r4"),
            List.of("r7"),
            List.of("r8", "r3"));
    for (int i = 0; i < 10; i++) {
      b.role("r" + i, parents.get(i));
      String server = "srv" + i;
      Match repo = Match.prefix("repo:acme/team" + i + "/");
      b.grant("r" + i, true, true, Match.exact(server + "/op_0"), repo);
      b.grant("r" + i, true, true, Match.exact(server + "/op_1"), repo);
      b.grant("r" + i, true, true, Match.prefix(server + "/list_"), repo);
      b.grant("r" + i, true, true, Match.exact(server + "/op_2"), Match.prefix("repo:acme/"));
      b.grant(
          "r" + i,
          true,
          false,
          Match.exact(server + "/op_0"),
          Match.prefix("repo:acme/team" + i + "/secret/"));
    }
    for (int p = 0; p < 20; p++) {
      String id = "u" + p;
      b.principal(id);
      b.assign(id, "r" + (p % 10));
      if (p % 3 == 0) {
        b.assign(id, "r" + ((p * 7 + 3) % 10));
      }
    }
    SplittableRandom rnd = new SplittableRandom(8);
    for (int p = 0; p < 20; p += 2) {
      List<String> chain = List.of("u" + p);
      for (int j = 0; j < 4; j++) {
        int role = rnd.nextInt(10);
        String server = "srv" + role;
        String team = "repo:acme/team" + role + "/";
        switch (j) {
          case 0 -> b.request(chain, server + "/op_0", team + "api");
          case 1 -> b.request(chain, server + "/list_issues", team + "docs/api");
          case 2 -> b.request(chain, server + "/op_0", team + "secret/keys");
          default ->
              b.request(chain, server + "/op_2", "repo:acme/team" + rnd.nextInt(10) + "/web");
        }
      }
    }
    return b.build();
  }

  /** Principals in the large RBAC scenario. */
  static final int LARGE_PRINCIPALS = 10_000;

  /** Roles in the large RBAC scenario, in {@link #LARGE_LEVELS} levels. */
  static final int LARGE_ROLES = 1_000;

  static final int LARGE_LEVELS = 10;
  static final int LARGE_ENTRIES_PER_ROLE = 100;

  /**
   * RBAC, large: 10,000 principals, 1,000 roles in 10 levels of 100 (each role below the top
   * inherits two roles of the level below, so a top role inherits through 10 levels), 100 entries
   * per role (100,000 in all: exact tools, every tenth a tool prefix, every twentieth a deny under
   * {@code secret/} of the entry before it), each principal assigned two top-level roles. The same
   * shape as {@code RbacBenchmark}, restricted to exact and prefix matches.
   */
  static Scenario rbacLarge() {
    Scenario.Builder b =
        Scenario.builder(
            "rbacLarge", "RBAC: 10,000 principals, 1,000 roles (depth 10), 100,000 entries");
    int perLevel = LARGE_ROLES / LARGE_LEVELS;
    for (int i = 0; i < LARGE_ROLES; i++) {
      int level = i / perLevel;
      String role = "role" + i;
      if (level == 0) {
        b.role(role, List.of());
      } else {
        int base = (level - 1) * perLevel;
        b.role(
            role,
            List.of("role" + (base + i % perLevel), "role" + (base + (i * 37 + 11) % perLevel)));
      }
      String org = "repo:org" + (i % perLevel) + "/";
      for (int k = 0; k < LARGE_ENTRIES_PER_ROLE; k++) {
        b.grant(
            role,
            true,
            k % 20 != 19,
            largeTool(i, k),
            k % 20 == 19 ? Match.prefix(org + "secret/") : Match.prefix(org));
      }
    }
    int top = (LARGE_LEVELS - 1) * perLevel;
    for (int p = 0; p < LARGE_PRINCIPALS; p++) {
      String id = "p" + p;
      b.principal(id);
      b.assign(id, "role" + (top + (p * 13) % perLevel));
      b.assign(id, "role" + (top + (p * 29 + 7) % perLevel));
    }
    SplittableRandom rnd = new SplittableRandom(8);
    for (int n = 0; n < 16; n++) {
      int p = rnd.nextInt(LARGE_PRINCIPALS);
      List<String> chain = List.of("p" + p);
      int assigned = top + (p * 13) % perLevel;
      // Walk down the first-parent line to a level-0 role the principal inherits.
      int deepest = assigned;
      while (deepest >= perLevel) {
        deepest = (deepest / perLevel - 1) * perLevel + deepest % perLevel;
      }
      int k = rnd.nextInt(LARGE_ENTRIES_PER_ROLE / 20) * 20 + 3;
      String org = "repo:org" + (deepest % perLevel) + "/";
      b.request(chain, largeTool(deepest, k).sample("x"), org + "api");
      b.request(
          chain,
          largeTool(assigned, 9).sample("all"),
          "repo:org" + (assigned % perLevel) + "/docs/api");
      b.request(chain, largeTool(deepest, 18).sample(""), org + "secret/keys");
      int other = rnd.nextInt(LARGE_ROLES);
      b.request(chain, largeTool(other, k).sample("x"), "repo:org" + (other % perLevel) + "/api");
    }
    return b.build();
  }

  private static Match largeTool(int role, int k) {
    if (k % 20 == 19) {
      return largeTool(role, k - 1);
    }
    String server = "srv" + ((role * 7 + k) % 50);
    return k % 10 == 9
        ? Match.prefix(server + "/list_" + role + "_" + k + "_")
        : Match.exact(server + "/op_" + role + "_" + k);
  }

  /**
   * ABAC: 10 payment agents, each allowed {@code payments/transfer} on its team's accounts when the
   * {@code amount} argument is at most 1,000, denied it on frozen accounts, and allowed the read
   * tools unconditionally. Requests below, at and above the limit, on frozen accounts, and on
   * another team's accounts.
   */
  static Scenario abac() {
    Scenario.Builder b =
        Scenario.builder("abac", "ABAC: 10 agents, transfers allowed while amount <= 1000");
    for (int a = 0; a < 10; a++) {
      String id = "payer" + a;
      Match accounts = Match.prefix("account:acme/team" + a + "/");
      b.principal(id);
      b.grant(id, false, true, Match.exact("payments/transfer"), accounts, 1_000);
      b.grant(
          id,
          false,
          false,
          Match.exact("payments/transfer"),
          Match.prefix("account:acme/team" + a + "/frozen/"));
      b.grant(id, false, true, Match.prefix("payments/get_"), accounts);
      b.grant(id, false, true, Match.exact("payments/list_transfers"), accounts);
    }
    long[] amounts = {1, 500, 1_000, 1_001, 50_000};
    for (int a = 0; a < 10; a++) {
      List<String> chain = List.of("payer" + a);
      String mine = "account:acme/team" + a + "/";
      for (long amount : amounts) {
        b.request(chain, "payments/transfer", mine + "acct-" + amount, amount);
      }
      b.request(chain, "payments/transfer", mine + "frozen/acct-1", 10);
      b.request(chain, "payments/get_balance", mine + "acct-1", 0);
      b.request(chain, "payments/transfer", "account:acme/team" + ((a + 1) % 10) + "/acct-1", 10);
    }
    return b.build();
  }

  /**
   * A 3-hop delegation chain {@code alice -> assistant -> helper}: each principal has its own
   * entries (alice broad with a deny, the assistant two servers, the helper every {@code srv}
   * server), alice delegates two servers on {@code repo:acme/**}, the assistant passes on read
   * tools of one project. Requests inside every scope, outside one, on a denied resource, and
   * through a principal lacking the entry.
   */
  static Scenario delegation() {
    Scenario.Builder b =
        Scenario.builder("delegation", "3-hop delegation chain: alice -> assistant -> helper");
    b.principal("alice").principal("assistant").principal("helper");
    b.grant("alice", false, true, Match.prefix(""), Match.prefix("repo:"));
    b.grant("alice", false, false, Match.prefix("srv1/"), Match.prefix("repo:acme/secret/"));
    b.grant("assistant", false, true, Match.prefix("srv1/"), Match.prefix("repo:acme/"));
    b.grant("assistant", false, true, Match.prefix("srv2/list_"), Match.prefix("repo:"));
    b.grant("assistant", false, false, Match.exact("srv1/drop"), Match.prefix(""));
    b.grant("helper", false, true, Match.prefix("srv"), Match.prefix("repo:"));
    b.scope(
        new Scope(
            "assistant",
            List.of(Match.prefix("srv1/"), Match.prefix("srv2/")),
            List.of(Match.prefix("repo:acme/"))));
    b.scope(
        new Scope(
            "helper",
            List.of(
                Match.prefix("srv1/get_"), Match.prefix("srv1/drop"), Match.prefix("srv2/list_")),
            List.of(Match.prefix("repo:acme/web/"), Match.prefix("repo:acme/secret/"))));
    List<String> chain = List.of("alice", "assistant", "helper");
    List<String> tools =
        new ArrayList<>(
            List.of(
                "srv1/get_file",
                "srv1/get_issue",
                "srv2/list_issues",
                "srv2/create_issue",
                "srv1/drop",
                "srv3/get_file",
                "srv1/put_file"));
    List<String> resources =
        List.of(
            "repo:acme/web/index",
            "repo:acme/web/api/v1",
            "repo:acme/secret/keys",
            "repo:acme/api",
            "repo:other/web/index");
    for (String tool : tools) {
      for (String resource : resources) {
        b.request(chain, tool, resource);
      }
    }
    return b.build();
  }
}
