package io.toolgate.abac;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment every condition is checked against: the five variables with their types,
 * the standard macros ({@code has}, {@code all}, {@code exists}, ...), heterogeneous numeric
 * comparisons ({@code args.amount <= 1000} holds for {@code 999.5}), a {@code bool} result. The
 * compiler and runtime are immutable and thread-safe, built once.
 *
 * <pre>
 * principal: toolgate.Principal { id, type ("user" | "agent" | "service"), owner ("" if none): string;
 *                                 attributes: map(string, dyn); roles: list(string) }
 * tool:      toolgate.Tool      { id ("server/name"), server, name: string;
 *                                 annotations: toolgate.ToolAnnotations
 *                                   { readOnly, destructive, idempotent, openWorld: bool };
 *                                 attributes: map(string, dyn) }
 * resource:  toolgate.Resource  { id: string ("" for no resource); attributes: map(string, dyn) }
 * args:      map(string, dyn)
 * env:       map(string, dyn)
 * </pre>
 */
final class CelEnvironment {
  private CelEnvironment() {}

  static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .build();

  private static final CelType ATTRIBUTES = MapType.create(SimpleType.STRING, SimpleType.DYN);

  static final StructType ANNOTATIONS = struct("toolgate.ToolAnnotations", Map.of(
      "readOnly", SimpleType.BOOL, "destructive", SimpleType.BOOL,
      "idempotent", SimpleType.BOOL, "openWorld", SimpleType.BOOL));
  static final StructType PRINCIPAL = struct("toolgate.Principal", ordered(
      "id", SimpleType.STRING, "type", SimpleType.STRING, "owner", SimpleType.STRING,
      "attributes", ATTRIBUTES, "roles", ListType.create(SimpleType.STRING)));
  static final StructType TOOL = struct("toolgate.Tool", ordered(
      "id", SimpleType.STRING, "server", SimpleType.STRING, "name", SimpleType.STRING,
      "annotations", ANNOTATIONS, "attributes", ATTRIBUTES));
  static final StructType RESOURCE = struct("toolgate.Resource", ordered(
      "id", SimpleType.STRING, "attributes", ATTRIBUTES));

  private static final CelTypeProvider TYPES = new CelTypeProvider() {
    private final ImmutableList<CelType> all = ImmutableList.of(PRINCIPAL, TOOL, RESOURCE, ANNOTATIONS);

    @Override
    public ImmutableCollection<CelType> types() {
      return all;
    }

    @Override
    public Optional<CelType> findType(String name) {
      return all.stream().filter(t -> t.name().equals(name)).findFirst();
    }
  };

  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setOptions(OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .setTypeProvider(TYPES)
      .addVar("principal", PRINCIPAL)
      .addVar("tool", TOOL)
      .addVar("resource", RESOURCE)
      .addVar("args", ATTRIBUTES)
      .addVar("env", ATTRIBUTES)
      .setResultType(SimpleType.BOOL)
      .build();

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .setOptions(OPTIONS)
      .build();

  static CelRuntime runtime() {
    return RUNTIME;
  }

  /**
   * Parses and type-checks a condition.
   *
   * @return the checked tree, or empty after adding a problem per issue, naming the rule and the
   *     1-based line and column
   */
  static Optional<CelAbstractSyntaxTree> check(String ruleId, String text, List<String> problems) {
    CelValidationResult parsed = COMPILER.parse(text);
    if (parsed.hasError()) {
      report(ruleId, "does not parse", parsed.getErrors(), problems);
      return Optional.empty();
    }
    try {
      CelValidationResult checked = COMPILER.check(parsed.getAst());
      if (checked.hasError()) {
        report(ruleId, "does not type-check", checked.getErrors(), problems);
        return Optional.empty();
      }
      return Optional.of(checked.getAst());
    } catch (CelValidationException e) {
      report(ruleId, "does not type-check", e.getErrors(), problems);
      return Optional.empty();
    }
  }

  private static void report(String ruleId, String what, List<CelIssue> issues, List<String> problems) {
    for (CelIssue issue : issues) {
      int line = issue.getSourceLocation().getLine();
      int column = issue.getSourceLocation().getColumn();
      String at = line > 0 ? " at " + line + ":" + (column + 1) : "";
      problems.add("rule '" + ruleId + "': condition " + what + at + ": " + issue.getMessage());
    }
  }

  private static Map<String, CelType> ordered(Object... kv) {
    Map<String, CelType> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CelType) kv[i + 1]);
    }
    return m;
  }

  private static StructType struct(String name, Map<String, CelType> fields) {
    Map<String, CelType> copy = new LinkedHashMap<>(fields);
    return StructType.create(name, ImmutableSet.copyOf(copy.keySet()),
        field -> Optional.ofNullable(copy.get(field)));
  }
}
