package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Policy;
import io.toolgate.document.DocumentException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The policy file changed on disk takes effect; an invalid change is refused and changes nothing.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "toolgate.tools.agent-id=assistant",
      "toolgate.tools.resources.get_order=order:{order}",
      "toolgate.tools.resources.refund=order:{order}"
    })
@DirtiesContext
class ToolgateReloadTest extends ShopApplicationTest {
  @Autowired TestApplication.Reloads reloads;

  String bob(String tool) {
    return ask("bob", tool, "{\"order\":\"bob-7\"}");
  }

  @Test
  void policyFile_changedOnDisk_takesEffect_andAnInvalidChangeIsRefused() throws Exception {
    assertThat(Policies.BOB_REFUNDS).isNotEqualTo(Policies.SHOP);
    assertThat(bob("get_order")).contains("order bob-7 shipped");
    assertThat(model.offered.get(0)).containsExactly("get_order"); // refund: not bob's
    String before = engine.policy().version();

    Policies.write(dir.resolve("policy.yaml"), Policies.BOB_REFUNDS);
    Object reloaded = reloads.events.poll(60, TimeUnit.SECONDS);
    assertThat(reloaded).isInstanceOf(Policy.class);
    assertThat(engine.policy().version())
        .isEqualTo(((Policy) reloaded).version())
        .isNotEqualTo(before);
    assertThat(bob("refund")).contains("order bob-7 refunded");
    assertThat(model.offered.get(2)).containsExactlyInAnyOrder("get_order", "refund");
    assertThat(tools.runs).containsExactly("get_order bob-7", "refund bob-7");

    String good = engine.policy().version();
    Policies.write(dir.resolve("policy.yaml"), Policies.INVALID);
    Object refused = reloads.events.poll(60, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(DocumentException.class);
    assertThat(((DocumentException) refused).getMessage()).contains("policy.yaml:4:");
    assertThat(engine.policy().version()).isEqualTo(good);
  }
}
