package io.toolgate.document;

import io.toolgate.AuditArguments;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolPattern;
import io.toolgate.spi.PolicyModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a policy, built in code or loaded, back out as a document that {@link PolicyLoader} reads
 * into a policy that decides alike (entry ids included). Module content is written by the {@link
 * PolicySection}s given; a module no section writes is an error.
 */
public final class PolicyWriter {
  private final List<PolicySection> sections;

  /** A writer using the sections a default {@link PolicyLoader} discovers. */
  public PolicyWriter() {
    this(PolicyLoader.defaults().sections());
  }

  /** A writer using exactly these sections for modules. */
  public PolicyWriter(List<PolicySection> sections) {
    this.sections = List.copyOf(sections);
  }

  /**
   * Writes the policy as a document.
   *
   * @throws IllegalArgumentException if the policy holds a module no section can write
   */
  public String write(Policy policy, DocumentFormat format) {
    return write(policy, format, DocumentStamp.NONE);
  }

  /**
   * Writes the policy as a document carrying an anti-rollback stamp (top-level {@code sequence} and
   * {@code expires}, right after {@code version}), to be signed and loaded by a loader with a
   * {@link RollbackGuard}. YAML strings are quoted whenever a YAML reader could take them for
   * anything else ({@link YamlQuoting}), so every string reads back as the same string.
   *
   * @throws IllegalArgumentException if the policy holds a module no section can write
   */
  public String write(Policy policy, DocumentFormat format, DocumentStamp stamp) {
    Map<String, Object> doc = toDocument(policy, stamp);
    if (format == DocumentFormat.JSON) {
      return JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(doc)
          + "\n";
    }
    YAMLFactory yaml =
        YAMLFactory.builder()
            .stringQuotingChecker(YamlQuoting.INSTANCE)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();
    return new YAMLMapper(yaml).writeValueAsString(doc);
  }

  /** The policy as a tree of JSON-like values in document shape. */
  public Map<String, Object> toDocument(Policy policy) {
    return toDocument(policy, DocumentStamp.NONE);
  }

  /** The policy as a tree of JSON-like values in document shape, with its stamp. */
  public Map<String, Object> toDocument(Policy policy, DocumentStamp stamp) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    stamp.sequence().ifPresent(n -> doc.put("sequence", n));
    stamp.expires().ifPresent(e -> doc.put("expires", e.toString()));
    if (policy.hasToolCatalog()) {
      List<Object> tools = new ArrayList<>();
      for (Tool t : policy.tools()) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("id", t.id().qualifiedName());
        ToolAnnotations a = t.annotations();
        tool.put(
            "annotations",
            Map.of(
                "readOnly",
                a.readOnly(),
                "destructive",
                a.destructive(),
                "idempotent",
                a.idempotent(),
                "openWorld",
                a.openWorld()));
        if (!t.attributes().isEmpty()) {
          tool.put("attributes", t.attributes());
        }
        tools.add(tool);
      }
      doc.put("tools", tools);
    }
    if (policy.hasResourceCatalog()) {
      List<Object> resources = new ArrayList<>();
      for (Resource r : policy.resources()) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", r.id().value());
        if (!r.attributes().isEmpty()) {
          resource.put("attributes", r.attributes());
        }
        resources.add(resource);
      }
      doc.put("resources", resources);
    }
    Map<String, Map<String, Object>> principals = new LinkedHashMap<>();
    for (Principal p : policy.principals()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", p.id());
      out.put("type", p.type().name().toLowerCase(Locale.ROOT));
      p.owner().ifPresent(o -> out.put("owner", o));
      if (!p.attributes().isEmpty()) {
        out.put("attributes", p.attributes());
      }
      p.expiry().ifPresent(e -> out.put("expires", e.toString()));
      out.put("state", p.state().name().toLowerCase(Locale.ROOT));
      SectionWriter.putEntries(
          policy.entries().getOrDefault(p.id(), List.of()), out, policy.entryLimits());
      principals.put(p.id(), out);
    }
    Map<String, Object> sectionsOut = new LinkedHashMap<>();
    for (PolicyModule m : policy.modules()) {
      PolicySection section =
          sections.stream()
              .filter(s -> s.writes(m))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no policy section can write module '"
                              + m.name()
                              + "'; add the module's artifact to the class path"));
      section.write(
          m,
          new SectionWriter() {
            @Override
            public void section(String name, Object value) {
              sectionsOut.put(name, value);
            }

            @Override
            public void principalField(String principalId, String field, Object value) {
              Map<String, Object> p = principals.get(principalId);
              if (p == null) {
                throw new IllegalArgumentException(
                    "module '"
                        + m.name()
                        + "' names principal '"
                        + principalId
                        + "', which the policy does not define");
              }
              p.put(field, value);
            }
          });
    }
    if (!principals.isEmpty()) {
      doc.put("principals", new ArrayList<>(principals.values()));
    }
    doc.putAll(sectionsOut);
    if (policy.maxDelegationDepth() != Policy.DEFAULT_MAX_DELEGATION_DEPTH
        || !policy.delegationLimits().isEmpty()) {
      Map<String, Object> delegation = new LinkedHashMap<>();
      delegation.put("maxDepth", policy.maxDelegationDepth());
      if (!policy.delegationLimits().isEmpty()) {
        delegation.put("limits", policy.delegationLimits());
      }
      doc.put("delegation", delegation);
    }
    if (!policy.auditArguments().isEmpty()) {
      List<Map<String, Object>> arguments = new ArrayList<>();
      for (AuditArguments a : policy.auditArguments()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tools", a.tools().stream().map(ToolPattern::text).toList());
        out.put("fields", a.fields());
        out.put("record", a.recording().text());
        arguments.add(out);
      }
      doc.put("audit", Map.of("arguments", arguments));
    }
    return doc;
  }
}
