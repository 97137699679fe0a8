package io.toolgate;

/** What kind of caller or configuration mistake a {@link ToolgateException} reports. */
public enum ErrorCode {
  /** A policy failed validation; see {@link InvalidPolicyException#problems()}. */
  INVALID_POLICY,
  /** A policy document was refused: syntax, limits or validation; see the problems. */
  INVALID_DOCUMENT,
  /** A policy document's signature is missing or does not verify with a trusted key. */
  UNTRUSTED_DOCUMENT,
  /** A call was refused by {@link DecisionEngine#check(Request)}. */
  ACCESS_DENIED
}
