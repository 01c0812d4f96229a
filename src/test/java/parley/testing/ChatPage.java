package parley.testing;

import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The chat screen of the web app as a browser test sees and works it: what a person reads and does there. */
public final class ChatPage {

  public static final String PASSWORD = "correct horse battery";
  private static final String SEQS = "return [...document.querySelectorAll('#message-list .message[data-seq]')]"
    + ".map(node => Number(node.dataset.seq))";

  public final Browser browser;
  private final TestServer server;

  public ChatPage(Browser browser, TestServer server) {
    this.browser = browser;
    this.server = server;
  }

  /** Opens a room already signed in, and waits until the page is connected and caught up. */
  public ChatPage open(TestUser user, String roomId) {
    browser.signedIn(server, user, "/#/room/" + roomId);
    return waitConnected();
  }

  /** Connected and caught up: sends from now on reach the page live. */
  public ChatPage waitConnected() {
    browser.until("the connection and first sync", driver -> (Boolean) browser.script(
      "return !!window.parley && window.parley.connection.state === 'open' && window.parley.chat.syncs > 0"));
    return this;
  }

  public void say(String text) {
    browser.find("#composer-input").sendKeys(text, Keys.ENTER);
  }

  /** The stored (not pending) message whose text is exactly this. */
  public WebElement waitForMessage(String text) {
    return browser.until("the message '" + text + "'", driver -> browser.findAll("#message-list .message[data-seq]").stream()
      .filter(node -> node.findElement(By.cssSelector(".message-body")).getText().equals(text))
      .findFirst().orElse(null));
  }

  public int messagesWithText(String text) {
    return ((Long) browser.script("return [...document.querySelectorAll('#message-list .message-body')]"
      + ".filter(body => body.textContent === arguments[0]).length", text)).intValue();
  }

  /** The seqs of the stored messages shown, top to bottom. */
  public List<Long> seqs() {
    return browser.script(SEQS);
  }

  /** The texts of the stored messages shown, top to bottom. */
  public List<String> texts() {
    return browser.script("return [...document.querySelectorAll('#message-list .message[data-seq] .message-body')]"
      + ".map(body => body.textContent)");
  }

  public String roomName() {
    return browser.find("#room-name").getText();
  }

  public void waitForRoom(String name) {
    browser.until("#" + name + " to open", driver -> roomName().endsWith(name));
  }

  /** The unread count the sidebar shows for a room; 0 when it shows none. */
  public int unreadBadge(String roomId) {
    List<WebElement> badges = browser.findAll("#sidebar li[data-room-id=\"" + roomId + "\"] .unread-badge");
    return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText());
  }

  /** The mention count the sidebar shows for a room (its badge reads "@2"); 0 when it shows none. */
  public int mentionBadge(String roomId) {
    List<WebElement> badges = browser.findAll("#room-list li[data-room-id=\"" + roomId + "\"] .mention-badge");
    return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText().substring(1));
  }

  public boolean jumpButtonShown() {
    return browser.find("#jump-latest").isDisplayed();
  }

  public long distanceFromBottom() {
    return ((Number) browser.script("const s = document.getElementById('message-scroller');"
      + "return s.scrollHeight - s.scrollTop - s.clientHeight;")).longValue();
  }

  /** Scrolls the message pane to its top, as a reader paging back through history would. */
  public void scrollToTop() {
    browser.script("document.getElementById('message-scroller').scrollTop = 0");
  }

  /** The seq of the message right below the "New messages" line, or null when there is no line. */
  public Long seqBelowNewMarker() {
    return browser.script("const line = document.getElementById('new-messages');"
      + "let next = line && line.nextElementSibling;"
      + "while (next && !next.dataset.seq) { next = next.nextElementSibling; }"
      + "return next ? Number(next.dataset.seq) : null;");
  }

  public String activeElementId() {
    return browser.script("return document.activeElement ? document.activeElement.id : null");
  }

  /** Picks files with the composer's Attach files picker, as a person choosing them in the file dialog would. */
  public void attach(Path... files) {
    browser.find("#file-input").sendKeys(Stream.of(files).map(file -> file.toAbsolutePath().toString())
      .collect(Collectors.joining("\n")));
  }

  /** The state of each file chip above the message box, in order: "preparing", "uploading", "done" or "failed". */
  public List<String> chipStates() {
    return browser.script("return [...document.querySelectorAll('#attachment-tray .attachment-chip')]"
      + ".map(chip => [...chip.classList].find(name => name.startsWith('is-')).slice(3))");
  }

  /** Every URL the page has fetched so far (the Resource Timing entries), e.g. to tell what came from a cache of its own. */
  public List<String> requestedUrls() {
    return browser.script("return performance.getEntriesByType('resource').map(entry => entry.name)");
  }

  public static void send(BridgeClient client, String roomId, String content) {
    client.request("chat.send", new JsonObject().put("roomId", roomId).put("content", content));
  }
}
