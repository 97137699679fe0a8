package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Divergence;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ShadowReport;
import io.toolgate.ToolId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shadow run: deciding threads hand (a sample of) their decisions to a bounded queue and return;
 * one thread of its own decides each again against the candidate, at the instant the active policy
 * decided, and reports every call on which they diverge. A full queue drops the decision and counts
 * it; nothing here can block, slow down beyond one queue offer, or change a deciding thread's
 * decision. The queue is the JDK's {@link ArrayBlockingQueue} (core has no JCTools): one short lock
 * per sampled decision; sample to keep it off busy cores.
 */
final class ShadowRunner {
  private static final Logger LOG = LoggerFactory.getLogger("io.toolgate.DecisionEngine");

  /** One decision waiting for the candidate. */
  record Pending(
      long millis,
      Object subject,
      ToolId tool,
      ResourceId resource,
      Session session,
      Request request,
      Decision active) {}

  private final double rate;
  private final ArrayBlockingQueue<Pending> queue;
  private final Function<Pending, Decision> candidate;
  private final Consumer<Divergence> sink;
  private final LongAdder dropped = new LongAdder();
  private final ShadowReport.Builder report = new ShadowReport.Builder();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * Starts a run.
   *
   * @param candidate decides a pending call against the candidate; never throws
   * @param sink hears every divergence, on the run's thread
   */
  ShadowRunner(
      double rate, int capacity, Function<Pending, Decision> candidate, Consumer<Divergence> sink) {
    this.rate = rate;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.candidate = candidate;
    this.sink = sink;
    this.thread = new Thread(this::run, "toolgate-shadow");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues a decision for the candidate (if sampled); drops and counts it when full or closed. */
  void offer(
      InstantSource clock,
      Object subject,
      ToolId tool,
      ResourceId resource,
      Session session,
      Request request,
      Decision active) {
    if (rate < 1 && ThreadLocalRandom.current().nextDouble() >= rate) {
      return;
    }
    if (closing
        || !queue.offer(
            new Pending(clock.millis(), subject, tool, resource, session, request, active))) {
      dropped.increment();
    }
  }

  /** The report so far. */
  ShadowReport report() {
    ShadowReport r;
    synchronized (report) {
      r = report.build();
    }
    return new ShadowReport(
        r.evaluated(), dropped.sum(), r.byDirection(), r.byTool(), r.byRule(), r.examples());
  }

  /**
   * Stops taking decisions, lets the thread compare those queued (waiting at most {@code timeout})
   * and returns the final report.
   */
  ShadowReport stop(Duration timeout) {
    closing = true;
    thread.interrupt();
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the shadow thread did not drain its queue within {}", timeout);
    }
    return report();
  }

  private void run() {
    while (true) {
      Pending p;
      try {
        p = closing ? queue.poll() : queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // stop() interrupts to end the wait; closing is set, drain without waiting
      }
      if (p == null) {
        if (closing) {
          return;
        }
        continue;
      }
      try {
        compare(p);
      } catch (Throwable t) {
        LOG.warn("the shadow comparison of a call failed; it is skipped", t);
      }
    }
  }

  private void compare(Pending p) {
    Decision c = candidate.apply(p);
    Divergence.Outcome a = Divergence.Outcome.of(p.active());
    Divergence.Outcome o = Divergence.Outcome.of(c);
    Divergence d = null;
    if (a.allows() != o.allows()) {
      List<String> chain =
          p.subject() instanceof DelegationChain ch
              ? ch.principals()
              : List.of((String) p.subject());
      d = new Divergence(p.millis(), chain, p.tool().qualifiedName(), p.resource().value(), a, o);
    }
    synchronized (report) {
      report.evaluated(1);
      if (d != null) {
        report.add(d);
      }
    }
    if (d != null) {
      sink.accept(d);
    }
  }
}
