/**
 * The runnable jar ({@code examples/target/toolgate.jar}): the demo and the command-line tool
 * ({@code check}, {@code explain}, {@code analyze}, {@code diff}, {@code tighten}, and more), built
 * on the library modules. Not a library: nothing here is meant to be depended on.
 */
package io.toolgate.examples;
