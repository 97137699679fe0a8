package io.toolgate;

/** Gives tests outside this package the capability to build allow decisions, as the engine has. */
public final class TestMinter {
  private TestMinter() {}

  /** A minter, for tests of the engine's internals. */
  public static Decision.Minter minter() {
    return new Decision.Minter();
  }
}
