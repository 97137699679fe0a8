package io.toolgate.cli;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionError;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentProblem;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.Signatures;
import io.toolgate.document.StrictJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the policy commands of {@code toolgate.jar} do, for policy authors and CI pipelines: {@code
 * validate}, {@code check}, {@code sign}, {@code verify} and {@code keygen}. Their arguments are
 * parsed by their {@code *Command} classes; this class reports every problem with input itself, as
 * one line on standard error (or in place, for a line of a requests file).
 *
 * <p>Exit codes: 0 success (valid, allowed, verified), 1 denied ({@code check} of one request), 2
 * error (invalid policy, bad arguments, failed verification).
 */
final class PolicyCli {
  static final int OK = 0;
  static final int DENIED = 1;
  static final int ERROR = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final JsonMapper json = JsonMapper.builder().build();

  PolicyCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** {@code validate FILE...}: every problem as {@code FILE:LINE:COLUMN: message}. */
  int validate(List<Path> files) {
    PolicyLoader loader = PolicyLoader.defaults();
    boolean valid = true;
    for (Path file : files) {
      try {
        List<DocumentProblem> problems = loader.validate(file);
        problems.forEach(out::println);
        valid &= problems.isEmpty();
      } catch (RuntimeException e) {
        // An unreadable signature file, an invalid path: one line, like every other problem.
        err.println(file + ": " + oneLine(e));
        valid = false;
      }
    }
    return valid ? OK : ERROR;
  }

  /**
   * Loads the policy {@code check} decides with, verifying its signature when a trusted key is
   * given; prints why it cannot and returns null.
   */
  Policy load(Path policyFile, Path trustedKey) {
    try {
      PolicyLoader.Builder b = PolicyLoader.builder();
      if (trustedKey != null) {
        b.trustedKey(Signatures.publicKey(read(trustedKey))).requireSignature(true);
      }
      return b.build().load(policyFile);
    } catch (DocumentException e) {
      e.problems().forEach(err::println);
    } catch (RuntimeException e) {
      err.println(policyFile + ": " + oneLine(e));
    }
    return null;
  }

  /**
   * Decides one request given by its parts; prints the decision as JSON. Exit 0 allowed, 1 denied,
   * 2 when the parts do not make a request.
   */
  int checkOne(
      DecisionEngine engine,
      String principal,
      List<String> via,
      String tool,
      String resource,
      String args,
      String env) {
    Request request;
    try {
      request =
          request(
              principal,
              via,
              tool,
              resource,
              parseObject(args, "--args"),
              parseObject(env, "--env"));
    } catch (RuntimeException e) {
      err.println("bad request: " + oneLine(e));
      return ERROR;
    }
    Decision d = engine.decide(request);
    out.println(toJson(d));
    return d.isAllowed() ? OK : DENIED;
  }

  /** One line of a requests file: the request, and what the line expects (or null). */
  private record Line(Request request, String expectedEffect, String expectedReason) {}

  private static final List<String> LINE_KEYS =
      List.of("principal", "via", "tool", "resource", "args", "env", "expect", "reason");

  /**
   * Decides every line; each is answered on its own line (its decision, or why it could not be
   * decided), with its line number. Exit 0, or 2 when some line could not be decided.
   */
  int checkMany(DecisionEngine engine, Path file) {
    List<String> lines = readLines(file);
    if (lines == null) {
      return ERROR;
    }
    boolean malformed = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("line", i + 1);
      try {
        o.putAll(decisionFields(engine.decide(parseLine(lines.get(i), false).request())));
      } catch (RuntimeException e) {
        // One bad line does not stop the batch: it is answered in its place, and the exit code says
        // so.
        o.put("error", lineError(file, i + 1, "", e));
        malformed = true;
      }
      out.println(json.writeValueAsString(o));
    }
    return malformed ? ERROR : OK;
  }

  /**
   * {@code check --requests FILE --expect}: every line carries {@code "expect": "ALLOW"|"DENY"} and
   * optionally {@code "reason"}; prints each line that disagrees or is malformed and a summary.
   * Exit 0 when all agree, 1 when some disagree, 2 when some line is malformed (or there are none).
   */
  int checkExpectations(DecisionEngine engine, Path file) {
    List<String> lines = readLines(file);
    if (lines == null) {
      return ERROR;
    }
    int total = 0;
    int mismatches = 0;
    int malformed = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      total++;
      String at = file + ":" + (i + 1) + ": ";
      Line line;
      try {
        line = parseLine(lines.get(i), true);
      } catch (RuntimeException e) {
        out.println(lineError(file, i + 1, "error: ", e));
        malformed++;
        continue;
      }
      Decision d = engine.decide(line.request());
      boolean agrees =
          d.effect().name().equals(line.expectedEffect())
              && (line.expectedReason() == null || d.reason().name().equals(line.expectedReason()));
      if (!agrees) {
        mismatches++;
        out.println(
            at
                + "expected "
                + line.expectedEffect()
                + (line.expectedReason() == null ? "" : " " + line.expectedReason())
                + ", got "
                + d.effect()
                + " "
                + d.reason()
                + " rules="
                + d.ruleIds());
      }
    }
    out.println(
        total
            + " requests: "
            + (total - mismatches - malformed)
            + " as expected, "
            + mismatches
            + " not, "
            + malformed
            + " malformed");
    if (total == 0) {
      err.println(file + ": no requests to check");
      return ERROR;
    }
    return malformed > 0 ? ERROR : mismatches > 0 ? DENIED : OK;
  }

  private List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(file + ": cannot read: " + ioReason(e));
      return null;
    } catch (RuntimeException e) {
      err.println(file + ": cannot read: " + oneLine(e));
      return null;
    }
  }

  /**
   * Parses one request line; every problem is an IllegalArgumentException with a one-line message.
   */
  private static Line parseLine(String text, boolean expectRequired) {
    Map<String, Object> r = StrictJson.readObject(text);
    for (String key : r.keySet()) {
      if (!LINE_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "'; expected one of " + LINE_KEYS);
      }
    }
    Object via = r.getOrDefault("via", List.of());
    if (!(via instanceof List<?> hops) || !hops.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("'via' must be a list of principal ids");
    }
    String effect = string(r, "expect");
    if (effect != null && !effect.equals("ALLOW") && !effect.equals("DENY")) {
      throw new IllegalArgumentException("'expect' must be \"ALLOW\" or \"DENY\"");
    }
    if (effect == null && expectRequired) {
      throw new IllegalArgumentException(
          "no \"expect\": every line checked with --expect says ALLOW or DENY");
    }
    String reason = string(r, "reason");
    if (reason != null && Arrays.stream(Reason.values()).noneMatch(x -> x.name().equals(reason))) {
      throw new IllegalArgumentException(
          "'reason' " + reason + " is not one of " + Arrays.toString(Reason.values()));
    }
    if (reason != null && effect == null) {
      throw new IllegalArgumentException("'reason' needs an 'expect'");
    }
    @SuppressWarnings("unchecked")
    List<String> hopIds = (List<String>) via;
    Request request =
        request(
            string(r, "principal"),
            hopIds,
            string(r, "tool"),
            string(r, "resource"),
            object(r.get("args"), "args"),
            object(r.get("env"), "env"));
    return new Line(request, effect, reason);
  }

  /**
   * Why line {@code n} of {@code file} could not be decided: {@code FILE:LINE:COLUMN: LABELnot
   * valid JSON: ...} when it does not parse, {@code FILE:LINE: LABELmessage} otherwise.
   */
  static String lineError(Path file, int n, String label, RuntimeException e) {
    if (e.getCause() instanceof JacksonException j
        && j.getLocation() != null
        && j.getLocation().getColumnNr() > 0) {
      return file
          + ":"
          + n
          + ":"
          + j.getLocation().getColumnNr()
          + ": "
          + label
          + "not valid JSON: "
          + StrictJson.message(j);
    }
    return file + ":" + n + ": " + label + oneLine(e);
  }

  private static String string(Map<String, Object> r, String key) {
    Object v = r.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException("'" + key + "' must be a string");
  }

  /** An exception as one line: its message (or its kind when it has none), never a stack trace. */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  static String ioReason(Throwable cause) {
    if (cause instanceof java.nio.file.NoSuchFileException) {
      return "no such file or folder";
    }
    if (cause instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException("'" + what + "' must be a JSON object");
  }

  private static Map<String, Object> parseObject(String text, String flag) {
    if (text == null) {
      return Map.of();
    }
    try {
      return StrictJson.readObject(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  private static Request request(
      String principal,
      List<String> via,
      String tool,
      String resource,
      Map<String, Object> args,
      Map<String, Object> env) {
    if (principal == null || tool == null) {
      throw new IllegalArgumentException("a request needs a principal and a tool (server/name)");
    }
    DelegationChain chain = DelegationChain.of(principal);
    for (String hop : via) {
      chain = chain.then(hop);
    }
    return Request.builder(chain, ToolId.parse(tool))
        .resource(
            resource == null || resource.isEmpty() ? ResourceId.NONE : ResourceId.of(resource))
        .arguments(args)
        .environment(env)
        .build();
  }

  /**
   * The decision as one JSON object: effect, reason, rules, policyVersion, hop, refusedBy, errors,
   * detail.
   */
  String toJson(Decision d) {
    return json.writeValueAsString(decisionFields(d));
  }

  private static Map<String, Object> decisionFields(Decision d) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("effect", d.effect().name());
    o.put("reason", d.reason().name());
    o.put("rules", d.ruleIds());
    o.put("policyVersion", d.policyVersion());
    d.refusingHop().ifPresent(h -> o.put("hop", h));
    d.refusingPrincipal().ifPresent(p -> o.put("refusedBy", p));
    if (!d.errors().isEmpty()) {
      o.put("errors", d.errors().stream().map(DecisionError::toString).toList());
    }
    if (!d.detail().isEmpty()) {
      o.put("detail", d.detail());
    }
    return o;
  }

  /** {@code keygen --out PREFIX}: writes PREFIX.key (private, PKCS#8 PEM) and PREFIX.pub. */
  int keygen(String prefix) {
    KeyPair pair = Signatures.generateKeyPair();
    try {
      write(prefix + ".key", Signatures.toPem(pair.getPrivate()));
      write(prefix + ".pub", Signatures.toPem(pair.getPublic()));
    } catch (RuntimeException e) {
      err.println("keygen: " + oneLine(e));
      return ERROR;
    }
    out.println("wrote " + prefix + ".key (keep it secret) and " + prefix + ".pub");
    return OK;
  }

  /** {@code sign --key PRIVATE.pem FILE}: writes FILE.sig. */
  int sign(Path key, Path file) {
    try {
      byte[] doc = Files.readAllBytes(file);
      write(file + ".sig", Signatures.sign(doc, Signatures.privateKey(read(key))) + "\n");
      out.println("wrote " + file + ".sig");
      return OK;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + ioReason(e));
      return ERROR;
    } catch (RuntimeException e) {
      err.println(file + ": " + oneLine(e));
      return ERROR;
    }
  }

  /** {@code verify --key PUBLIC.pem FILE}: checks FILE.sig and that the document is valid. */
  int verify(Path key, Path file) {
    try {
      PolicyLoader loader =
          PolicyLoader.builder()
              .trustedKey(Signatures.publicKey(read(key)))
              .requireSignature(true)
              .build();
      Policy p = loader.load(file);
      out.println(file + ": signature verified; policy " + p.version());
      return OK;
    } catch (DocumentException e) {
      e.problems().forEach(err::println);
      return ERROR;
    } catch (RuntimeException e) {
      err.println(file + ": " + oneLine(e));
      return ERROR;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + ioReason(e), e);
    }
  }

  private static void write(String file, String text) {
    try {
      Files.writeString(Path.of(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + ioReason(e), e);
    }
  }
}
