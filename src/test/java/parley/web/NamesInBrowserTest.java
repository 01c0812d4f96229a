package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import parley.testing.BridgeClient;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("People told apart in the browser")
class NamesInBrowserTest {

  private static TestServer server;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    general = server.register("root").generalRoomId();
  }

  private static List<String> usernamesBeside(WebElement message) {
    return message.findElements(By.cssSelector(".message-meta .person-username")).stream().map(WebElement::getText).toList();
  }

  private static void say(TestUser user, String roomId, String text) {
    try (BridgeClient client = user.connect()) {
      client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", text));
    }
  }

  @Test
  @DisplayName("a message's author shows their @username beside a display name that is something else, so two people shown alike are told apart; so does a DM's header")
  void usernameBesideDisplayName() {
    TestUser alice = server.register("alice", "Alice A.");
    TestUser mallory = server.register("mallory", "Mallory");
    TestUser bob = server.register("bob");
    // As a name from before look-alikes were refused would be: the same display name as Alice's.
    server.queryOne("UPDATE users SET display_name = 'Alice A.' WHERE id = ? RETURNING id", Long.parseLong(mallory.id()));
    say(alice, general, "the real one");
    say(mallory, general, "the other one");
    say(bob, general, "just bob");

    try (Browser bobs = Browser.open()) {
      ChatPage page = new ChatPage(bobs, server).open(bob, general);
      assertEquals(List.of("@" + alice.username()), usernamesBeside(page.waitForMessage("the real one")));
      assertEquals(List.of("@" + mallory.username()), usernamesBeside(page.waitForMessage("the other one")));
      assertEquals(List.of(), usernamesBeside(page.waitForMessage("just bob")), "a display name that is the username is not repeated");
      bobs.screenshot("names-told-apart");

      String dm = bob.post("/api/dms", new JsonObject().put("userId", alice.id())).bodyAsJsonObject().getJsonObject("room").getString("id");
      new ChatPage(bobs, server).open(bob, dm);
      bobs.until("Alice's username in the DM's header", driver -> bobs.find("#room-username").getText().equals("@" + alice.username()));
    }
  }
}
