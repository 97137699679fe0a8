package io.toolgate.cli;

import java.io.PrintStream;
import java.time.InstantSource;

/**
 * What every subcommand writes to and reads the time from: standard output for results, standard
 * error for problems, and the clock expiry checks compare with (a fixed one in tests).
 */
record Io(PrintStream out, PrintStream err, InstantSource clock) {}
