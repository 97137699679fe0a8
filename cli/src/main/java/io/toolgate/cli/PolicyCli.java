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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy commands of {@code toolgate.jar}, for policy authors and CI pipelines: {@code
 * validate}, {@code check}, {@code sign}, {@code verify} and {@code keygen}.
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
  int validate(List<String> args) {
    if (args.isEmpty()) {
      err.println("usage: validate FILE...");
      return ERROR;
    }
    PolicyLoader loader = PolicyLoader.defaults();
    boolean valid = true;
    for (String file : args) {
      try {
        List<DocumentProblem> problems = loader.validate(Path.of(file));
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
   * {@code check --policy FILE ...}: one request from flags, or many from {@code --requests
   * FILE.jsonl}, or, with {@code --expect}, the requests' expected decisions checked.
   */
  int check(List<String> args) {
    boolean expect = args.contains(EXPECT);
    Flags f =
        Flags.parseOrReport(
            args.stream().filter(a -> !a.equals(EXPECT)).toList(),
            List.of(
                "--policy",
                "--principal",
                "--via",
                "--tool",
                "--resource",
                "--args",
                "--env",
                "--requests",
                "--trusted-key"),
            List.of("--via"),
            err);
    if (f == null) {
      return ERROR;
    }
    String policyFile = f.one("--policy");
    if (policyFile == null) {
      err.println("check needs --policy FILE");
      return ERROR;
    }
    if (expect && f.one("--requests") == null) {
      err.println("--expect checks the \"expect\" of each line of --requests FILE.jsonl");
      return ERROR;
    }
    Policy policy;
    try {
      PolicyLoader.Builder b = PolicyLoader.builder();
      if (f.one("--trusted-key") != null) {
        b.trustedKey(Signatures.publicKey(read(f.one("--trusted-key")))).requireSignature(true);
      }
      policy = b.build().load(Path.of(policyFile));
    } catch (DocumentException e) {
      e.problems().forEach(err::println);
      return ERROR;
    } catch (RuntimeException e) {
      err.println(policyFile + ": " + oneLine(e));
      return ERROR;
    }
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    if (f.one("--requests") != null) {
      return expect
          ? checkExpectations(engine, f.one("--requests"))
          : checkMany(engine, f.one("--requests"));
    }
    Request request;
    try {
      request =
          request(
              f.one("--principal"),
              f.all("--via"),
              f.one("--tool"),
              f.one("--resource"),
              parseObject(f.one("--args"), "--args"),
              parseObject(f.one("--env"), "--env"));
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

  private static final String EXPECT = "--expect";
  private static final List<String> LINE_KEYS =
      List.of("principal", "via", "tool", "resource", "args", "env", "expect", "reason");

  /**
   * Decides every line; each is answered on its own line (its decision, or why it could not be
   * decided), with its line number. Exit 0, or 2 when some line could not be decided.
   */
  private int checkMany(DecisionEngine engine, String file) {
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
        o.put("error", file + ":" + (i + 1) + ": " + oneLine(e));
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
  private int checkExpectations(DecisionEngine engine, String file) {
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
        out.println(at + "error: " + oneLine(e));
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

  private List<String> readLines(String file) {
    try {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
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

  private static String ioReason(Throwable cause) {
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
  int keygen(List<String> args) {
    Flags f = Flags.parseOrReport(args, List.of("--out"), List.of(), err);
    if (f == null) {
      return ERROR;
    }
    if (f.one("--out") == null) {
      err.println("usage: keygen --out PREFIX");
      return ERROR;
    }
    KeyPair pair = Signatures.generateKeyPair();
    try {
      write(f.one("--out") + ".key", Signatures.toPem(pair.getPrivate()));
      write(f.one("--out") + ".pub", Signatures.toPem(pair.getPublic()));
    } catch (RuntimeException e) {
      err.println("keygen: " + oneLine(e));
      return ERROR;
    }
    out.println("wrote " + f.one("--out") + ".key (keep it secret) and " + f.one("--out") + ".pub");
    return OK;
  }

  /** {@code sign --key PRIVATE.pem FILE}: writes FILE.sig. */
  int sign(List<String> args) {
    Flags f = Flags.parseOrReport(args, List.of("--key"), List.of(), err);
    if (f == null) {
      return ERROR;
    }
    if (f.one("--key") == null || f.positional().size() != 1) {
      err.println("usage: sign --key PRIVATE.pem FILE");
      return ERROR;
    }
    String file = f.positional().get(0);
    try {
      byte[] doc = Files.readAllBytes(Path.of(file));
      write(
          file + ".sig", Signatures.sign(doc, Signatures.privateKey(read(f.one("--key")))) + "\n");
      out.println("wrote " + file + ".sig");
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println(file + ": " + oneLine(e));
      return ERROR;
    }
  }

  /** {@code verify --key PUBLIC.pem FILE}: checks FILE.sig and that the document is valid. */
  int verify(List<String> args) {
    Flags f = Flags.parseOrReport(args, List.of("--key"), List.of(), err);
    if (f == null) {
      return ERROR;
    }
    if (f.one("--key") == null || f.positional().size() != 1) {
      err.println("usage: verify --key PUBLIC.pem FILE");
      return ERROR;
    }
    String file = f.positional().get(0);
    try {
      PolicyLoader loader =
          PolicyLoader.builder()
              .trustedKey(Signatures.publicKey(read(f.one("--key"))))
              .requireSignature(true)
              .build();
      Policy p = loader.load(Path.of(file));
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

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
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

  /** Parsed {@code --flag value} arguments and positional ones. */
  record Flags(Map<String, List<String>> values, List<String> positional) {
    /** Parses, or prints why it cannot to {@code err} and returns null. */
    static Flags parseOrReport(
        List<String> args, List<String> known, List<String> repeatable, PrintStream err) {
      try {
        return parse(args, known, repeatable);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return null;
      }
    }

    static Flags parse(List<String> args, List<String> known, List<String> repeatable) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("--")) {
          if (!known.contains(a)) {
            throw new IllegalArgumentException(
                "unknown option " + a + "; expected one of " + known);
          }
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + a + " needs a value");
          }
          List<String> list = values.computeIfAbsent(a, k -> new ArrayList<>());
          if (!list.isEmpty() && !repeatable.contains(a)) {
            throw new IllegalArgumentException("option " + a + " given twice");
          }
          list.add(args.get(++i));
        } else {
          positional.add(a);
        }
      }
      return new Flags(values, positional);
    }

    String one(String flag) {
      List<String> v = values.get(flag);
      return v == null ? null : v.get(0);
    }

    List<String> all(String flag) {
      return values.getOrDefault(flag, List.of());
    }
  }
}
