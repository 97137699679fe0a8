package io.toolgate;

/** What kind of caller or configuration mistake a {@link ToolgateException} reports. */
public enum ErrorCode {
  /** An argument is malformed: a bad id, pattern, or value. */
  INVALID_ARGUMENT,
  /** A policy failed validation; see {@link InvalidPolicyException#problems()}. */
  INVALID_POLICY,
  /** A call was refused by {@link DecisionEngine#check(Request)}. */
  ACCESS_DENIED
}
