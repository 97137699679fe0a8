package io.toolgate.examples;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionError;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentProblem;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.Signatures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy commands of {@code toolgate.jar}, for policy authors and CI pipelines:
 * {@code validate}, {@code check}, {@code sign}, {@code verify} and {@code keygen}.
 *
 * <p>Exit codes: 0 success (valid, allowed, verified), 1 denied ({@code check} of one request),
 * 2 error (invalid policy, bad arguments, failed verification).
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
      List<DocumentProblem> problems = loader.validate(Path.of(file));
      problems.forEach(out::println);
      valid &= problems.isEmpty();
    }
    return valid ? OK : ERROR;
  }

  /** {@code check --policy FILE ...}: one request from flags, or many from {@code --requests FILE.jsonl}. */
  int check(List<String> args) {
    Flags f = Flags.parseOrReport(args, List.of("--policy", "--principal", "--via", "--tool", "--resource", "--args",
          "--env", "--requests", "--trusted-key"), List.of("--via"), err);
    if (f == null) {
      return ERROR;
    }
    String policyFile = f.one("--policy");
    if (policyFile == null) {
      err.println("check needs --policy FILE");
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
      err.println(policyFile + ": " + e.getMessage());
      return ERROR;
    }
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    if (f.one("--requests") != null) {
      return checkMany(engine, f.one("--requests"));
    }
    try {
      Request request = request(f.one("--principal"), f.all("--via"), f.one("--tool"), f.one("--resource"),
          parseObject(f.one("--args"), "--args"), parseObject(f.one("--env"), "--env"));
      Decision d = engine.decide(request);
      out.println(toJson(d));
      return d.isAllowed() ? OK : DENIED;
    } catch (IllegalArgumentException | JacksonException e) {
      err.println("bad request: " + e.getMessage());
      return ERROR;
    }
  }

  private int checkMany(DecisionEngine engine, String file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return ERROR;
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        Map<String, Object> r = json.readValue(line, Map.class);
        @SuppressWarnings("unchecked")
        List<String> via = (List<String>) r.getOrDefault("via", List.of());
        Request request = request((String) r.get("principal"), via, (String) r.get("tool"),
            (String) r.get("resource"), object(r.get("args"), "args"), object(r.get("env"), "env"));
        out.println(toJson(engine.decide(request)));
      } catch (RuntimeException e) {
        // One bad line does not stop the batch: it is answered with an error object in its place.
        String why = e instanceof JacksonException j ? "not a JSON object: " + j.getOriginalMessage()
            : e.getMessage();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", file + ":" + (i + 1) + ": " + why);
        out.println(json.writeValueAsString(error));
      }
    }
    return OK;
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

  private Map<String, Object> parseObject(String text, String flag) {
    if (text == null) {
      return Map.of();
    }
    Object value = json.readValue(text, Object.class);
    return object(value, flag);
  }

  private static Request request(String principal, List<String> via, String tool, String resource,
      Map<String, Object> args, Map<String, Object> env) {
    if (principal == null || tool == null) {
      throw new IllegalArgumentException("a request needs a principal and a tool (server/name)");
    }
    DelegationChain chain = DelegationChain.of(principal);
    for (String hop : via) {
      chain = chain.then(hop);
    }
    return Request.builder(chain, ToolId.parse(tool))
        .resource(resource == null || resource.isEmpty() ? ResourceId.NONE : ResourceId.of(resource))
        .arguments(args).environment(env).build();
  }

  /** The decision as one JSON object: effect, reason, rules, policyVersion, hop, refusedBy, errors, detail. */
  String toJson(Decision d) {
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
    return json.writeValueAsString(o);
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
    write(f.one("--out") + ".key", Signatures.toPem(pair.getPrivate()));
    write(f.one("--out") + ".pub", Signatures.toPem(pair.getPublic()));
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
      write(file + ".sig", Signatures.sign(doc, Signatures.privateKey(read(f.one("--key")))) + "\n");
      out.println("wrote " + file + ".sig");
      return OK;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println(file + ": " + e.getMessage());
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
      PolicyLoader loader = PolicyLoader.builder()
          .trustedKey(Signatures.publicKey(read(f.one("--key")))).requireSignature(true).build();
      Policy p = loader.load(Path.of(file));
      out.println(file + ": signature verified; policy " + p.version());
      return OK;
    } catch (DocumentException e) {
      e.problems().forEach(err::println);
      return ERROR;
    } catch (RuntimeException e) {
      err.println(file + ": " + e.getMessage());
      return ERROR;
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(String file, String text) {
    try {
      Files.writeString(Path.of(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Parsed {@code --flag value} arguments and positional ones. */
  record Flags(Map<String, List<String>> values, List<String> positional) {
    /** Parses, or prints why it cannot to {@code err} and returns null. */
    static Flags parseOrReport(List<String> args, List<String> known, List<String> repeatable,
        PrintStream err) {
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
            throw new IllegalArgumentException("unknown option " + a + "; expected one of " + known);
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
