package io.toolgate.benchmarks.peers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.shiro.authz.Permission;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * Apache Shiro's {@link WildcardPermission}, for the whitelist-only scenario: each grant becomes
 * {@code server:tool:resource-segment:...} (a resource's {@code :} written {@code =}), a whole
 * server is {@code server:*}, and a resource prefix ending in {@code /} is its segments with the
 * rest left out, which Shiro's implication treats as "anything below". A decision is what {@code
 * AuthorizingRealm.isPermitted} does once it holds the principal's permissions: look them up and
 * test each {@code implies} in turn (case-sensitive, as tool and resource ids are).
 *
 * <p>Shiro has no deny, no role inheritance, no conditions and no prefix within a part, so other
 * scenarios are refused with {@link UnsupportedOperationException} rather than bent.
 */
final class ShiroEngine implements PeerEngine {
  private final Map<String, List<Permission>> held = new HashMap<>();

  /** A prepared call: who asks, and the permission the call needs. */
  private record Call(String principal, Permission needed) {}

  ShiroEngine(Scenario scenario) {
    if (scenario.hasRoles() || !scenario.scopes().isEmpty() || scenario.usesArguments()) {
      throw new UnsupportedOperationException(
          "Shiro expresses only whitelists: no role inheritance, delegation or conditions ("
              + scenario
              + ")");
    }
    for (Grant g : scenario.grants()) {
      held.computeIfAbsent(g.holder(), k -> new ArrayList<>())
          .add(new WildcardPermission(permission(g), true));
    }
  }

  /** A grant as a Shiro wildcard permission string. */
  static String permission(Grant g) {
    if (!g.allow()) {
      throw new UnsupportedOperationException("Shiro has no deny: " + g);
    }
    StringBuilder sb = new StringBuilder();
    String tool = g.tool().text();
    int slash = tool.indexOf('/');
    if (!g.tool().prefix()) {
      sb.append(tool.substring(0, slash)).append(':').append(tool.substring(slash + 1));
    } else if (slash == tool.length() - 1) {
      sb.append(tool, 0, slash).append(":*");
    } else {
      throw new UnsupportedOperationException("Shiro cannot match a prefix within a part: " + g);
    }
    Match resource = g.resource();
    if (!resource.prefix() || !(resource.text().isEmpty() || resource.text().endsWith("/"))) {
      throw new UnsupportedOperationException(
          "Shiro implies every extension of a permission, so only whole-segment resource prefixes match alike: "
              + g);
    }
    if (!resource.text().isEmpty()) {
      sb.append(':').append(parts(resource.text().substring(0, resource.text().length() - 1)));
    }
    return sb.toString();
  }

  private static String parts(String resource) {
    return resource.replace(':', '=').replace('/', ':');
  }

  @Override
  public String name() {
    return "Shiro";
  }

  @Override
  public Object prepare(Check c) {
    if (c.chain().size() != 1) {
      throw new UnsupportedOperationException("Shiro has no delegation");
    }
    return new Call(
        c.actor(),
        new WildcardPermission(c.tool().replace('/', ':') + ':' + parts(c.resource()), true));
  }

  @Override
  public boolean decide(Object prepared) {
    Call call = (Call) prepared;
    for (Permission p : held.getOrDefault(call.principal(), List.of())) {
      if (p.implies(call.needed())) {
        return true;
      }
    }
    return false;
  }
}
