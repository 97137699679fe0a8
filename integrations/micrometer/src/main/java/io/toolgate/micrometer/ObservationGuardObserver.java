package io.toolgate.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.toolgate.Decision;
import io.toolgate.ToolCall;
import io.toolgate.guard.GuardObserver;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes one Micrometer {@link Observation} of every call a {@link io.toolgate.guard.ToolGuard}
 * runs: {@code ToolGuard.builder(engine).observer(new ObservationGuardObserver(registry))}. The
 * observation starts when the call reaches the guard and is in scope while the tool's body runs (so
 * a span the body opens is its child); it stops when the call ends, with the body's exception as
 * its error. Its names come from {@link DefaultToolCallObservationConvention} unless a custom
 * convention is given here or registered globally. With {@link ObservationRegistry#NOOP} it costs
 * next to nothing. Thread-safe.
 */
public final class ObservationGuardObserver implements GuardObserver {
  private static final DefaultToolCallObservationConvention DEFAULT =
      new DefaultToolCallObservationConvention();

  private final ObservationRegistry registry;
  private final @Nullable ToolCallObservationConvention convention;

  /** Observes into {@code registry} with the default (or a globally registered) convention. */
  public ObservationGuardObserver(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.convention = null;
  }

  /** Observes into {@code registry}, naming observations with {@code convention}. */
  public ObservationGuardObserver(
      ObservationRegistry registry, ToolCallObservationConvention convention) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.convention = Objects.requireNonNull(convention, "convention");
  }

  @Override
  public ObservedCall start(ToolCall call) {
    ToolCallContext context = new ToolCallContext(call);
    Observation observation =
        ToolgateObservationDocumentation.TOOL_CALL
            .observation(convention, DEFAULT, () -> context, registry)
            .start();
    return new Observed(observation, observation.openScope(), context);
  }

  /** One call's observation and the scope it opened on the calling thread. */
  private record Observed(Observation observation, Observation.Scope scope, ToolCallContext context)
      implements ObservedCall {
    @Override
    public void decided(Decision decision) {
      context.decided(decision);
    }

    @Override
    public void end(@Nullable Throwable error) {
      if (error != null) {
        observation.error(error);
      }
      scope.close();
      observation.stop();
    }
  }
}
