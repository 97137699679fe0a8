package io.toolgate.guard;

import io.toolgate.AccessDeniedException;
import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionError;
import io.toolgate.DelegationChain;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolCall;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import io.toolgate.internal.Frozen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tool only when a {@link DecisionEngine} allows the call: the framework-neutral core of
 * every integration (an MCP server's call handlers, a client in front of third-party servers, a
 * LangChain4j tool executor). Thread-safe; one guard serves every caller.
 *
 * <p>For each {@link ToolCall} the guard, in order:
 *
 * <ol>
 *   <li>checks the tool's definition against the digest the policy pinned for it ({@link
 *       Policy#pin}): a pinned tool whose call presents no digest or another one is denied with
 *       {@link Reason#TOOL_DEFINITION_CHANGED};
 *   <li>derives the resource from the arguments with the {@link ResourceResolver} declared for the
 *       tool (unless the call names its resource): a missing or malformed argument, a path that
 *       escapes its root, or a tool with no declared resolver is denied with {@link
 *       Reason#RESOURCE_UNRESOLVED};
 *   <li>asks the engine to decide the resulting {@link Request} in full;
 *   <li>when the allow carries {@link Obligation#APPROVAL} ({@link #call} and {@link #invoke}
 *       only), asks the {@link ApprovalHandler} and waits at most the approval deadline: a grant
 *       runs the call, a refusal, a failure of the handler or no handler at all denies it with
 *       {@link Reason#APPROVAL_DENIED}, no answer in time with {@link Reason#APPROVAL_TIMEOUT}. The
 *       outcome reaches the engine's listeners as a decision of its own ({@link
 *       DecisionEngine#recordApproval}), so the audit log records who answered and when.
 * </ol>
 *
 * Only an allow runs the tool body, with the request that was allowed. Nothing in this path throws
 * for a denial except {@link #invoke}, which throws {@link AccessDeniedException} on purpose; an
 * exception thrown by a resolver becomes a denial. Denials decided by the guard itself (steps 1 and
 * 2) do not reach the engine's listeners. A {@link GuardObserver} ({@link Builder#observer}) hears
 * every call through {@link #call} and {@link #invoke}, the guard's own denials included.
 *
 * <p><b>Visibility is not permission.</b> {@link #visibleTools} lists the tools of which
 * <em>some</em> call could be allowed for a chain, for {@code tools/list}-style discovery, without
 * enumerating resources. It errs toward showing (resource patterns are not intersected, conditions
 * and expiries are not evaluated), so a visible tool may still be denied for a given resource;
 * hiding a tool never replaces deciding its calls, and every call through {@link #call} is decided
 * in full whatever was listed.
 */
public final class ToolGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ToolGuard.class);

  private final DecisionEngine engine;
  private final Map<ToolId, ResourceResolver> resolvers;
  private final ResourceResolver otherTools;

  /** Hears each call through {@link #call}; null when none was set. */
  private final @Nullable GuardObserver observer;

  /** Asks for approvals; null when none is configured, which denies every call that needs one. */
  private final ApprovalHandler approvals;

  private final Duration approvalDeadline;

  private ToolGuard(Builder b) {
    this.engine = b.engine;
    this.resolvers = Frozen.map(b.resolvers);
    this.otherTools = b.otherTools;
    this.observer = b.observer;
    this.approvals = b.approvals;
    this.approvalDeadline = b.approvalDeadline;
  }

  /** Starts a guard deciding with {@code engine}. */
  public static Builder builder(DecisionEngine engine) {
    return new Builder(engine);
  }

  /** The engine that decides. */
  public DecisionEngine engine() {
    return engine;
  }

  /**
   * Decides a call without running anything: pin check, resource derivation, then the engine. Never
   * throws for a denial or a resolver failure. An allow that needs approval is returned as it is,
   * with {@link Obligation#APPROVAL}: nobody is asked.
   */
  public Decision decide(ToolCall call) {
    return authorize(call).decision;
  }

  /**
   * Runs {@code body} if the call is allowed.
   *
   * @return {@link GuardResult.Allowed} with the body's result, or {@link GuardResult.Denied} with
   *     the decision, in which case the body did not run
   * @throws X whatever the body throws, unchanged
   */
  public <T, X extends Exception> GuardResult<T> call(ToolCall call, ToolBody<T, X> body) throws X {
    return run(call, approvals, body);
  }

  /**
   * Runs {@code body} if the call is allowed, asking {@code approvals} (instead of the guard's own
   * handler) when the policy requires approval: for a handler bound to the caller's connection, as
   * MCP elicitation is.
   *
   * @return {@link GuardResult.Allowed} with the body's result, or {@link GuardResult.Denied} with
   *     the decision, in which case the body did not run
   * @throws X whatever the body throws, unchanged
   */
  public <T, X extends Exception> GuardResult<T> call(
      ToolCall call, ApprovalHandler approvals, ToolBody<T, X> body) throws X {
    return run(call, Objects.requireNonNull(approvals, "approvals"), body);
  }

  private <T, X extends Exception> GuardResult<T> run(
      ToolCall call, ApprovalHandler handler, ToolBody<T, X> body) throws X {
    Objects.requireNonNull(body, "body");
    if (observer == null) {
      Authorization a = authorize(call);
      return runIfAllowed(settle(a, handler), a, body);
    }
    Objects.requireNonNull(call, "call");
    GuardObserver.ObservedCall observed = start(call);
    Throwable error = null;
    try {
      Authorization a = authorize(call);
      Decision d = settle(a, handler);
      decided(observed, d);
      return runIfAllowed(d, a, body);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      end(observed, error);
    }
  }

  /** The decision, once {@code handler} answered when the allow asks for approval. */
  private Decision settle(Authorization a, ApprovalHandler handler) {
    Decision d = a.decision;
    if (d.isAllowed() && d.obligations().contains(Obligation.APPROVAL)) {
      d = engine.recordApproval(a.request, ask(handler, a.request, d));
    }
    return d;
  }

  private static <T, X extends Exception> GuardResult<T> runIfAllowed(
      Decision d, Authorization a, ToolBody<T, X> body) throws X {
    if (!d.isAllowed()) {
      return new GuardResult.Denied<>(d);
    }
    return new GuardResult.Allowed<>(d, body.run(a.request));
  }

  /**
   * The allow settled by {@code handler}'s answer within the deadline, or the denial that takes its
   * place; never throws.
   */
  private Decision ask(ApprovalHandler handler, Request request, Decision allow) {
    if (handler == null) {
      return refused(allow, Reason.APPROVAL_DENIED, "no approval handler is configured", null);
    }
    CompletableFuture<Approval> future = null;
    try {
      CompletionStage<Approval> stage = handler.ask(request, allow);
      if (stage == null) {
        return refused(allow, Reason.APPROVAL_DENIED, "the approval handler gave no answer", null);
      }
      future = stage.toCompletableFuture();
      Approval answer = future.get(approvalDeadline.toNanos(), TimeUnit.NANOSECONDS);
      if (answer instanceof Approval.Granted granted) {
        return allow.approvedBy(granted);
      }
      if (answer instanceof Approval.Refused no) {
        return Decision.denial(Reason.APPROVAL_DENIED, allow.policyVersion())
            .ruleIds(allow.ruleIds())
            .approval(no)
            .detail(
                "'"
                    + no.approver()
                    + "' refused the call"
                    + (no.why().isEmpty() ? "" : ": " + no.why()))
            .build();
      }
      return refused(allow, Reason.APPROVAL_DENIED, "the approval handler answered null", null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return refused(
          allow,
          Reason.APPROVAL_TIMEOUT,
          "no answer to the request for approval within " + approvalDeadline,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return refused(allow, Reason.APPROVAL_DENIED, "interrupted while awaiting approval", null);
    } catch (ExecutionException e) {
      return refused(allow, Reason.APPROVAL_DENIED, "the approval handler failed", e.getCause());
    } catch (CancellationException e) {
      return refused(allow, Reason.APPROVAL_DENIED, "the request for approval was cancelled", e);
    } catch (Throwable t) { // fail closed: whatever the handler throws refuses the call
      return refused(allow, Reason.APPROVAL_DENIED, "the approval handler failed", t);
    }
  }

  private static Decision refused(Decision allow, Reason reason, String detail, Throwable failure) {
    Decision.Builder b =
        Decision.denial(reason, allow.policyVersion()).ruleIds(allow.ruleIds()).detail(detail);
    if (failure != null) {
      LOG.warn("approval of a call allowed by {} failed; denying", allow.ruleIds(), failure);
      String m = failure.getMessage();
      b.errors(
          List.of(
              new DecisionError(
                  "approval", failure.getClass().getSimpleName() + (m == null ? "" : ": " + m))));
    }
    return b.build();
  }

  // The observer's three steps: whatever it throws is logged and the call goes on undisturbed.

  private GuardObserver.@Nullable ObservedCall start(ToolCall call) {
    try {
      return observer.start(call);
    } catch (Throwable t) {
      LOG.warn("guard observer {} failed at the start of {}; the call goes on", observer, call, t);
      return null;
    }
  }

  private void decided(GuardObserver.@Nullable ObservedCall observed, Decision decision) {
    if (observed != null) {
      quietly(() -> observed.decided(decision), "on a decision; the decision stands");
    }
  }

  private void end(GuardObserver.@Nullable ObservedCall observed, @Nullable Throwable error) {
    if (observed != null) {
      quietly(() -> observed.end(error), "at the end of a call; the result stands");
    }
  }

  private void quietly(Runnable step, String when) {
    try {
      step.run();
    } catch (Throwable t) {
      LOG.warn("guard observer {} failed {}", observer, when, t);
    }
  }

  /**
   * Runs {@code body} if the call is allowed and returns its result: the throwing form of {@link
   * #call}.
   *
   * @throws AccessDeniedException carrying the decision, if denied (the body did not run)
   * @throws X whatever the body throws, unchanged
   */
  public <T, X extends Exception> T invoke(ToolCall call, ToolBody<T, X> body) throws X {
    GuardResult<T> r = call(call, body);
    if (r instanceof GuardResult.Allowed<T> allowed) {
      return allowed.value();
    }
    throw new AccessDeniedException(r.decision());
  }

  /**
   * Whether some call of {@code tool} through {@code chain} could be allowed now, on some resource
   * (see the class comment: visibility errs toward showing, and is not permission).
   */
  public boolean isVisible(DelegationChain chain, ToolId tool) {
    return isVisible(chain, tool, Session.DEFAULT);
  }

  /** Like {@link #isVisible(DelegationChain, ToolId)}, in a session. */
  public boolean isVisible(DelegationChain chain, ToolId tool, Session session) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(session, "session");
    return engine.mayInvokeSome(chain, tool, session);
  }

  /**
   * Whether a tool with this current definition should be listed: visible, and not pinned to
   * another definition.
   */
  public boolean isVisible(DelegationChain chain, ToolId tool, ToolDefinition current) {
    Objects.requireNonNull(current, "current");
    Optional<String> pin = engine.policy().pin(tool);
    return (pin.isEmpty() || pin.get().equals(current.digest())) && isVisible(chain, tool);
  }

  /**
   * The tools of {@code catalog} that {@code chain} could call on some resource, in catalog order.
   * This is for listing only: every call is still decided in full.
   */
  public List<ToolId> visibleTools(DelegationChain chain, Collection<ToolId> catalog) {
    Objects.requireNonNull(chain, "chain");
    List<ToolId> out = new ArrayList<>();
    for (ToolId tool : catalog) {
      if (isVisible(chain, tool)) {
        out.add(tool);
      }
    }
    return List.copyOf(out);
  }

  /** The authorized request, or null, and the decision. */
  private record Authorization(Request request, Decision decision) {}

  private Authorization authorize(ToolCall call) {
    Objects.requireNonNull(call, "call");
    Policy policy = engine.policy();
    Optional<String> pin = policy.pin(call.tool());
    if (pin.isPresent() && !pin.get().equals(call.definitionDigest().orElse(null))) {
      String detail =
          call.definitionDigest().isEmpty()
              ? "tool "
                  + call.tool()
                  + " is pinned to "
                  + pin.get()
                  + " but the call presents no definition"
              : "the definition of "
                  + call.tool()
                  + " changed since it was approved: pinned "
                  + pin.get()
                  + ", now "
                  + call.definitionDigest().get();
      return denied(Reason.TOOL_DEFINITION_CHANGED, policy, detail);
    }
    ResourceId resource;
    if (call.resource().isPresent()) {
      resource = call.resource().get();
    } else {
      ResourceResolver resolver = resolvers.getOrDefault(call.tool(), otherTools);
      if (resolver == null) {
        return denied(
            Reason.RESOURCE_UNRESOLVED,
            policy,
            "no resource rule is declared for tool " + call.tool());
      }
      try {
        resource = resolver.resolve(call.arguments());
      } catch (RuntimeException e) {
        LOG.debug("resource of {} not derived", call, e);
        return denied(
            Reason.RESOURCE_UNRESOLVED,
            policy,
            "the resource of " + call.tool() + " could not be derived: " + e.getMessage());
      }
      if (resource == null) {
        return denied(
            Reason.RESOURCE_UNRESOLVED,
            policy,
            "the resource rule of " + call.tool() + " named no resource");
      }
    }
    Request request = call.toRequest(resource);
    return new Authorization(request, engine.decide(request));
  }

  private static Authorization denied(Reason reason, Policy policy, String detail) {
    return new Authorization(
        null, Decision.denial(reason, policy.version()).detail(detail).build());
  }

  /** Configures a {@link ToolGuard}; each tool's resource rule may be declared once. */
  public static final class Builder {
    private final DecisionEngine engine;
    private final Map<ToolId, ResourceResolver> resolvers = new HashMap<>();
    private ResourceResolver otherTools;
    private GuardObserver observer;
    private ApprovalHandler approvals;
    private Duration approvalDeadline = DEFAULT_APPROVAL_DEADLINE;
    private boolean deadlineSet;

    /** How long a call waits for approval unless {@link #approvalDeadline} says otherwise. */
    public static final Duration DEFAULT_APPROVAL_DEADLINE = Duration.ofMinutes(2);

    private Builder(DecisionEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Declares how the resource of calls to {@code tool} is derived from their arguments.
     *
     * @throws IllegalStateException if the tool already has a rule
     */
    public Builder resourceFrom(ToolId tool, ResourceResolver resolver) {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(resolver, "resolver");
      if (resolvers.putIfAbsent(tool, resolver) != null) {
        throw new IllegalStateException("tool " + tool + " already has a resource rule");
      }
      return this;
    }

    /** {@link #resourceFrom(ToolId, ResourceResolver)} with a parsed tool id. */
    public Builder resourceFrom(String tool, ResourceResolver resolver) {
      return resourceFrom(ToolId.parse(tool), resolver);
    }

    /**
     * Declares a {@link ResourceTemplate} for {@code tool}, such as {@code repo:{owner}/{repo}}.
     *
     * @throws IllegalArgumentException if the template is malformed
     * @throws IllegalStateException if the tool already has a rule
     */
    public Builder resource(String tool, String template) {
      return resourceFrom(ToolId.parse(tool), ResourceTemplate.of(template));
    }

    /** Declares that calls to these tools act on {@link ResourceId#NONE}. */
    public Builder noResource(String... tools) {
      for (String t : tools) {
        resourceFrom(ToolId.parse(t), ResourceResolver.NONE);
      }
      return this;
    }

    /**
     * The resource rule of tools with none of their own. Without it, calls to such tools are denied
     * with {@link Reason#RESOURCE_UNRESOLVED}; pass {@link ResourceResolver#NONE} to have them act
     * on the "none" resource instead.
     *
     * @throws IllegalStateException if already set
     */
    public Builder otherTools(ResourceResolver resolver) {
      if (otherTools != null) {
        throw new IllegalStateException("otherTools was already set");
      }
      this.otherTools = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Hears every call run through {@link ToolGuard#call} and {@link ToolGuard#invoke} (default:
     * none), for traces and metrics; it cannot change a decision.
     *
     * @throws IllegalStateException if already set
     */
    public Builder observer(GuardObserver value) {
      if (observer != null) {
        throw new IllegalStateException("observer was already set");
      }
      this.observer = Objects.requireNonNull(value, "observer");
      return this;
    }

    /**
     * Who approves the calls the policy allows only with approval ({@link Obligation#APPROVAL}).
     * Without a handler such calls are denied ({@link Reason#APPROVAL_DENIED}): fail closed.
     *
     * @throws IllegalStateException if already set
     */
    public Builder approvals(ApprovalHandler handler) {
      if (approvals != null) {
        throw new IllegalStateException("approvals was already set");
      }
      this.approvals = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * How long a call waits for its approval before it is denied with {@link
     * Reason#APPROVAL_TIMEOUT} (default {@link #DEFAULT_APPROVAL_DEADLINE}). The calling thread
     * waits: a tool call is synchronous.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder approvalDeadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadlineSet) {
        throw new IllegalStateException("approvalDeadline was already set");
      }
      if (deadline.isZero() || deadline.isNegative()) {
        throw new IllegalArgumentException("the approval deadline must be positive: " + deadline);
      }
      this.approvalDeadline = deadline;
      this.deadlineSet = true;
      return this;
    }

    /** Builds the guard; the builder is left unchanged. */
    public ToolGuard build() {
      return new ToolGuard(this);
    }
  }
}
