package io.toolgate.abac;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.toolgate.GrantIndex;
import io.toolgate.InvalidPolicyException;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolPattern;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.RoleDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validates rules against a policy and compiles them into a {@link CompiledAbac}. */
final class RuleCompiler {
  private RuleCompiler() {}

  /**
   * A problem with one rule.
   *
   * @param rule the rule's index in the module
   * @param message what is wrong, naming the rule
   */
  record Problem(int rule, String message) {}

  /**
   * Checks and compiles.
   *
   * @throws InvalidPolicyException listing every problem
   */
  static CompiledAbac compile(List<Rule> rules, ConditionEngine engine, PolicyView view) {
    List<Problem> problems = new ArrayList<>();
    CompiledAbac compiled = compile(rules, engine, view, problems);
    if (compiled == null) {
      throw new InvalidPolicyException(problems.stream().map(Problem::message).toList());
    }
    return compiled;
  }

  /**
   * As {@link #compile(List, ConditionEngine, PolicyView)}, recording each problem with the index
   * of its rule, so a document reader can place it at the rule.
   *
   * @return the compiled module, or null when {@code out} received any problem
   */
  static CompiledAbac compile(
      List<Rule> rules, ConditionEngine engine, PolicyView view, List<Problem> out) {
    List<String> problems = new ArrayList<>();
    int reported = 0;
    Set<String> ids = new HashSet<>();
    RoleDirectory directory = view.service(RoleDirectory.class).orElse(null);
    CompiledRule[] compiled = new CompiledRule[rules.size()];
    GrantIndex.Builder<Integer> index = GrantIndex.builder();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (!ids.add(r.id())) {
        problems.add("rule id '" + r.id() + "' is used twice");
      }
      for (String p : r.principals()) {
        if (view.principal(p).isEmpty()) {
          problems.add("rule '" + r.id() + "' targets principal '" + p + "', which is not defined");
        }
      }
      if (!r.roles().isEmpty() && directory == null) {
        problems.add(
            "rule '"
                + r.id()
                + "' targets roles "
                + r.roles()
                + ", but no role module is plugged in: add the rbac module before the abac module");
      }
      compiled[i] = compileCondition(r, engine, problems);
      for (; reported < problems.size(); reported++) {
        out.add(new Problem(i, problems.get(reported)));
      }
      for (ToolPattern t : r.tools()) {
        if (r.resources().isEmpty()) {
          index.add(t, ResourcePattern.ANY, i);
        } else {
          for (ResourcePattern p : r.resources()) {
            index.add(t, p, i);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new CompiledAbac(compiled, index.build(), directory, engine);
  }

  private static CompiledRule compileCondition(
      Rule r, ConditionEngine engine, List<String> problems) {
    if (r.condition().isAlways()) {
      return new CompiledRule(r, Node.Const.TRUE, null, 0);
    }
    Optional<CelAbstractSyntaxTree> ast =
        CelEnvironment.check(r.id(), r.condition().text(), problems);
    if (ast.isEmpty()) {
      return null;
    }
    try {
      CelRuntime runtime = CelEnvironment.runtime();
      AstCompiler.Compiled c = AstCompiler.compile(ast.get(), runtime);
      CelRuntime.Program whole =
          engine == ConditionEngine.CEL_RUNTIME ? runtime.createProgram(ast.get()) : null;
      return new CompiledRule(r, c.node(), whole, c.fallbacks());
    } catch (CelEvaluationException e) {
      problems.add("rule '" + r.id() + "': condition cannot be planned: " + e.getMessage());
      return null;
    }
  }
}
