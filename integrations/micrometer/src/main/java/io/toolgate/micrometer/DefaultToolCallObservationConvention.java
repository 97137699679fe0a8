package io.toolgate.micrometer;

import io.micrometer.common.KeyValues;
import io.toolgate.Decision;
import io.toolgate.micrometer.ToolgateObservationDocumentation.HighCardinalityKeys;
import io.toolgate.micrometer.ToolgateObservationDocumentation.LowCardinalityKeys;

/**
 * The names Toolgate gives a guarded tool call's observation: name {@value #NAME}, contextual
 * (span) name {@code execute_tool <tool>} as OpenTelemetry's GenAI conventions name an {@code
 * execute_tool} span; low-cardinality {@code gen_ai.operation.name=execute_tool}, {@code
 * gen_ai.tool.name}, {@code toolgate.decision.effect}, {@code toolgate.decision.reason};
 * high-cardinality {@code gen_ai.agent.id} and {@code toolgate.policy.version} (see {@link
 * ToolgateObservationDocumentation}). Extend it to add or change a key value, for example to move
 * {@code gen_ai.tool.name} to high cardinality when tool names are unbounded.
 */
public class DefaultToolCallObservationConvention implements ToolCallObservationConvention {
  /** The observation's name, and so the name of the timer Micrometer's meter handler makes. */
  public static final String NAME = "toolgate.tool.call";

  /** The value of {@code gen_ai.operation.name}. */
  public static final String OPERATION = "execute_tool";

  /** The value of a decision's key values before (or without) a decision. */
  public static final String NONE = "NONE";

  /** The convention. */
  public DefaultToolCallObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(ToolCallContext context) {
    return OPERATION + " " + context.call().tool();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(ToolCallContext context) {
    Decision d = context.decision();
    return KeyValues.of(
        LowCardinalityKeys.OPERATION_NAME.withValue(OPERATION),
        LowCardinalityKeys.TOOL_NAME.withValue(context.call().tool().toString()),
        LowCardinalityKeys.DECISION_EFFECT.withValue(d == null ? NONE : d.effect().name()),
        LowCardinalityKeys.DECISION_REASON.withValue(d == null ? NONE : d.reason().name()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(ToolCallContext context) {
    Decision d = context.decision();
    return KeyValues.of(
        HighCardinalityKeys.AGENT_ID.withValue(context.call().chain().actor()),
        HighCardinalityKeys.POLICY_VERSION.withValue(d == null ? NONE : d.policyVersion()));
  }
}
