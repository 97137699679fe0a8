package io.toolgate.benchmarks.peers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.main.SyncedCachedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.file_adapter.FileAdapter;

/**
 * jCasbin: the RBAC model with {@code g = _, _}, {@code keyMatch} on tool and resource, and the
 * deny-override effect; the policy loaded from CSV text by jCasbin's {@link FileAdapter}, as a file
 * would be. The plain {@link Enforcer} evaluates the matcher against every policy line; the cached
 * variant is jCasbin's own {@link SyncedCachedEnforcer} (thread-safe, like Toolgate's engine).
 */
final class CasbinEngine implements PeerEngine {
  /** The model every scenario without arguments uses. Cheapest tests first in the matcher. */
  static final String MODEL =
      """
      [request_definition]
      r = sub, obj, act

      [policy_definition]
      p = sub, obj, act, eft

      [role_definition]
      g = _, _

      [policy_effect]
      e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

      [matchers]
      m = keyMatch(r.act, p.act) && keyMatch(r.obj, p.obj) && g(r.sub, p.sub)
      """;

  /**
   * The ABAC scenario's model: a condition column evaluated with {@code eval} against the request's
   * arguments object ({@link CasbinArguments}), as jCasbin's ABAC documentation does.
   */
  static final String ABAC_MODEL =
      """
      [request_definition]
      r = sub, obj, act, args

      [policy_definition]
      p = sub, obj, act, eft, cond

      [role_definition]
      g = _, _

      [policy_effect]
      e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

      [matchers]
      m = keyMatch(r.act, p.act) && keyMatch(r.obj, p.obj) && g(r.sub, p.sub) && eval(p.cond)
      """;

  private final boolean cached;
  private final boolean arguments;
  private final Enforcer enforcer;

  CasbinEngine(Scenario scenario, boolean cached) {
    this.cached = cached;
    this.arguments = scenario.usesArguments();
    Model model = Model.newModelFromString(arguments ? ABAC_MODEL : MODEL);
    FileAdapter adapter =
        new FileAdapter(
            new ByteArrayInputStream(policy(scenario).getBytes(StandardCharsets.UTF_8)));
    this.enforcer =
        cached ? new SyncedCachedEnforcer(model, adapter) : new Enforcer(model, adapter);
    enforcer.enableLog(false);
  }

  /** The scenario as jCasbin policy CSV: {@code p} lines for grants, {@code g} lines for roles. */
  static String policy(Scenario s) {
    StringBuilder sb = new StringBuilder();
    List<Grant> grants = new ArrayList<>(s.grants());
    grants.addAll(s.chainGrants());
    boolean arguments = s.usesArguments();
    for (Grant g : grants) {
      sb.append("p, ")
          .append(g.holder())
          .append(", ")
          .append(g.resource().keyMatch())
          .append(", ")
          .append(g.tool().keyMatch())
          .append(", ")
          .append(g.allow() ? "allow" : "deny");
      if (arguments) {
        sb.append(", ").append(g.conditional() ? "r.args.amount <= " + g.maxAmount() : "true");
      }
      sb.append('\n');
    }
    s.assignments()
        .forEach(
            (p, roles) ->
                roles.forEach(r -> sb.append("g, ").append(p).append(", ").append(r).append('\n')));
    s.roleParents()
        .forEach(
            (r, parents) ->
                parents.forEach(
                    q -> sb.append("g, ").append(r).append(", ").append(q).append('\n')));
    return sb.toString();
  }

  @Override
  public String name() {
    return cached ? "jCasbin cached" : "jCasbin";
  }

  @Override
  public Object prepare(Check c) {
    String subject = Scenario.subject(c.chain());
    return arguments
        ? new Object[] {subject, c.resource(), c.tool(), new CasbinArguments(c.amount())}
        : new Object[] {subject, c.resource(), c.tool()};
  }

  @Override
  public boolean decide(Object prepared) {
    return enforcer.enforce((Object[]) prepared);
  }
}
