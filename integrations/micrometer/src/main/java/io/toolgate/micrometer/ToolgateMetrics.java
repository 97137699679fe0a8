package io.toolgate.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolgate.DecisionEngine;
import io.toolgate.Effect;
import io.toolgate.Reason;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.document.PolicyReloader;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Binds what a {@link DecisionEngine} counts to a Micrometer {@link MeterRegistry}: one line,
 * {@code new ToolgateMetrics(engine).bindTo(registry)}, for an engine built with {@link
 * DecisionEngine.Builder#recordStats()}. The meters read the engine's {@link DecisionEngine#stats()
 * counts} when the registry polls them, so deciding pays only the engine's own striped counting and
 * nothing of Micrometer's.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #DECISIONS}</td><td>function counter</td><td>{@code effect} ({@code ALLOW},
 *       {@code DENY}), {@code reason} (a {@link Reason} name)</td><td>decisions the engine
 *       returned; every reason is registered, from 0</td></tr>
 *   <tr><td>{@value #CACHE_GETS}</td><td>function counter</td><td>{@code result} ({@code hit},
 *       {@code miss})</td><td>lookups of the residual cache</td></tr>
 *   <tr><td>{@value #CACHE_SIZE}</td><td>gauge</td><td></td><td>residuals cached now (an
 *       estimate)</td></tr>
 *   <tr><td>{@value #RESIDUAL_COMPILE}</td><td>function timer</td><td></td><td>residuals built
 *       from the policy (a miss, a switched hit, any uncached decision) and their time</td></tr>
 *   <tr><td>{@value #AUDIT_DROPPED}</td><td>function counter</td><td></td><td>audit records the
 *       queue dropped (full or closed); only with {@link Builder#audit}</td></tr>
 *   <tr><td>{@value #POLICY_RELOADS}</td><td>function counter</td><td>{@code outcome} ({@code
 *       RELOADED}, {@code REFUSED})</td><td>policy documents swapped in, and refused (the last good
 *       policy stayed); only with {@link Builder#reloader}</td></tr>
 * </table>
 *
 * <p>Every meter also carries the tags given to {@link Builder#tags}. Immutable and thread-safe;
 * binding to several registries is fine.
 */
public final class ToolgateMetrics implements MeterBinder {
  /** Decisions by effect and reason. */
  public static final String DECISIONS = "toolgate.decisions";

  /** Residual cache lookups by result. */
  public static final String CACHE_GETS = "toolgate.cache.gets";

  /** Residuals cached now. */
  public static final String CACHE_SIZE = "toolgate.cache.size";

  /** Residual builds and their time. */
  public static final String RESIDUAL_COMPILE = "toolgate.residual.compile";

  /** Audit records dropped. */
  public static final String AUDIT_DROPPED = "toolgate.audit.dropped";

  /** Policy reloads by outcome. */
  public static final String POLICY_RELOADS = "toolgate.policy.reloads";

  private final DecisionEngine engine;
  private final Tags tags;
  private final @Nullable AsyncDecisionListener audit;
  private final @Nullable PolicyReloader reloader;

  /**
   * The engine's meters, without extra tags.
   *
   * @throws IllegalArgumentException if the engine was not built with {@code recordStats()}
   */
  public ToolgateMetrics(DecisionEngine engine) {
    this(builder(engine));
  }

  private ToolgateMetrics(Builder b) {
    if (!b.engine.recordsStats()) {
      throw new IllegalArgumentException(
          "the engine counts nothing: build it with DecisionEngine.builder(policy).recordStats()");
    }
    this.engine = b.engine;
    this.tags = b.tags;
    this.audit = b.audit;
    this.reloader = b.reloader;
  }

  /**
   * Starts the meters of {@code engine}, to which an audit queue, a reloader and tags may be added.
   */
  public static Builder builder(DecisionEngine engine) {
    return new Builder(engine);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    for (Reason reason : Reason.values()) {
      Effect effect = reason == Reason.PERMITTED ? Effect.ALLOW : Effect.DENY;
      FunctionCounter.builder(DECISIONS, engine, e -> e.stats().decisions(reason))
          .tags(tags)
          .tag("effect", effect.name())
          .tag("reason", reason.name())
          .description("Decisions the Toolgate engine returned, by effect and reason")
          .register(registry);
    }
    String gets = "Lookups of the residual cache, by whether a cached residual answered";
    register(registry, CACHE_GETS, gets, engine, e -> e.stats().cacheHits(), "result", "hit");
    register(registry, CACHE_GETS, gets, engine, e -> e.stats().cacheMisses(), "result", "miss");
    Gauge.builder(CACHE_SIZE, engine, DecisionEngine::cachedResiduals)
        .tags(tags)
        .description("Residuals cached now (an estimate)")
        .register(registry);
    FunctionTimer.builder(
            RESIDUAL_COMPILE,
            engine,
            e -> e.stats().residualCompiles(),
            e -> e.stats().residualCompileNanos(),
            TimeUnit.NANOSECONDS)
        .tags(tags)
        .description("Residuals built from the policy, and the time building them took")
        .register(registry);
    if (audit != null) {
      FunctionCounter.builder(AUDIT_DROPPED, audit, AsyncDecisionListener::dropped)
          .tags(tags)
          .description("Audit records dropped because the audit queue was full or closed")
          .register(registry);
    }
    if (reloader != null) {
      String reloads = "Policy documents swapped in, and refused (the last good policy stayed)";
      register(
          registry,
          POLICY_RELOADS,
          reloads,
          reloader,
          PolicyReloader::reloads,
          "outcome",
          "RELOADED");
      register(
          registry,
          POLICY_RELOADS,
          reloads,
          reloader,
          PolicyReloader::refusals,
          "outcome",
          "REFUSED");
    }
  }

  /** Registers a function counter with one tag besides the common ones. */
  private <T> void register(
      MeterRegistry registry,
      String name,
      String description,
      T source,
      ToDoubleFunction<T> count,
      String key,
      String value) {
    FunctionCounter.builder(name, source, count)
        .tags(tags)
        .tag(key, value)
        .description(description)
        .register(registry);
  }

  /** Configures a {@link ToolgateMetrics}; each setting may be given once. */
  public static final class Builder {
    private final DecisionEngine engine;
    private Tags tags = Tags.empty();
    private boolean tagsSet;
    private @Nullable AsyncDecisionListener audit;
    private @Nullable PolicyReloader reloader;

    private Builder(DecisionEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Tags every meter carries besides its own (for example the application's name). */
    public Builder tags(Iterable<Tag> values) {
      if (tagsSet) {
        throw new IllegalStateException("tags were already set");
      }
      this.tags = Tags.of(Objects.requireNonNull(values, "tags"));
      this.tagsSet = true;
      return this;
    }

    /**
     * Also binds {@value ToolgateMetrics#AUDIT_DROPPED} of this audit queue (the one given to the
     * engine's {@code listener} or {@code requireAudit}). Needs {@code toolgate-audit}.
     */
    public Builder audit(AsyncDecisionListener listener) {
      if (audit != null) {
        throw new IllegalStateException("audit was already set");
      }
      this.audit = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Also binds {@value ToolgateMetrics#POLICY_RELOADS} of the reloader that keeps this engine's
     * policy. Needs {@code toolgate-document}.
     */
    public Builder reloader(PolicyReloader value) {
      if (reloader != null) {
        throw new IllegalStateException("reloader was already set");
      }
      this.reloader = Objects.requireNonNull(value, "reloader");
      return this;
    }

    /**
     * Builds the binder; the builder is left unchanged.
     *
     * @throws IllegalArgumentException if the engine was not built with {@code recordStats()}
     */
    public ToolgateMetrics build() {
      return new ToolgateMetrics(this);
    }
  }
}
