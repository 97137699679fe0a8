package io.toolgate.internal.engine;

import io.toolgate.spi.Condition;

/** A rule whose effect depends on a condition over the call, with the hop it belongs to. */
record ConditionalRule(int hop, String principal, String ruleId, Condition condition) {}
