package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.PageDevTools;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Web Push in the web app, as far as a headless Chromium without internet allows: a real subscription needs the
 * browser's push service, so the worker gets its pushes from DevTools ({@code ServiceWorker.deliverPushMessage}),
 * as the push service would hand them over, decrypted.
 */
@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Push notifications in the browser")
class PushInBrowserTest {

  private static final String NOTIFICATIONS = "const done = arguments[arguments.length - 1];"
    + "navigator.serviceWorker.ready.then(r => r.getNotifications())"
    + ".then(list => done(list.map(n => ({title: n.title, body: n.body, tag: n.tag, icon: n.icon, url: n.data && n.data.url}))))"
    + ".catch(e => done(String(e)));";

  private static final String BACKGROUND_SERVICE_EVENT = "BackgroundService.backgroundServiceEventReceived";

  private static TestServer server;
  private static String general;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    server = TestServer.start(vertx);
    general = server.register("admin").generalRoomId();
  }

  private static void signInThroughTheForm(Browser browser, TestUser user) {
    browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
    browser.find("#auth-username").sendKeys(user.username());
    browser.find("#auth-password").sendKeys(ChatPage.PASSWORD);
    browser.find("#auth-submit").click();
    new ChatPage(browser, server).waitConnected();
  }

  private static void signOut(Browser browser) {
    browser.find("#logout").click();
    browser.until("the sign-in form", driver -> browser.find("#auth-form").isDisplayed());
  }

  @SuppressWarnings("unchecked")
  private static <T> T async(Browser browser, String javaScript, Object... args) {
    return (T) browser.driver.executeAsyncScript(javaScript, args);
  }

  private static boolean promptShown(Browser browser) {
    return !browser.findAll("#push-prompt").isEmpty() && browser.find("#push-prompt").isDisplayed();
  }

  @Test
  @DisplayName("the prompt appears after signing in through the form, not on a reload of a signed-in page, and never again after Not now")
  void promptAfterSigningIn() {
    TestUser ada = server.register("ada", "Ada L.");
    try (Browser browser = Browser.open()) {
      browser.get(server.url("/"));
      signInThroughTheForm(browser, ada);
      assertEquals("default", browser.script("return Notification.permission"));
      assertTrue(promptShown(browser), "offered right after signing in");
      assertEquals("Get notified when you’re away?", browser.find("#push-prompt-text").getText());
      browser.screenshot("push-prompt");

      browser.driver.navigate().refresh();
      new ChatPage(browser, server).waitConnected();
      assertFalse(promptShown(browser), "not offered on a page load with a session already");

      signOut(browser);
      signInThroughTheForm(browser, ada);
      assertTrue(promptShown(browser), "offered again at the next sign-in, since it was neither taken nor declined");
      browser.find("#push-prompt-later").click();
      browser.until("the prompt gone", driver -> !promptShown(browser));
      assertEquals("not-now", browser.script("return localStorage.getItem('parley.pushPrompt')"));

      signOut(browser);
      signInThroughTheForm(browser, ada);
      assertFalse(promptShown(browser), "Not now is remembered");
    }
  }

  @Test
  @DisplayName("the service worker shows a push with its title, body, icon and tag, a second push of the same item replaces it, and signing out closes them")
  void workerShowsPushes() {
    TestUser ada = server.register("ada");
    String origin = server.url("");
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(ada, general);
      browser.driver.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", origin, "permissions", List.of("notifications")));
      assertEquals("granted", browser.script("return Notification.permission"));
      assertEquals("activated", browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "navigator.serviceWorker.ready.then(r => done(r.active.state))"));

      try (PageDevTools devTools = PageDevTools.attach(browser, origin)) {
        devTools.send("ServiceWorker.enable", new JsonObject());
        // Tells when the worker has handled a push (its waitUntil settled), and how.
        devTools.send("BackgroundService.startObserving", new JsonObject().put("service", "pushMessaging"));
        devTools.send("BackgroundService.setRecording", new JsonObject().put("shouldRecord", true).put("service", "pushMessaging"));
        JsonObject registered = devTools.awaitEvents("ServiceWorker.workerRegistrationUpdated",
          params -> registrationAt(params, origin + "/") != null, 1).get(0);
        String registrationId = registrationAt(registered, origin + "/").getString("registrationId");

        push(devTools, origin, registrationId, new JsonObject().put("kind", "message").put("title", "Bob in #general")
          .put("body", "Lunch at noon?").put("url", "/#/room/" + general).put("urgency", "normal")
          .put("tag", "message:41").put("roomId", general).put("messageId", "41"));
        List<Map<String, Object>> shown = notificationsWhen(browser, "the first push shown", list -> list.size() == 1);
        assertEquals("Bob in #general", shown.get(0).get("title"));
        assertEquals("Lunch at noon?", shown.get(0).get("body"));
        assertEquals("message:41", shown.get(0).get("tag"));
        assertEquals(origin + "/icons/parley-192.png", shown.get(0).get("icon"));
        assertEquals(origin + "/#/room/" + general, shown.get(0).get("url"));

        push(devTools, origin, registrationId, new JsonObject().put("kind", "message").put("title", "Bob in #general")
          .put("body", "Lunch at one?").put("url", "/#/room/" + general).put("tag", "message:41"));
        shown = notificationsWhen(browser, "the same item replaced", list -> list.size() == 1
          && "Lunch at one?".equals(list.get(0).get("body")));
        assertEquals("message:41", shown.get(0).get("tag"));

        push(devTools, origin, registrationId, new JsonObject().put("kind", "announcement").put("title", "Office closed")
          .put("body", "Friday").put("url", "/#/announcements/7").put("tag", "announcement:7"));
        shown = notificationsWhen(browser, "another item beside it", list -> list.size() == 2);
        assertEquals(List.of("announcement:7", "message:41"), shown.stream().map(n -> (String) n.get("tag")).sorted().toList());
      }
      signOut(browser);
      notificationsWhen(browser, "Ada's notifications closed when she signed out", List::isEmpty);
    }
  }

  private static JsonObject registrationAt(JsonObject params, String scope) {
    return params.getJsonArray("registrations").stream().map(JsonObject.class::cast)
      .filter(registration -> registration.getString("scopeURL").equals(scope) && !registration.getBoolean("isDeleted"))
      .findFirst().orElse(null);
  }

  /**
   * Hands the worker a push as the browser's push service would, and waits until the worker has handled it. Only
   * then may the page ask for its notifications: Chromium drops from getNotifications() any notification the
   * platform does not show yet, so asking while one is still on its way can lose it for good.
   */
  private static void push(PageDevTools devTools, String origin, String registrationId, JsonObject payload) {
    int handled = devTools.events(BACKGROUND_SERVICE_EVENT, PushInBrowserTest::pushCompleted).size();
    devTools.send("ServiceWorker.deliverPushMessage", new JsonObject().put("origin", origin)
      .put("registrationId", registrationId).put("data", payload.encode()));
    JsonObject completed = devTools.awaitEvents(BACKGROUND_SERVICE_EVENT, PushInBrowserTest::pushCompleted, handled + 1).get(handled);
    assertEquals("Success", completed.getJsonObject("backgroundServiceEvent").getJsonArray("eventMetadata").stream()
      .map(JsonObject.class::cast).filter(entry -> entry.getString("key").equals("Status")).findFirst().orElseThrow()
      .getString("value"), "the worker's handling of " + payload.getString("tag"));
  }

  private static boolean pushCompleted(JsonObject params) {
    return "Push event completed".equals(params.getJsonObject("backgroundServiceEvent").getString("eventName"));
  }

  private static List<Map<String, Object>> notificationsWhen(Browser browser, String what,
                                                             java.util.function.Predicate<List<Map<String, Object>>> wanted) {
    return browser.until(what, driver -> {
      Object answer = browser.driver.executeAsyncScript(NOTIFICATIONS);
      if (!(answer instanceof List<?>)) {
        throw new IllegalStateException("getNotifications: " + answer);
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) answer;
      return wanted.test(list) ? list : null;
    });
  }

  @Test
  @DisplayName("a click on a notification focuses the app's open window and navigates it to the push's url, or opens a window when there is none")
  void clickOpensTheApp() {
    TestUser ada = server.register("ada");
    String origin = server.url("");
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(ada, general);
      browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const script = document.createElement('script'); script.src = '/sw-notifications.js';"
        + "script.onload = () => done(true); document.head.append(script);");
      Map<String, Object> outcome = async(browser, FAKE_CLIENTS
        + "const files = fakeWindow('files', origin + '/api/files/3', true, 'visible');"
        + "const hidden = fakeWindow('hidden', origin + '/#/room/1', false, 'hidden');"
        + "const app = fakeWindow('app', origin + '/#/room/2', false, 'visible');"
        + "parleyNotifications.openApp(fakeClients([files, hidden, app]), origin + '/#/room/5')"
        + "  .then(result => done({log, url: app.url, same: result === app}));",
        origin);
      assertEquals(List.of("app focus", "app navigate " + origin + "/#/room/5"), outcome.get("log"),
        "the visible app window, focused first; not the file tab, though focused, nor the hidden app window");
      assertEquals(origin + "/#/room/5", outcome.get("url"));
      assertEquals(true, outcome.get("same"), "the window it navigated");

      Map<String, Object> none = async(browser, FAKE_CLIENTS
        + "const files = fakeWindow('files', origin + '/api/files/3', true, 'visible');"
        + "parleyNotifications.openApp(fakeClients([files]), origin + '/#/room/5').then(() => done({log}));",
        origin);
      assertEquals(List.of("clients openWindow " + origin + "/#/room/5"), none.get("log"), "no app window: a new one");

      Map<String, Object> refused = async(browser, FAKE_CLIENTS
        + "const app = fakeWindow('app', origin + '/#/room/2', true, 'visible');"
        + "app.navigate = () => Promise.reject(new TypeError('not controlled'));"
        + "parleyNotifications.openApp(fakeClients([app]), origin + '/#/room/5').then(() => done({log}));",
        origin);
      assertEquals(List.of("app focus", "clients openWindow " + origin + "/#/room/5"), refused.get("log"),
        "a window the worker does not control cannot be navigated: a new one opens instead");

      assertEquals(origin + "/", browser.script("return parleyNotifications.notificationFor("
        + "JSON.stringify({title: 'x', url: 'https://elsewhere.example/'}), arguments[0]).options.data.url", origin),
        "a url off this site opens the app instead");
    }
  }

  /** A fake `clients` of a service worker and its windows, logging what is asked of them, in order, in `log`. */
  private static final String FAKE_CLIENTS = "const origin = arguments[0]; const done = arguments[arguments.length - 1];"
    + "const log = [];"
    + "const fakeWindow = (name, url, focused, visibilityState) => { const w = {url, focused, visibilityState,"
    + "  focus() { log.push(name + ' focus'); w.focused = true; return Promise.resolve(w); },"
    + "  navigate(to) { log.push(name + ' navigate ' + to); w.url = to; return Promise.resolve(w); }}; return w; };"
    + "const fakeClients = windows => ({"
    + "  matchAll(options) { return Promise.resolve(options.type === 'window' && options.includeUncontrolled ? windows : []); },"
    + "  openWindow(url) { log.push('clients openWindow ' + url); return Promise.resolve(null); }});";

  @Test
  @DisplayName("the level and previews chosen in the Notifications dialog, a room's level chosen in its header, and a device removed there all reach the server")
  void settingsReachTheServer() {
    TestUser ada = server.register("ada");
    assertEquals(201, ada.post("/api/push/subscriptions",
      new JsonObject().put("kind", "expo").put("token", "ExponentPushToken[test]")).statusCode());
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(ada, general);
      browser.find("#notification-settings").click();
      browser.until("the phone among the devices", driver -> browser.findAll("#push-devices li").size() == 1);
      assertEquals("direct", settings(ada).getString("level"));
      assertTrue(browser.find("input[name=push-level][value=direct]").isSelected());
      assertTrue(browser.find("#push-previews").isSelected());
      assertTrue(browser.find("#push-devices li").getText().startsWith("Phone app"), browser.find("#push-devices li").getText());
      browser.screenshot("push-settings");

      browser.find("input[name=push-level][value=all]").click();
      browser.until("level all on the server", driver -> "all".equals(settings(ada).getString("level")));
      browser.find("input[name=push-level][value=none]").click();
      browser.until("level none on the server", driver -> "none".equals(settings(ada).getString("level")));
      browser.find("#push-previews").click();
      browser.until("previews off on the server", driver -> Boolean.FALSE.equals(settings(ada).getBoolean("previews")));
      assertEquals("none", settings(ada).getString("level"), "previews changed alone");

      browser.find("#push-devices li button[data-remove]").click();
      browser.until("the phone gone from the list", driver -> browser.findAll("#push-devices li").isEmpty());
      assertEquals(new JsonArray(), ada.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions"));
      browser.find("#notifications-close").click();

      String level = "#room-level";
      browser.until("the room's level", driver -> browser.find(level).isDisplayed());
      assertEquals("", browser.find(level).getDomProperty("value"));
      new Select(browser.find(level)).selectByValue("nothing");
      browser.until("the room muted on the server", driver -> mutedRoomIds(ada).contains(general));
      browser.driver.navigate().refresh();
      new ChatPage(browser, server).waitConnected();
      browser.until("still muted after a reload", driver -> "nothing".equals(browser.find(level).getDomProperty("value")));
      new Select(browser.find(level)).selectByValue("mentions");
      browser.until("mentions on the server", driver -> "mentions".equals(settings(ada).getJsonObject("roomLevels").getString(general)));
      assertEquals(List.of(), mutedRoomIds(ada), "mentions is not muted");
    }
  }

  @Test
  @DisplayName("Turn on here, where the browser's push service cannot be reached, says so in words and registers nothing")
  void pushServiceOutOfReach() {
    TestUser ada = server.register("ada");
    try (Browser browser = Browser.open()) {
      ChatPage page = new ChatPage(browser, server).open(ada, general);
      // This Chromium has no internet, so its subscribe never answers; the page gives up after 2 s instead of 20.
      browser.script("localStorage.setItem('parley.pushSubscribeSeconds', '2')");
      browser.driver.navigate().refresh();
      page.waitConnected();
      browser.driver.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", server.url(""), "permissions", List.of("notifications")));
      browser.find("#notification-settings").click();
      browser.until("this browser off", driver -> browser.find("#push-browser").getText().equals("This browser gets no notifications."));
      browser.find("#push-browser-toggle").click();
      browser.until("the refusal in words", driver -> browser.find("#push-error").isDisplayed());
      assertEquals("This browser could not reach its push service; try again later.", browser.find("#push-error").getText());
      assertEquals("This browser gets no notifications.", browser.find("#push-browser").getText());
      assertEquals(new JsonArray(), ada.get("/api/push/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions"));
    }
  }

  private static JsonObject settings(TestUser user) {
    return user.request(HttpMethod.GET, "/api/push/settings").send().await().bodyAsJsonObject();
  }

  private static List<Object> mutedRoomIds(TestUser user) {
    return settings(user).getJsonArray("mutedRoomIds").getList();
  }
}
