package parley.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.util.List;

/** The Parley widget on a host page ({@link HostPage}), driven through its shadow root. */
public final class WidgetPage {

  /** The widget's own handle, as the web app's is {@code window.parley}. */
  private static final String HANDLE = "document.querySelector('parley-widget').parley";

  public final Browser browser;

  public WidgetPage(Browser browser) {
    this.browser = browser;
  }

  public WidgetPage open(HostPage host, String query) {
    browser.get(host.url("/" + query));
    return waitConnected();
  }

  /** Signed in, connected and caught up: sends from now on reach the widget live. */
  public WidgetPage waitConnected() {
    browser.until("the widget's connection and first sync", driver -> (Boolean) browser.script(
      "const w = document.querySelector('parley-widget'); return !!w && !!w.parley"
        + " && w.parley.connection.state === 'open' && w.parley.chat.syncs > 0"));
    browser.until("the widget to be styled and shown", driver -> find(".launcher").isDisplayed());
    return this;
  }

  /** The network goes, and the widget's connection with it: waits until the widget says it is disconnected. */
  public void dropConnection() {
    browser.offline(true);
    script("widget.connection.simulateDrop()");
    browser.until("the widget to say it is disconnected", driver -> find(".connection-status").isDisplayed());
  }

  public SearchContext root() {
    return browser.find("parley-widget").getShadowRoot();
  }

  public WebElement find(String css) {
    return root().findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return root().findElements(By.cssSelector(css));
  }

  /** Runs {@code body} with {@code widget} bound to the widget's handle ({store, connection, chat, token}). */
  public <T> T script(String body, Object... args) {
    return browser.script("const widget = " + HANDLE + "; " + body, args);
  }

  public void openPanel() {
    if (!find(".panel").isDisplayed()) {
      find(".launcher").click();
    }
    browser.until("the panel", driver -> find(".panel").isDisplayed());
  }

  public void openRoom(String roomId) {
    openPanel();
    find("[data-room-id=\"" + roomId + "\"]").click();
    browser.until("the conversation", driver -> find(".composer-input").isDisplayed());
  }

  public void say(String text) {
    find(".composer-input").sendKeys(text, Keys.ENTER);
  }

  /** The stored (not pending) message whose text is exactly this. */
  public WebElement waitForMessage(String text) {
    return browser.until("the widget's message '" + text + "'", driver -> findAll(".message[data-seq]").stream()
      .filter(node -> node.findElement(By.cssSelector(".message-body")).getText().equals(text))
      .findFirst().orElse(null));
  }

  public int messagesWithText(String text) {
    // textContent, not getText: a message is counted while the panel is closed too.
    return (int) findAll(".message .message-body").stream().filter(body -> text.equals(body.getDomProperty("textContent"))).count();
  }

  /** What the launcher's badge says, "" when it shows none. */
  public String launcherBadge() {
    WebElement badge = find(".launcher-badge");
    return badge.isDisplayed() ? badge.getText() : "";
  }

  /** The element focused inside the widget, as {@code tag.class}, or null. */
  public String focused() {
    return browser.script("const active = document.querySelector('parley-widget').shadowRoot.activeElement;"
      + " return active ? `${active.tagName.toLowerCase()}.${active.className}` : null");
  }
}
