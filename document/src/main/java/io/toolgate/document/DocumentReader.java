package io.toolgate.document;

import io.toolgate.AccessEntry;
import io.toolgate.AuditArguments;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.LifecycleState;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.PrincipalType;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.PolicyModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads one parsed document into a {@link Policy}: the core sections here, the others through the
 * {@link PolicySection}s present, in their order, each seeing what the ones before it {@linkplain
 * #publish published}. A key of one of Toolgate's modules that is absent gets a hint from {@link
 * ModuleKeys} (data); this class names no module's keys. Every problem is recorded with its
 * location; a policy is built only when there is none.
 */
final class DocumentReader implements SectionContext {
  /** The top-level keys read here, in the order messages list them. */
  static final List<String> CORE_SECTIONS =
      List.of(
          "version",
          "sequence",
          "expires",
          "tools",
          "resources",
          "principals",
          "delegation",
          "audit");

  /** The keys of a principal entry read here, in the order messages list them. */
  static final List<String> PRINCIPAL_FIELDS =
      List.of("id", "type", "owner", "attributes", "expires", "state", "allow", "deny");

  private final Problems problems;
  private final DocNode.Obj root;
  private final List<PolicySection> sections;
  private final Map<String, Principal> principals = new LinkedHashMap<>();
  private final Map<String, Map<String, DocNode>> principalFields = new HashMap<>();
  private final Map<ToolId, Tool> tools = new LinkedHashMap<>();
  private final ScalarPositions positions;

  /** What sections read so far published for the sections read after them. */
  private final Map<Class<?>, Object> published = new HashMap<>();

  private boolean toolCatalog;
  private DocumentStamp stamp = DocumentStamp.NONE;
  private Location stampLocation;

  DocumentReader(
      DocNode.Obj root,
      List<PolicySection> sections,
      Problems problems,
      ScalarPositions positions) {
    this.root = root;
    this.sections = sections;
    this.problems = problems;
    this.positions = positions;
  }

  /** Reads the whole document; returns null when anything is wrong (problems recorded). */
  Policy read(String version) {
    Fields doc = Fields.of(root, "the policy document", problems);
    Integer format = doc.integer("version", 1, 1);
    if (!doc.has("version")) {
      problems.add(root, "the document has no 'version'; expected version: 1");
    } else if (format == null) {
      return null;
    }
    readStamp(doc);
    Policy.Builder b = Policy.builder().version(version);
    readTools(doc.array("tools"), b);
    readResources(doc.array("resources"), b);
    Map<String, Fields> entries = readPrincipals(doc.array("principals"), b);
    readDelegation(doc.node("delegation"), b);
    readAudit(doc.node("audit"), b);

    ModuleKeys known = ModuleKeys.known();
    Set<String> claimedSections = new HashSet<>(CORE_SECTIONS);
    Set<String> claimedFields = new HashSet<>(PRINCIPAL_FIELDS);
    for (PolicySection s : sections) {
      s.sections()
          .forEach(
              name -> {
                claimedSections.add(name);
                doc.claim(name);
              });
      claimedFields.addAll(s.principalFields());
    }
    for (Map.Entry<String, DocNode.Field> e : root.fields().entrySet()) {
      String module = known.sections().get(e.getKey());
      if (module != null && !claimedSections.contains(e.getKey())) {
        doc.claim(e.getKey());
        problems.add(e.getValue().keyLocation(), ModuleKeys.hint("section", e.getKey(), module));
      }
    }
    doc.finish(accepted(CORE_SECTIONS, known.sections().keySet(), PolicySection::sections));
    String[] acceptedFields =
        accepted(
            PRINCIPAL_FIELDS, known.principalFields().keySet(), PolicySection::principalFields);
    entries.forEach(
        (id, fields) -> {
          for (String field : List.copyOf(fieldNames(fields))) {
            String module = known.principalFields().get(field);
            if (module != null && !claimedFields.contains(field)) {
              fields.claim(field);
              problems.add(
                  fields.location(field), ModuleKeys.hint("principal field", field, module));
            }
          }
          fields.finish(acceptedFields);
        });

    List<PolicySection> ordered = new ArrayList<>(sections);
    ordered.sort(java.util.Comparator.comparingInt(PolicySection::order));
    List<PolicyModule> modules = new ArrayList<>();
    for (PolicySection s : ordered) {
      s.read(this).ifPresent(modules::add);
    }
    if (!problems.isEmpty()) {
      return null;
    }
    modules.forEach(b::module);
    try {
      return b.build();
    } catch (InvalidPolicyException e) {
      // The readers check what they can with locations; what only compiling finds lands here.
      e.problems().forEach(problems::addAtStart);
      return null;
    }
  }

  /**
   * The keys to suggest for an unknown one: this reader's, then those of Toolgate's modules
   * (present or not), then any other key a present section reads, sorted.
   */
  private String[] accepted(
      List<String> core, Collection<String> modules, Function<PolicySection, Set<String>> keys) {
    Set<String> out = new LinkedHashSet<>(core);
    out.addAll(modules);
    Set<String> others = new TreeSet<>();
    sections.forEach(s -> others.addAll(keys.apply(s)));
    out.addAll(others);
    return out.toArray(new String[0]);
  }

  /** The document's anti-rollback stamp ({@code sequence}, {@code expires}), once read. */
  DocumentStamp stamp() {
    return stamp;
  }

  /** Where the stamp is written (the {@code sequence} key, else the document), for refusals. */
  Location stampLocation() {
    return stampLocation;
  }

  private void readStamp(Fields doc) {
    DocNode sequence = doc.node("sequence");
    java.time.Instant expires = doc.instant("expires");
    stampLocation = doc.has("sequence") ? doc.location("sequence") : root.location();
    if (sequence != null) {
      if (sequence instanceof DocNode.Scalar s && s.value() instanceof Long n && n >= 0) {
        stamp = DocumentStamp.sequence(n);
      } else {
        problems.add(
            sequence,
            "'sequence' must be an integer from 0 to "
                + Long.MAX_VALUE
                + ", found "
                + (sequence instanceof DocNode.Scalar s && s.value() != null
                    ? s.value()
                    : sequence.kind()));
      }
    }
    if (expires != null) {
      stamp = stamp.expiring(expires);
    }
  }

  private Set<String> fieldNames(Fields f) {
    Set<String> names = new HashSet<>();
    DocNode n = f.nodeOrNull();
    if (n instanceof DocNode.Obj o) {
      names.addAll(o.fields().keySet());
    }
    return names;
  }

  private void readTools(List<DocNode> items, Policy.Builder b) {
    if (items == null) {
      return;
    }
    toolCatalog = true;
    Map<String, Location> seen = new HashMap<>();
    Map<String, Map.Entry<String, Location>> seenNfc = new HashMap<>();
    for (DocNode item : items) {
      Fields f = Fields.of(item, "a tool", problems);
      String id = f.requiredString("id");
      ToolId toolId = null;
      if (id != null) {
        try {
          toolId = ToolId.parse(id);
        } catch (IllegalArgumentException e) {
          problems.add(f.node("id"), e.getMessage());
        }
      }
      ToolAnnotations annotations = readAnnotations(f.node("annotations"));
      Map<String, Object> attributes = f.jsonObject("attributes");
      f.finish("id", "annotations", "attributes");
      if (toolId != null && annotations != null) {
        Location first = seen.putIfAbsent(id, f.location("id"));
        if (first != null) {
          problems.add(
              f.node("id"), "duplicate tool id '" + id + "' (first at line " + first.line() + ")");
          continue;
        }
        Map.Entry<String, Location> lookalike =
            seenNfc.putIfAbsent(nfc(id), Map.entry(id, f.location("id")));
        if (lookalike != null) {
          problems.add(
              f.node("id"),
              normalizationDuplicate("tool", id, lookalike.getKey(), lookalike.getValue().line()));
          continue;
        }
        Tool tool = new Tool(toolId, annotations, attributes == null ? Map.of() : attributes);
        tools.put(toolId, tool);
        b.tool(tool);
      }
    }
  }

  private ToolAnnotations readAnnotations(DocNode node) {
    if (node == null) {
      return ToolAnnotations.UNANNOTATED;
    }
    Fields f = Fields.of(node, "tool annotations", problems);
    ToolAnnotations d = ToolAnnotations.UNANNOTATED;
    Boolean readOnly = f.bool("readOnly");
    Boolean destructive = f.bool("destructive");
    Boolean idempotent = f.bool("idempotent");
    Boolean openWorld = f.bool("openWorld");
    f.finish("readOnly", "destructive", "idempotent", "openWorld");
    return new ToolAnnotations(
        readOnly != null ? readOnly : d.readOnly(),
        destructive != null ? destructive : d.destructive(),
        idempotent != null ? idempotent : d.idempotent(),
        openWorld != null ? openWorld : d.openWorld());
  }

  private void readResources(List<DocNode> items, Policy.Builder b) {
    if (items == null) {
      return;
    }
    Map<String, Location> seen = new HashMap<>();
    boolean any = false;
    for (DocNode item : items) {
      Fields f = Fields.of(item, "a resource", problems);
      String id = f.requiredString("id");
      Map<String, Object> attributes = f.jsonObject("attributes");
      f.finish("id", "attributes");
      if (id == null) {
        continue;
      }
      if (id.isEmpty()) {
        problems.add(f.node("id"), "a resource id must not be empty");
        continue;
      }
      Location first = seen.putIfAbsent(id, f.location("id"));
      if (first != null) {
        problems.add(
            f.node("id"),
            "duplicate resource id '" + id + "' (first at line " + first.line() + ")");
        continue;
      }
      try {
        b.resource(new Resource(ResourceId.of(id), attributes == null ? Map.of() : attributes));
        any = true;
      } catch (IllegalArgumentException e) {
        problems.add(f.node("id"), e.getMessage());
      }
    }
    if (!any && items.isEmpty()) {
      problems.add(
          root.fields().get("resources").keyLocation(),
          "'resources' is empty: a resource catalog with no resource makes every resource unknown");
    }
  }

  private static String nfc(String id) {
    return java.text.Normalizer.normalize(id, java.text.Normalizer.Form.NFC);
  }

  /**
   * Ids stay exact strings (case-sensitive, not normalized), but two ids of one kind that are equal
   * after Unicode NFC render identically, so a document holding both is refused.
   */
  private static String normalizationDuplicate(String kind, String id, String first, int line) {
    return kind
        + " id '"
        + escaped(id)
        + "' equals '"
        + escaped(first)
        + "' (line "
        + line
        + ") after Unicode NFC normalization; ids that render identically must be one id";
  }

  /** The id with each non-ASCII character as a Java-style escape, so look-alikes differ. */
  private static String escaped(String id) {
    StringBuilder out = new StringBuilder(id.length() + 8);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      out.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }

  private Map<String, Fields> readPrincipals(List<DocNode> items, Policy.Builder b) {
    Map<String, Fields> byId = new LinkedHashMap<>();
    if (items == null) {
      return byId;
    }
    Map<String, String> byNfc = new HashMap<>();
    Map<String, DocNode> owners = new LinkedHashMap<>();
    Set<String> entryIds = new HashSet<>();
    List<Runnable> entries = new ArrayList<>();
    for (DocNode item : items) {
      Fields f = Fields.of(item, "a principal", problems);
      String id = f.requiredString("id");
      PrincipalType type = f.enumValue("type", PrincipalType.class);
      if (!f.has("type")) {
        problems.add(
            f.location(),
            "principal "
                + (id == null ? "" : "'" + id + "' ")
                + "has no 'type'; expected one of user, agent, service");
      }
      String owner = f.string("owner");
      Map<String, Object> attributes = f.jsonObject("attributes");
      java.time.Instant expires = f.instant("expires");
      LifecycleState state = f.enumValue("state", LifecycleState.class);
      List<DocNode> allow = f.array("allow");
      List<DocNode> deny = f.array("deny");
      for (PolicySection s : sections) {
        for (String field : s.principalFields()) {
          DocNode n = f.node(field);
          if (n != null && id != null) {
            principalFields.computeIfAbsent(field, k -> new LinkedHashMap<>()).put(id, n);
          }
        }
      }
      if (id == null || type == null) {
        continue;
      }
      if (byId.containsKey(id)) {
        problems.add(
            f.node("id"),
            "duplicate principal id '"
                + id
                + "' (first at line "
                + byId.get(id).location().line()
                + ")");
        continue;
      }
      String lookalike = byNfc.putIfAbsent(nfc(id), id);
      if (lookalike != null) {
        problems.add(
            f.node("id"),
            normalizationDuplicate(
                "principal", id, lookalike, byId.get(lookalike).location().line()));
        continue;
      }
      byId.put(id, f);
      Principal.Builder p;
      try {
        p = Principal.builder(id, type);
        if (owner != null) {
          p.owner(owner);
          owners.put(id, f.node("owner"));
        }
        if (attributes != null) {
          p.attributes(attributes);
        }
      } catch (IllegalArgumentException e) {
        problems.add(f.location(), e.getMessage());
        continue;
      }
      if (expires != null) {
        p.expires(expires);
      }
      if (state != null) {
        p.state(state);
      }
      Principal principal = p.build();
      principals.put(id, principal);
      b.principal(principal);
      // Entries are read after every principal is known, so catalog checks see the whole catalog.
      entries.add(
          () -> {
            readEntries(id, allow, Effect.ALLOW, b, entryIds);
            readEntries(id, deny, Effect.DENY, b, entryIds);
          });
    }
    entries.forEach(Runnable::run);
    owners.forEach(
        (id, node) -> {
          String owner = principals.get(id).owner().orElseThrow();
          if (!principals.containsKey(owner)) {
            problems.add(
                node, "owner '" + owner + "' of '" + id + "' is not a principal of this document");
          }
        });
    Set<String> inReportedCycle = new HashSet<>();
    for (String id : owners.keySet()) {
      List<String> path = new ArrayList<>();
      String at = id;
      while (at != null && principals.containsKey(at) && !path.contains(at)) {
        path.add(at);
        at = principals.get(at).owner().orElse(null);
      }
      if (at != null && at.equals(id) && !inReportedCycle.contains(id)) {
        inReportedCycle.addAll(path);
        path.add(at);
        problems.add(owners.get(id), "ownership cycle: " + String.join(" -> ", path));
      }
    }
    return byId;
  }

  private void readEntries(
      String principal,
      List<DocNode> items,
      Effect effect,
      Policy.Builder b,
      Set<String> entryIds) {
    if (items == null) {
      return;
    }
    String kind = effect == Effect.ALLOW ? "allow" : "deny";
    for (int i = 0; i < items.size(); i++) {
      boolean limited = effect == Effect.ALLOW;
      AccessEntry e = entry(items.get(i), principal + "/" + kind + "/" + i, effect, limited, true);
      List<Limit> limits = limited ? limits(items.get(i)) : List.of();
      if (e == null) {
        continue;
      }
      if (!entryIds.add(e.id())) {
        problems.add(items.get(i), "duplicate entry id '" + e.id() + "'");
        continue;
      }
      b.entry(principal, e);
      for (Limit l : limits) {
        b.limit(e.id(), l);
      }
    }
  }

  /**
   * An allow entry's {@code limits}: {@code [{tools?: [...], per: principal|origin|session, calls:
   * N, window: 1h}]}; every problem located, the limits read so far returned.
   */
  private List<Limit> readLimits(List<DocNode> items) {
    if (items == null) {
      return List.of();
    }
    List<Limit> out = new ArrayList<>();
    for (DocNode item : items) {
      Fields f = Fields.of(item, "a limit", problems);
      if (!(item instanceof DocNode.Obj)) {
        continue;
      }
      List<Fields.Located<String>> toolTexts = f.stringList("tools");
      String per = f.requiredString("per");
      Integer calls = f.integer("calls", 1, Integer.MAX_VALUE);
      String window = f.requiredString("window");
      f.finish("tools", "per", "calls", "window");
      boolean ok = per != null && calls != null && window != null;
      if (!f.has("calls")) {
        problems.add(
            f.location(), "a limit has no 'calls'; expected how many calls a window allows");
      }
      Limit.Per p = null;
      if (per != null) {
        try {
          p = Limit.Per.parse(per);
        } catch (IllegalArgumentException e) {
          problems.add(f.node("per"), e.getMessage());
          ok = false;
        }
      }
      java.time.Duration w = null;
      if (window != null) {
        try {
          w = Limit.parseWindow(window);
        } catch (IllegalArgumentException e) {
          problems.add(f.node("window"), e.getMessage());
          ok = false;
        }
      }
      List<ToolPattern> tools = new ArrayList<>();
      if (toolTexts != null) {
        if (toolTexts.isEmpty()) {
          problems.add(
              f.node("tools"),
              "'tools' is empty, so the limit would count nothing; omit it to count every call");
          ok = false;
        }
        for (Fields.Located<String> t : toolTexts) {
          ToolPattern tp = toolPattern(t);
          ok &= tp != null;
          if (tp != null) {
            tools.add(tp);
          }
        }
      } else if (f.has("tools")) {
        ok = false;
      }
      if (!ok) {
        continue;
      }
      try {
        out.add(new Limit(tools, p, calls, w));
      } catch (IllegalArgumentException e) {
        problems.add(f.node("window"), e.getMessage());
      }
    }
    return out;
  }

  @Override
  public AccessEntry entry(DocNode node, String defaultId, Effect effect) {
    return entry(node, defaultId, effect, false, false);
  }

  @Override
  public AccessEntry limitedEntry(
      DocNode node,
      String defaultId,
      boolean modes,
      java.util.function.BiConsumer<String, Limit> limits) {
    AccessEntry e = entry(node, defaultId, Effect.ALLOW, true, modes);
    List<Limit> read = limits(node);
    if (e != null) {
      read.forEach(l -> limits.accept(e.id(), l));
    }
    return e;
  }

  @Override
  public List<Limit> limits(DocNode rule) {
    return rule instanceof DocNode.Obj
        ? readLimits(Fields.of(rule, "an allow entry", problems).array("limits"))
        : List.of();
  }

  @Override
  public AccessEntry entryWithMode(DocNode node, String defaultId, Effect effect) {
    return entry(node, defaultId, effect, false, true);
  }

  /**
   * An entry's {@code approval}: {@code required} (allow entries only) makes its calls wait for
   * approval, {@code none} (the default) does not; anything else is a located problem.
   */
  private boolean approval(Fields f, Effect effect) {
    String text = f.string("approval");
    if (text == null) {
      return false;
    }
    if (!text.equals("required") && !text.equals("none")) {
      problems.add(f.node("approval"), "'approval' is '" + text + "'; expected required or none");
      return false;
    }
    if (text.equals("required") && effect != Effect.ALLOW) {
      problems.add(
          f.node("approval"),
          "a deny entry cannot require approval: only what allows can wait for a yes");
      return false;
    }
    return text.equals("required");
  }

  /**
   * An entry; a whitelist allow entry may carry {@code limits}, read by the caller, and a whitelist
   * entry a {@code mode}.
   */
  private AccessEntry entry(
      DocNode node, String defaultId, Effect effect, boolean limits, boolean modes) {
    Fields f =
        Fields.of(node, effect == Effect.ALLOW ? "an allow entry" : "a deny entry", problems);
    if (!(node instanceof DocNode.Obj)) {
      return null;
    }
    String id = f.string("id");
    List<Fields.Located<String>> toolTexts = f.stringList("tools");
    List<Fields.Located<String>> resourceTexts = f.stringList("resources");
    // Only whitelist and role entries honour a mode; elsewhere it is an unknown key, so a log-only
    // entry is never enforced by a module that ignores the mode.
    AccessEntry.Mode mode = modes ? mode(f) : AccessEntry.Mode.ENFORCE;
    boolean approval = approval(f, effect);
    if (limits) {
      f.claim("limits");
    }
    List<String> keys = new ArrayList<>(List.of("id", "tools", "resources"));
    if (modes) {
      keys.add("mode");
    }
    keys.add("approval");
    if (limits) {
      keys.add("limits");
    }
    f.finish(keys.toArray(new String[0]));
    if (!f.has("tools")) {
      problems.add(f.location(), "an entry has no 'tools'; expected a list of tool patterns");
      return null;
    }
    if (toolTexts == null) {
      return null;
    }
    if (toolTexts.isEmpty()) {
      problems.add(f.node("tools"), "'tools' is empty; an entry needs at least one tool pattern");
      return null;
    }
    boolean ok = true;
    List<ToolPattern> toolPatterns = new ArrayList<>();
    for (Fields.Located<String> t : toolTexts) {
      ToolPattern p = toolPattern(t);
      ok &= p != null;
      if (p != null) {
        toolPatterns.add(p);
      }
    }
    List<ResourcePattern> resourcePatterns = new ArrayList<>();
    if (resourceTexts != null) {
      for (Fields.Located<String> r : resourceTexts) {
        try {
          resourcePatterns.add(ResourcePattern.parse(r.value()));
        } catch (IllegalArgumentException e) {
          problems.add(r.location(), e.getMessage());
          ok = false;
        }
      }
      if (resourceTexts.isEmpty()) {
        problems.add(
            f.node("resources"),
            "'resources' is empty, so the entry could never match; omit it to cover every resource");
        ok = false;
      }
    }
    if (!ok || (resourceTexts == null && f.has("resources"))) {
      return null;
    }
    try {
      if (mode == null) {
        return null;
      }
      return new AccessEntry(
          id != null ? id : defaultId, effect, toolPatterns, resourcePatterns, mode, approval);
    } catch (IllegalArgumentException e) {
      problems.add(f.location(), e.getMessage());
      return null;
    }
  }

  /** A whitelist entry's {@code mode}: {@code enforce} (the default) or {@code log-only}. */
  private AccessEntry.Mode mode(Fields f) {
    String text = f.string("mode");
    if (text == null) {
      return f.has("mode") ? null : AccessEntry.Mode.ENFORCE;
    }
    return switch (text) {
      case "enforce" -> AccessEntry.Mode.ENFORCE;
      case "log-only" -> AccessEntry.Mode.LOG_ONLY;
      default -> {
        problems.add(
            f.node("mode"), "unknown mode '" + text + "'; expected 'enforce' or 'log-only'");
        yield null;
      }
    };
  }

  @Override
  public ToolPattern toolPattern(Fields.Located<String> text) {
    ToolPattern p;
    try {
      p = ToolPattern.parse(text.value());
    } catch (IllegalArgumentException e) {
      problems.add(text.location(), e.getMessage());
      return null;
    }
    if (toolCatalog && tools.keySet().stream().noneMatch(p::matches)) {
      problems.add(
          text.location(),
          "tool pattern '"
              + text.value()
              + "' matches no tool in the catalog, so it can never match");
      return null;
    }
    return p;
  }

  private void readDelegation(DocNode node, Policy.Builder b) {
    if (node == null) {
      return;
    }
    Fields f = Fields.of(node, "the delegation section", problems);
    Integer maxDepth = f.integer("maxDepth", 0, 64);
    DocNode limits = f.node("limits");
    f.finish("maxDepth", "limits");
    if (maxDepth != null) {
      b.maxDelegationDepth(maxDepth);
    }
    if (limits != null) {
      Fields l = Fields.of(limits, "delegation limits (principal id: further hops)", problems);
      if (limits instanceof DocNode.Obj o) {
        for (Map.Entry<String, DocNode.Field> e : new TreeMap<>(o.fields()).entrySet()) {
          Integer hops = l.integer(e.getKey(), 0, 64);
          if (hops == null) {
            continue;
          }
          if (!principals.containsKey(e.getKey())) {
            problems.add(
                e.getValue().keyLocation(),
                "delegation limit for '"
                    + e.getKey()
                    + "', which is not a principal of this document");
            continue;
          }
          b.delegationLimit(e.getKey(), hops);
        }
      }
    }
  }

  /**
   * The audit section: {@code arguments: [{tools: [...], fields: [...], record?: plain|redacted}]},
   * the tool arguments the audit log records.
   */
  private void readAudit(DocNode node, Policy.Builder b) {
    if (node == null) {
      return;
    }
    Fields f = Fields.of(node, "the audit section", problems);
    List<DocNode> items = f.array("arguments");
    f.finish("arguments");
    if (items == null) {
      return;
    }
    for (DocNode item : items) {
      Fields a = Fields.of(item, "an audit arguments entry", problems);
      if (!(item instanceof DocNode.Obj)) {
        continue;
      }
      List<ToolPattern> tools = auditTools(nonEmpty(a, "tools", "tool patterns"));
      List<String> fields = auditFields(nonEmpty(a, "fields", "argument names"));
      String record = a.string("record");
      a.finish("tools", "fields", "record");
      AuditArguments.Recording recording = AuditArguments.Recording.REDACTED;
      if (record != null) {
        try {
          recording = AuditArguments.Recording.parse(record);
        } catch (IllegalArgumentException e) {
          problems.add(a.node("record"), e.getMessage());
          continue;
        }
      }
      if (tools != null && fields != null) {
        b.auditArguments(new AuditArguments(tools, fields, recording));
      }
    }
  }

  /** A required, non-empty string list; null, with the problem located, when it is not one. */
  private List<Fields.Located<String>> nonEmpty(Fields a, String key, String what) {
    List<Fields.Located<String>> texts = a.stringList(key);
    if (texts == null && !a.has(key)) {
      problems.add(a.location(), "an audit arguments entry has no '" + key + "'; expected " + what);
    } else if (texts != null && texts.isEmpty()) {
      problems.add(a.node(key), "'" + key + "' is empty; expected at least one of the " + what);
      return null;
    }
    return texts;
  }

  private List<ToolPattern> auditTools(List<Fields.Located<String>> texts) {
    if (texts == null) {
      return null;
    }
    List<ToolPattern> out = new ArrayList<>();
    for (Fields.Located<String> t : texts) {
      ToolPattern p = toolPattern(t);
      if (p == null) {
        return null;
      }
      out.add(p);
    }
    return out;
  }

  private List<String> auditFields(List<Fields.Located<String>> texts) {
    if (texts == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Fields.Located<String> t : texts) {
      if (t.value().isBlank()) {
        problems.add(t.location(), "an argument name must not be blank");
        return null;
      }
      out.add(t.value());
    }
    return out;
  }

  // ---- SectionContext ----------------------------------------------------------------------

  @Override
  public Problems problems() {
    return problems;
  }

  @Override
  public Optional<DocNode> section(String name) {
    DocNode.Field f = root.fields().get(name);
    return f == null ? Optional.empty() : Optional.of(f.value());
  }

  @Override
  public Map<String, DocNode> principalFields(String field) {
    return principalFields.getOrDefault(field, Map.of());
  }

  @Override
  public Map<String, Principal> principals() {
    return java.util.Collections.unmodifiableMap(principals);
  }

  @Override
  public Collection<Tool> tools() {
    return java.util.Collections.unmodifiableCollection(tools.values());
  }

  @Override
  public boolean hasToolCatalog() {
    return toolCatalog;
  }

  @Override
  public Location locate(DocNode node, int offset) {
    return positions.locate(node, offset);
  }

  @Override
  public <T> void publish(Class<T> type, T service) {
    Objects.requireNonNull(service, "service");
    if (published.putIfAbsent(Objects.requireNonNull(type, "type"), type.cast(service)) != null) {
      throw new IllegalStateException(
          "a section read earlier already published a " + type.getName());
    }
  }

  @Override
  public <T> Optional<T> published(Class<T> type) {
    return Optional.ofNullable(type.cast(published.get(type)));
  }
}
