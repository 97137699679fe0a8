package io.toolgate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.InstantSource;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code toolgate} command line, configured: every subcommand, {@code --help} and {@code
 * --version}, {@code generate-completion}, usage errors as one line plus a hint with exit 2, and
 * failures without stack traces.
 *
 * <p>Applications with subcommands of their own (the examples' {@code demo} and {@code mcp-server})
 * pass them to {@link #commandLine(PrintStream, PrintStream, Object...)}, so that they are
 * configured like the tool's own: picocli applies settings only to the subcommands a command has
 * when they are set.
 */
public final class ToolgateCli {
  private ToolgateCli() {}

  /**
   * A new command line writing results to {@code out} and problems to {@code err}; run it with
   * {@link CommandLine#execute(String...)}, which returns the exit status.
   */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    return commandLine(new Io(out, err, InstantSource.system()));
  }

  /**
   * A new command line, as {@link #commandLine(PrintStream, PrintStream)}, with more subcommands:
   * objects annotated with picocli's {@code @Command}, named by its {@code name}, listed after the
   * tool's own.
   */
  public static CommandLine commandLine(
      PrintStream out, PrintStream err, Object... moreSubcommands) {
    return commandLine(new Io(out, err, InstantSource.system()), moreSubcommands);
  }

  static CommandLine commandLine(Io io, Object... moreSubcommands) {
    CommandLine cl = new CommandLine(new ToolgateCommand());
    cl.addSubcommand("validate", new ValidateCommand(io));
    cl.addSubcommand("check", new CheckCommand(io));
    cl.addSubcommand("keygen", new KeygenCommand(io));
    cl.addSubcommand("sign", new SignCommand(io));
    cl.addSubcommand("verify", new VerifyCommand(io));
    cl.addSubcommand("report", new ReportCommand(io));
    cl.addSubcommand("diff", new DiffCommand(io));
    cl.addSubcommand("tighten", new TightenCommand(io));
    cl.addSubcommand("shadow-report", new ShadowReportCommand(io));
    cl.addSubcommand(
        "audit",
        new CommandLine(new AuditCommand())
            .addSubcommand("verify", new AuditVerifyCommand(io))
            .addSubcommand("prove", new AuditProveCommand(io))
            .addSubcommand("consistency", new AuditConsistencyCommand(io)));
    for (Object command : moreSubcommands) {
      cl.addSubcommand(command);
    }
    cl.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    // picocli hides generate-completion by default; it is part of the tool, so it is listed.
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    // Settings below apply to every subcommand added so far, so they come last.
    cl.setOut(writer(io.out()));
    cl.setErr(writer(io.err()));
    // "@file" is an ordinary value (a resource may start with '@'), not a file of arguments.
    cl.setExpandAtFiles(false);
    cl.registerConverter(Path.class, PATH);
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionExceptionHandler(new FailureHandler());
    return cl;
  }

  /**
   * A writer onto {@code stream} that leaves encoding to the stream, so picocli's help and errors
   * are encoded like everything else the commands print (a plain {@code PrintWriter} over the
   * stream would use the platform charset).
   */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) {
            stream.print(new String(chars, offset, length));
          }

          @Override
          public void flush() {
            stream.flush();
          }

          @Override
          public void close() {
            stream.flush();
          }
        },
        true);
  }

  /** Paths, with the reason a text is not one in words rather than an exception's class name. */
  private static final ITypeConverter<Path> PATH =
      text -> {
        try {
          return Path.of(text);
        } catch (InvalidPathException e) {
          throw new TypeConversionException("'" + text + "' is not a path: " + e.getReason());
        }
      };
}
