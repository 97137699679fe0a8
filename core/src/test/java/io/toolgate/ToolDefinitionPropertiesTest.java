package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The digest depends on the definition's content, not on how its JSON is spelled. */
@StatisticsReport(onFailureOnly = true)
class ToolDefinitionPropertiesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  @Provide
  Arbitrary<Map<String, Object>> definitions() {
    Arbitrary<Map<String, Object>> members = object(3);
    return members.map(
        m -> {
          Map<String, Object> tool = new LinkedHashMap<>(m);
          tool.remove("description");
          tool.remove("inputSchema");
          tool.remove("annotations");
          tool.put("name", "t");
          return tool;
        });
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("ab\"\\/\n\u0001é😀 ")
                .ofMaxLength(4)
                .map(s -> (Object) s),
            Arbitraries.integers().between(-1000, 1000).map(i -> (Object) i),
            Arbitraries.longs()
                .between(-(1L << 53), 1L << 53) // exact as doubles, which decimals parse to
                .map(l -> (Object) l),
            Arbitraries.doubles().between(-1e25, 1e25).map(d -> (Object) d),
            Arbitraries.of(1e-9, 0.5, 1e21, 2.5e-7).map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, object(depth - 1).map(m -> (Object) m)),
        Tuple.of(1, value(depth - 1).list().ofMaxSize(3).map(l -> (Object) l)));
  }

  private Arbitrary<Map<String, Object>> object(int depth) {
    return Arbitraries.maps(
            Arbitraries.strings().withChars("abcé\"_").ofMinLength(1).ofMaxLength(3),
            Arbitraries.lazy(() -> value(depth)))
        .ofMaxSize(5);
  }

  @Property(tries = 400)
  void digest_keyOrderWhitespaceAndNumberSpelling_doNotChangeIt(
      @ForAll("definitions") Map<String, Object> tool, @ForAll long seed) {
    Random random = new Random(seed);
    String plain = JSON.writeValueAsString(tool);
    String respelled = respell(tool, random);
    Statistics.label("spelling").collect(plain.equals(respelled) ? "same text" : "other text");
    Statistics.label("nested")
        .collect(plain.chars().filter(c -> c == '{').count() > 1 ? "nested" : "flat");

    String digest = ToolDefinition.fromJson(tool).digest();
    assertThat(ToolDefinition.fromJson(JSON.readValue(plain, OBJECT)).digest()).isEqualTo(digest);
    assertThat(ToolDefinition.fromJson(JSON.readValue(respelled, OBJECT)).digest())
        .as(respelled)
        .isEqualTo(digest);

    Statistics.label("spelling").coverage(c -> c.check("other text").percentage(p -> p > 50.0));
    Statistics.label("nested").coverage(c -> c.check("nested").percentage(p -> p > 10.0));
  }

  @Property(tries = 300)
  void digest_oneMemberAddedOrChanged_changesIt(
      @ForAll("definitions") Map<String, Object> tool, @ForAll("members") String member) {
    Map<String, Object> changed = new LinkedHashMap<>(tool);
    Object old = changed.put(member, List.of("changed", tool.size()));
    Statistics.label("change").collect(old == null ? "added" : "replaced");
    assertThat(ToolDefinition.fromJson(changed).digest())
        .isNotEqualTo(ToolDefinition.fromJson(tool).digest());
    Statistics.label("change").coverage(c -> c.check("replaced").percentage(p -> p > 5.0));
  }

  @Provide
  Arbitrary<String> members() {
    return Arbitraries.strings().withChars("abcé\"_").ofMinLength(1).ofMaxLength(1);
  }

  /** The same JSON with keys shuffled, random whitespace and numbers spelled differently. */
  private static String respell(Object value, Random random) {
    String ws = List.of("", " ", "\n  ", "\t").get(random.nextInt(4));
    if (value instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      Collections.shuffle(entries, random);
      StringBuilder out = new StringBuilder("{" + ws);
      for (int i = 0; i < entries.size(); i++) {
        out.append(i > 0 ? "," + ws : "")
            .append(JSON.writeValueAsString(entries.get(i).getKey()))
            .append(ws)
            .append(':')
            .append(ws)
            .append(respell(entries.get(i).getValue(), random));
      }
      return out.append(ws).append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[" + ws);
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? "," + ws : "").append(respell(list.get(i), random));
      }
      return out.append(ws).append(']').toString();
    }
    if (value instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      return switch (random.nextInt(3)) {
        case 0 -> d.toString();
        case 1 -> d.setScale(Math.max(d.scale(), 0) + 2).toPlainString();
        default -> d.toPlainString();
      };
    }
    return JSON.writeValueAsString(value);
  }
}
