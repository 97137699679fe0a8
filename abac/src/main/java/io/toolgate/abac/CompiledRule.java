package io.toolgate.abac;

import dev.cel.runtime.CelRuntime;

/**
 * A rule ready to evaluate: its definition, its condition as {@link Node}s, and, under {@link
 * ConditionEngine#CEL_RUNTIME}, the whole condition as a CEL program.
 *
 * @param rule the definition
 * @param condition the compiled condition ({@link Node.Const#TRUE} for unconditional rules)
 * @param program the whole condition for CEL's runtime, or null under the compiled engine
 * @param fallbacks how many sub-expressions the closures leave to CEL's runtime
 */
record CompiledRule(Rule rule, Node condition, CelRuntime.Program program, int fallbacks) {}
