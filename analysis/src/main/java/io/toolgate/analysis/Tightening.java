package io.toolgate.analysis;

import io.toolgate.Policy;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyWriter;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Tightener#tighten}: the tightened policy, its entries with their origins,
 * counts, and notes on whatever could not be carried over exactly. Immutable.
 *
 * @param policy the tightened policy: the original's principals, catalogs, delegation limits and
 *     pins, and a whitelist only (plugged-in modules are dropped, their grants replaced)
 * @param entries every whitelist entry of the tightened policy, principal by principal
 * @param allowedCalls how many allowed calls the log holds
 * @param replayedCalls how many of them the original policy still allows now, and so are kept
 * @param notes what could not be carried over exactly, and calls not kept, readable
 */
public record Tightening(
    Policy policy,
    List<TightenedEntry> entries,
    int allowedCalls,
    int replayedCalls,
    List<String> notes) {
  /** Validates and copies. */
  public Tightening {
    Objects.requireNonNull(policy, "policy");
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  /** The tightened policy as a document in the policy document format. */
  public String document(DocumentFormat format) {
    return new PolicyWriter(List.of()).write(policy, format);
  }
}
