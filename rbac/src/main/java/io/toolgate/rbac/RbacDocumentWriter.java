package io.toolgate.rbac;

import io.toolgate.document.SectionWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link RbacPolicy} as document values, in the shape {@link RbacDocumentReader} reads:
 * every entry with its id, every constraint with its name, assignments in each principal's {@code
 * roles} field (a plain role name when tenant-free and unbounded).
 */
final class RbacDocumentWriter {
  private RbacDocumentWriter() {}

  static void write(RbacPolicy rbac, SectionWriter out) {
    if (!rbac.roles().isEmpty()) {
      List<Object> roles = new ArrayList<>(rbac.roles().size());
      rbac.roles().forEach(r -> roles.add(role(r, rbac.limits())));
      out.section("roles", roles);
    }
    if (!rbac.constraints().isEmpty()) {
      List<Object> constraints = new ArrayList<>(rbac.constraints().size());
      rbac.constraints().forEach(c -> constraints.add(constraint(c)));
      out.section("constraints", constraints);
    }
    if (!rbac.tenantPatterns().isEmpty()) {
      out.section("tenants", Map.of("fromResource", rbac.tenantPatterns()));
    }
    Map<String, List<Object>> byPrincipal = new LinkedHashMap<>();
    for (Assignment a : rbac.assignments()) {
      byPrincipal.computeIfAbsent(a.principal(), k -> new ArrayList<>()).add(assignment(a));
    }
    byPrincipal.forEach((principal, roles) -> out.principalField(principal, "roles", roles));
  }

  private static Map<String, Object> role(Role r, Map<String, List<io.toolgate.Limit>> limits) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", r.name());
    if (!r.parents().isEmpty()) {
      out.put("inherits", r.parents());
    }
    SectionWriter.putEntries(r.entries(), out, limits);
    return out;
  }

  private static Map<String, Object> constraint(SodConstraint c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put(
        c.kind() == SodConstraint.Kind.STATIC
            ? RbacDocumentReader.STATIC_SOD
            : RbacDocumentReader.DYNAMIC_SOD,
        List.copyOf(c.roles()));
    if (c.cardinality() != 2) {
      out.put("cardinality", c.cardinality());
    }
    return out;
  }

  private static Object assignment(Assignment a) {
    if (a.tenant().isEmpty() && !a.isBoundedByOwner()) {
      return a.role();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", a.role());
    a.tenant().ifPresent(t -> out.put("tenant", t));
    if (a.isBoundedByOwner()) {
      out.put("boundedByOwner", true);
    }
    return out;
  }
}
