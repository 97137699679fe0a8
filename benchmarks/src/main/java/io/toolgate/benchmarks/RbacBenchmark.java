package io.toolgate.benchmarks;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.rbac.Permission;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import io.toolgate.rbac.RoleQueries;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Condition;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.Verdicts;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RBAC module at the scale: 10,000 principals, 1,000 roles in a hierarchy of depth 10
 * (each role below the top inherits two roles of the level below), 100,000 grants (100 entries per
 * role, a tenth of them tool prefixes, a twentieth denies), each principal assigned two top-level
 * roles and one in ten a third role in one of ten tenants. Measured: building the snapshot (module
 * and policy, or the policy around a ready module), an uncached decision (every role set
 * precomputed, the grant index looked up), the module's own share of it (its {@code evaluate}
 * called directly), an uncached decision with a session naming its active roles, a cached decision,
 * and a cached and an uncached whitelist decision as the baseline.
 *
 * <p>Run: {@code benchmarks/run.sh quick RbacBenchmark}, or briefly: {@code java -jar
 * benchmarks/target/benchmarks.jar RbacBenchmark -wi 1 -w 1s -i 2 -r 1s -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RbacBenchmark {
  static final int PRINCIPALS = 10_000;
  static final int ROLES = 1_000;
  static final int LEVELS = 10;
  static final int ENTRIES_PER_ROLE = 100;
  static final int TENANTS = 10;

  private RbacPolicy.Builder rbacBuilder;
  private RbacPolicy rbac;
  private Policy principalsOnly;
  private DecisionEngine cached;
  private DecisionEngine uncached;
  private DecisionEngine whitelistCached;
  private DecisionEngine whitelistUncached;
  private ToolId tool;
  private ResourceId resource;
  private Request activeRolesRequest;
  private ToolId whitelistTool;
  private ResourceId whitelistResource;
  private CompiledModule compiled;
  private Query query;
  private final CountingVerdicts verdicts = new CountingVerdicts();

  /** Counts what a module says, for measuring the module without the engine around it. */
  static final class CountingVerdicts implements Verdicts {
    int allows;
    int denies;

    @Override
    public void allow(String ruleId) {
      allows++;
    }

    @Override
    public void deny(String ruleId) {
      denies++;
    }

    @Override
    public void deny(String ruleId, Reason reason, String detail) {
      denies++;
    }

    @Override
    public void allowIf(String ruleId, Condition condition) {
      allows++;
    }

    @Override
    public void denyIf(String ruleId, Condition condition) {
      denies++;
    }
  }

  /** A built policy as the view a module compiles against. */
  record View(Policy policy) implements PolicyView {
    @Override
    public Collection<Principal> principals() {
      return policy.principals();
    }

    @Override
    public Optional<Principal> principal(String id) {
      return policy.principal(id);
    }

    @Override
    public boolean hasToolCatalog() {
      return false;
    }

    @Override
    public Collection<Tool> tools() {
      return List.of();
    }

    @Override
    public Optional<Tool> tool(ToolId id) {
      return Optional.empty();
    }

    @Override
    public boolean hasResourceCatalog() {
      return false;
    }

    @Override
    public Collection<Resource> resources() {
      return List.of();
    }

    @Override
    public Optional<Resource> resource(ResourceId id) {
      return Optional.empty();
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
      return Optional.empty();
    }
  }

  /** Roles {@code role<i>}, level {@code i / 100}; level 0 has no parents. */
  static RbacPolicy.Builder rbac() {
    RbacPolicy.Builder b = RbacPolicy.builder();
    int perLevel = ROLES / LEVELS;
    for (int i = 0; i < ROLES; i++) {
      int level = i / perLevel;
      Role.Builder r = Role.builder("role" + i);
      if (level > 0) {
        int base = (level - 1) * perLevel;
        r.inherits("role" + (base + i % perLevel), "role" + (base + (i * 37 + 11) % perLevel));
      }
      String resources = "repo:org" + (i % perLevel);
      for (int k = 0; k < ENTRIES_PER_ROLE; k++) {
        String server = "srv" + ((i * 7 + k) % 50);
        if (k % 20 == 19) {
          r.deny(List.of(server + "/op_" + i + "_" + k), List.of(resources + "/secret-*"));
        } else if (k % 10 == 9) {
          r.allow(List.of(server + "/list_" + i + "_" + k + "_*"), List.of(resources + "/*"));
        } else {
          r.allow(List.of(server + "/op_" + i + "_" + k), List.of(resources + "/**"));
        }
      }
      b.role(r.build());
    }
    int top = (LEVELS - 1) * perLevel;
    for (int p = 0; p < PRINCIPALS; p++) {
      String id = "p" + p;
      b.assign(id, "role" + (top + (p * 13) % perLevel), "role" + (top + (p * 29 + 7) % perLevel));
      if (p % 10 == 0) {
        b.assignInTenant(id, "role" + (top - perLevel + p % perLevel), "t" + (p / 10) % TENANTS);
      }
    }
    return b;
  }

  static Policy principals() {
    Policy.Builder b = Policy.builder();
    for (int p = 0; p < PRINCIPALS; p++) {
      b.principal(Principal.user("p" + p).build());
    }
    return b.build();
  }

  @Setup(Level.Trial)
  public void setUp() {
    rbacBuilder = rbac();
    rbac = rbacBuilder.build();
    principalsOnly = principals();
    Policy policy = principalsOnly.toBuilder().module(rbac).build();
    cached = DecisionEngine.builder(policy).build();
    uncached = DecisionEngine.builder(policy).cacheSize(0).build();

    // The hit: an allow entry of the deepest role p42 inherits, on a resource it covers.
    RoleQueries queries = rbac.queries(policy);
    Permission hit =
        queries.effectivePermissions("p42").stream()
            .filter(
                p ->
                    p.path().size() == LEVELS
                        && p.effect() == io.toolgate.Effect.ALLOW
                        && p.entry().tools().get(0).isExact())
            .findFirst()
            .orElseThrow();
    tool = ToolId.parse(hit.entry().tools().get(0).toString());
    String pattern = hit.entry().resources().get(0).toString();
    resource = ResourceId.of(pattern.substring(0, pattern.length() - 2) + "api");
    String assigned = hit.assignedRole();
    activeRolesRequest =
        Request.builder(io.toolgate.DelegationChain.of("p42"), tool)
            .resource(resource)
            .session(Session.DEFAULT.withActiveRoles(assigned))
            .build();

    compiled = rbac.compile(new View(principalsOnly));
    query =
        new Query(
            io.toolgate.DelegationChain.of("p42"),
            0,
            principalsOnly.principal("p42").get(),
            Tool.of(tool),
            Resource.of(resource),
            Session.DEFAULT);
    compiled.evaluate(query, verdicts);
    if (verdicts.allows == 0 || verdicts.denies != 0) {
      throw new IllegalStateException("the module must allow the hit");
    }

    Policy whitelist = Workloads.whitelist(1_000);
    whitelistCached = DecisionEngine.builder(whitelist).build();
    whitelistUncached = DecisionEngine.builder(whitelist).cacheSize(0).build();
    whitelistTool = Workloads.hitTool(1_000);
    whitelistResource = Workloads.hitResource(1_000);

    if (!cached.canInvoke("p42", tool, resource)
        || !uncached.canInvoke("p42", tool, resource)
        || !uncached.decide(activeRolesRequest).isAllowed()
        || !whitelistCached.canInvoke("agent", whitelistTool, whitelistResource)) {
      throw new IllegalStateException(
          "the workload must be allowed: "
              + uncached.decide("p42", tool, resource)
              + " / "
              + uncached.decide(activeRolesRequest));
    }
  }

  /** Module and policy snapshot from scratch: validation, closures, grant index, role sets. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Policy buildModuleAndSnapshot() {
    return principalsOnly.toBuilder().module(rbacBuilder.build()).build();
  }

  /** A policy snapshot around a ready module: every principal's role sets, interned. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Policy buildSnapshot() {
    return principalsOnly.toBuilder().module(rbac).build();
  }

  @Benchmark
  public boolean uncachedDecision() {
    return uncached.canInvoke("p42", tool, resource);
  }

  /** The module's own share of an uncached decision: what it tells the engine about one hop. */
  @Benchmark
  public int moduleEvaluate() {
    compiled.evaluate(query, verdicts);
    return verdicts.allows;
  }

  @Benchmark
  public boolean uncachedDecisionActiveRoles() {
    return uncached.decide(activeRolesRequest).isAllowed();
  }

  @Benchmark
  public boolean cachedDecision() {
    return cached.canInvoke("p42", tool, resource);
  }

  @Benchmark
  public boolean baselineWhitelistCached() {
    return whitelistCached.canInvoke("agent", whitelistTool, whitelistResource);
  }

  @Benchmark
  public boolean baselineWhitelistUncached() {
    return whitelistUncached.canInvoke("agent", whitelistTool, whitelistResource);
  }
}
