package io.toolgate;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a request for approval (see {@link Obligation#APPROVAL}): granted or refused, by
 * whom and when. Immutable; recorded on the settled {@link Decision} ({@link Decision#approval()})
 * and so in the audit log.
 */
public sealed interface Approval permits Approval.Granted, Approval.Refused {
  /** Who answered: a user id, an e-mail address, a client name; never empty. */
  String approver();

  /** When the answer was given. */
  Instant at();

  /** Whether the call was approved. */
  default boolean isGranted() {
    return this instanceof Granted;
  }

  /** A yes from {@code approver} at {@code at}. */
  static Approval granted(String approver, Instant at) {
    return new Granted(approver, at);
  }

  /** A no from {@code approver} at {@code at}, for the reason {@code why} (may be empty). */
  static Approval refused(String approver, Instant at, String why) {
    return new Refused(approver, at, why);
  }

  /**
   * The call was approved.
   *
   * @param approver who approved it
   * @param at when
   */
  record Granted(String approver, Instant at) implements Approval {
    /** Validates. */
    public Granted {
      approver = Approval.checkApprover(approver);
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The call was refused.
   *
   * @param approver who refused it
   * @param at when
   * @param why the reason given, possibly empty
   */
  record Refused(String approver, Instant at, String why) implements Approval {
    /** Validates. */
    public Refused {
      approver = Approval.checkApprover(approver);
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(why, "why");
    }
  }

  private static String checkApprover(String approver) {
    Objects.requireNonNull(approver, "approver");
    if (approver.isBlank()) {
      throw new IllegalArgumentException("an approval names who answered; the approver is blank");
    }
    return approver;
  }
}
