package io.toolgate.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a guarded tool call and its key values. Replace {@link
 * DefaultToolCallObservationConvention} by passing your own to {@link ObservationGuardObserver}, or
 * by registering a {@code GlobalObservationConvention} of {@link ToolCallContext} with the {@code
 * ObservationRegistry}; extend the default to add or drop a key value.
 */
public interface ToolCallObservationConvention extends ObservationConvention<ToolCallContext> {
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof ToolCallContext;
  }
}
