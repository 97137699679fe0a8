package io.toolgate.micrometer;

import io.micrometer.observation.Observation;
import io.toolgate.Decision;
import io.toolgate.ToolCall;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the observation of one guarded tool call knows, for a {@link ToolCallObservationConvention}
 * to name: the call from its start, and its decision once the guard has made it (null before, and
 * when deciding itself failed). Written only by {@link ObservationGuardObserver}, on the calling
 * thread.
 */
public final class ToolCallContext extends Observation.Context {
  private final ToolCall call;
  private @Nullable Decision decision;

  /** The context of {@code call}, not yet decided. */
  public ToolCallContext(ToolCall call) {
    this.call = Objects.requireNonNull(call, "call");
  }

  /** The call being guarded. */
  public ToolCall call() {
    return call;
  }

  /** The decision on the call, or null until it is decided. */
  public @Nullable Decision decision() {
    return decision;
  }

  void decided(Decision value) {
    this.decision = value;
  }
}
