package parley.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Polls in the browser")
class PollsInBrowserTest {

  private static TestServer server;
  private static TestUser admin;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    admin = server.register("admin");
  }

  /** Each option of the only poll on the page as "text count · share%". */
  private static List<String> options(Browser browser) {
    return browser.findAll(".poll .poll-option").stream()
      .map(option -> option.findElement(By.cssSelector(".poll-text")).getText() + " "
        + option.findElement(By.cssSelector(".poll-count")).getText())
      .toList();
  }

  private static WebElement option(Browser browser, String text) {
    return browser.findAll(".poll .poll-option").stream()
      .filter(option -> option.findElement(By.cssSelector(".poll-text")).getText().equals(text)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a poll made with /poll shows on both pages, and each vote moves the other page's bars live until it is closed")
  void votesMoveTheBars() {
    TestUser ada = server.register("ada");
    TestUser bo = server.register("bo");
    String room = admin.createRoom("lunch", ada, bo); // a room per test: each page shows one poll
    try (Browser adas = Browser.open(); Browser bos = Browser.open()) {
      ChatPage adaPage = new ChatPage(adas, server).open(ada, room);
      new ChatPage(bos, server).open(bo, room);
      adaPage.say("/poll \"Lunch?\" \"Pizza\" \"Sushi\"");
      bos.until("the poll on Bo's page", driver -> options(bos).equals(List.of("Pizza 0 · 0%", "Sushi 0 · 0%")));

      option(bos, "Sushi").click();
      adas.until("Bo's vote on Ada's page", driver -> options(adas).equals(List.of("Pizza 0 · 0%", "Sushi 1 · 100%")));
      option(adas, "Pizza").click();
      bos.until("Ada's vote on Bo's page", driver -> options(bos).equals(List.of("Pizza 1 · 50%", "Sushi 1 · 50%")));
      assertTrue(option(bos, "Sushi").getAttribute("class").contains("is-chosen"), "Bo's own choice is marked");
      adas.screenshot("poll");

      adas.find(".poll-close").click();
      bos.until("the poll closed on Bo's page", driver -> bos.find(".poll .poll-state").getText().contains("closed")
        && !option(bos, "Pizza").findElement(By.cssSelector("input")).isEnabled());
      assertEquals(List.of("Pizza 1 · 50%", "Sushi 1 · 50%"), options(bos));
    }
  }

  @Test
  @DisplayName("the New poll dialog posts a multiple-choice poll with the options written, and the other page can pick several")
  void pollFromTheDialog() {
    TestUser cy = server.register("cy");
    TestUser di = server.register("di");
    String room = admin.createRoom("days", cy, di);
    try (Browser cys = Browser.open(); Browser dis = Browser.open()) {
      new ChatPage(cys, server).open(cy, room);
      new ChatPage(dis, server).open(di, room);
      cys.find("#new-poll").click();
      cys.find("#poll-question").sendKeys("Which days?");
      List<WebElement> inputs = cys.findAll("#poll-option-list input");
      inputs.get(0).sendKeys("Monday");
      inputs.get(1).sendKeys("Tuesday");
      cys.find("#poll-add-option").click();
      cys.findAll("#poll-option-list input").get(2).sendKeys("Friday");
      cys.find("#poll-multiple").click();
      cys.find("#poll-submit").click();
      cys.until("the dialog closed", driver -> !cys.find("#poll-dialog").isDisplayed());

      dis.until("the poll on Di's page", driver -> options(dis).size() == 3);
      assertEquals("checkbox", option(dis, "Monday").findElement(By.cssSelector("input")).getAttribute("type"));
      option(dis, "Monday").click();
      dis.until("Monday counted", driver -> options(dis).get(0).equals("Monday 1 · 100%"));
      option(dis, "Friday").click();
      cys.until("both of Di's choices on Cy's page",
        driver -> options(cys).equals(List.of("Monday 1 · 100%", "Tuesday 0 · 0%", "Friday 1 · 100%")));
    }
  }
}
