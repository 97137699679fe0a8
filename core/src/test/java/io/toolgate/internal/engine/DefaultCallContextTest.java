package io.toolgate.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DelegationChain;
import io.toolgate.Request;
import io.toolgate.ToolId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class DefaultCallContextTest {

  @Property(tries = 500)
  void environment_lazyValues_equalTheClockReadInTheZone(
      @ForAll @LongRange(min = -5_000_000_000L, max = 5_000_000_000L) long epochSecond,
      @ForAll("zones") String zoneId) {
    Instant now = Instant.ofEpochSecond(epochSecond, 123_000_000);
    ZoneId zone = ZoneId.of(zoneId);
    Map<String, Object> env = new DefaultCallContext(now, zone, null).environment();
    ZonedDateTime local = now.atZone(zone);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("now", now.toString());
    expected.put("hour", (long) local.getHour());
    expected.put("weekday", (long) local.getDayOfWeek().getValue());
    assertThat(env.get("hour")).isEqualTo(expected.get("hour"));
    assertThat(env.get("weekday")).isEqualTo(expected.get("weekday"));
    assertThat(env.get("now")).isEqualTo(expected.get("now"));
    assertThat(env).isEqualTo(expected);
    assertThat(env.containsKey("hour")).isTrue();
    assertThat(env.get("client")).isNull();
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> zones() {
    return net.jqwik.api.Arbitraries.of(
        "UTC",
        "Europe/Paris",
        "America/New_York",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "+14:00",
        "-09:30");
  }

  @Property(tries = 50)
  void environment_requestValues_winOverClockDefaults(
      @ForAll @LongRange(min = 0, max = 23) long hour) {
    Request r =
        Request.builder(DelegationChain.of("a"), ToolId.parse("s/t"))
            .environment(Map.of("hour", hour, "client", "10.0.0.1"))
            .build();
    Map<String, Object> env =
        new DefaultCallContext(Instant.EPOCH, ZoneId.of("UTC"), r).environment();
    assertThat(env.get("hour")).isEqualTo(hour);
    assertThat(env.get("client")).isEqualTo("10.0.0.1");
    assertThat(env).containsEntry("weekday", 4L).containsEntry("hour", hour).hasSize(4);
  }
}
