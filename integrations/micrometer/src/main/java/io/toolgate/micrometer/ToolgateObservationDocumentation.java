package io.toolgate.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Toolgate makes and the names of their key values, as Micrometer's documentation
 * tooling reads them. Key names follow the OpenTelemetry semantic conventions for generative AI
 * ({@code gen_ai.*}, an operation {@code execute_tool}) where they have one, and {@code toolgate.*}
 * where they do not.
 */
public enum ToolgateObservationDocumentation implements ObservationDocumentation {
  /**
   * One guarded tool call, from its arrival at the guard to the end of the tool's body (or the
   * denial): observation {@code toolgate.tool.call}, span {@code execute_tool <tool>}.
   */
  TOOL_CALL {
    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>>
        getDefaultConvention() {
      return DefaultToolCallObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return LowCardinalityKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return HighCardinalityKeys.values();
    }
  };

  /** Key values with few distinct values: they tag the call's metrics and its span. */
  public enum LowCardinalityKeys implements KeyName {
    /** Always {@code execute_tool} (OpenTelemetry GenAI {@code gen_ai.operation.name}). */
    OPERATION_NAME {
      @Override
      public String asString() {
        return "gen_ai.operation.name";
      }
    },
    /** The tool called, {@code server/name} (OpenTelemetry GenAI {@code gen_ai.tool.name}). */
    TOOL_NAME {
      @Override
      public String asString() {
        return "gen_ai.tool.name";
      }
    },
    /** {@code ALLOW} or {@code DENY}; {@code NONE} when deciding itself failed. */
    DECISION_EFFECT {
      @Override
      public String asString() {
        return "toolgate.decision.effect";
      }
    },
    /** The decision's {@link io.toolgate.Reason} name; {@code NONE} when deciding failed. */
    DECISION_REASON {
      @Override
      public String asString() {
        return "toolgate.decision.reason";
      }
    }
  }

  /** Key values with many distinct values: on the span only, never a metric tag. */
  public enum HighCardinalityKeys implements KeyName {
    /**
     * The principal that made the call, the last of its delegation chain (OpenTelemetry GenAI
     * {@code gen_ai.agent.id}).
     */
    AGENT_ID {
      @Override
      public String asString() {
        return "gen_ai.agent.id";
      }
    },
    /** The version of the policy that decided; {@code NONE} when deciding failed. */
    POLICY_VERSION {
      @Override
      public String asString() {
        return "toolgate.policy.version";
      }
    }
  }
}
