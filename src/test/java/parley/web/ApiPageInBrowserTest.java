package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import parley.testing.Browser;
import parley.testing.Scenario;
import parley.testing.TestServer;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("The REST API page, api.html")
class ApiPageInBrowserTest {

  private static TestServer server;
  private static JsonObject document;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    HttpResponse<Buffer> served = server.http.get("/api/openapi.json").send().await();
    assertEquals(200, served.statusCode());
    document = served.bodyAsJsonObject();
  }

  private static Set<String> documentedRoutes() {
    Set<String> routes = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      paths.getJsonObject(path).fieldNames().forEach(method -> routes.add(method.toUpperCase() + " " + path));
    }
    return routes;
  }

  @Test
  @DisplayName("lists every route of the document, signed out, under the app's Content-Security-Policy")
  void listsEveryRoute() {
    Set<String> expected = documentedRoutes();
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/api.html"));
      List<WebElement> routes = browser.until("every route is listed", driver -> {
        List<WebElement> shown = browser.findAll(".api-route");
        return shown.size() == expected.size() ? shown : null;
      });
      Set<String> listed = new TreeSet<>();
      routes.forEach(route -> listed.add(route.getDomAttribute("data-route")));
      assertEquals(expected, listed);
      // Nothing inline that the policy (script-src 'self', style-src 'self') would refuse; the stylesheet applied.
      long inline = browser.<Long>script("return document.querySelectorAll('[style], style, script:not([src])').length");
      assertEquals(0L, inline);
      assertEquals("600", browser.<String>script("return getComputedStyle(document.querySelector('.api-method')).fontWeight"));
      assertEquals("", browser.find("#api-status").getText());
    }
  }

  @Test
  @DisplayName("shows a route's summary, who may call it, its parameters, its request body and its answers with their schemas")
  void showsARoute() {
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/api.html#setRoomTopic"));
      WebElement route = browser.until("the route is listed", driver -> browser.findAll("[data-route='PATCH /api/rooms/{roomId}']")
        .stream().findFirst().orElse(null));
      route.findElement(org.openqa.selenium.By.tagName("summary")).click();
      browser.script("arguments[0].scrollIntoView()", route);
      String text = browser.until("the route opens", driver -> route.getText().contains("Answers") ? route.getText() : null);
      for (String expected : List.of("Set a channel's topic", "set_room_topic", "roomId", "topic", "Room", "room_not_found", "not_a_channel")) {
        assertTrue(text.contains(expected), expected + " in " + text);
      }
      browser.find("#schema-Room");
      assertTrue(browser.find("#schema-Error").getText().contains("not_a_member"));
    }
  }
}
