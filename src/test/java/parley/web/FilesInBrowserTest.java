package parley.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import parley.testing.Browser;
import parley.testing.ChatPage;
import parley.testing.Scenario;
import parley.testing.TestServer;
import parley.testing.TestUser;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith({VertxExtension.class, Scenario.class})
@DisplayName("Files in the browser")
class FilesInBrowserTest {

  /** The first image preview of the room once its bytes are shown: where they came from and the box it takes. */
  private static final String LOADED_PREVIEW = """
    const image = document.querySelector('#message-list .message[data-seq] .attachment-image');
    if (!image || !image.complete || !image.naturalWidth) { return null; }
    const box = image.getBoundingClientRect();
    return {key: image.dataset.fileKey, naturalWidth: image.naturalWidth, width: box.width, height: box.height};""";

  /** How many entries the page's file cache (IndexedDB) holds. */
  private static final String CACHED_ENTRIES = """
    return new Promise(resolve => {
      const request = indexedDB.open('parley-files');
      request.onsuccess = () => {
        const count = request.result.transaction('files').objectStore('files').count();
        count.onsuccess = () => { resolve(count.result); request.result.close(); };
      };
      request.onerror = () => resolve(-1);
    });""";

  /** Runs image-shrink.js on pictures drawn in the page, and measures a preview whose bytes never arrive. */
  private static final String SHRINK = """
    return (async () => {
      const {shrinkImage} = await import('/js/image-shrink.js');
      const {attachmentList} = await import('/js/views/attachments.js');
      const png = async (width, height, {transparentCorner = false, solid = false} = {}) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d');
        const pixels = context.createImageData(width, height);
        for (let i = 0; i < pixels.data.length; i += 4) {
          pixels.data[i] = solid ? 200 : (i / 4) % width % 256;
          pixels.data[i + 1] = solid ? 120 : (Math.random() * 64) | 0;
          pixels.data[i + 2] = 128;
          pixels.data[i + 3] = 255;
        }
        context.putImageData(pixels, 0, 0);
        if (transparentCorner) { context.clearRect(0, 0, width / 4, height / 4); }
        return new File([await canvas.convertToBlob({type: 'image/png'})], 'shot.png', {type: 'image/png'});
      };
      const describe = async file => {
        if (!file) { return null; }
        const bitmap = await createImageBitmap(file);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        context.drawImage(bitmap, 0, 0);
        return {type: file.type, name: file.name, width: bitmap.width, height: bitmap.height,
          cornerAlpha: context.getImageData(2, 2, 1, 1).data[3]};
      };
      const list = attachmentList([{id: 'never-uploaded', name: 'plan.png', contentType: 'image/png', size: 1,
        width: 1600, height: 800, thumbnail: true}]);
      document.body.append(list);
      const box = list.querySelector('img').getBoundingClientRect();
      list.remove();
      return {
        opaque: await describe(await shrinkImage(await png(2400, 1200))),
        transparent: await describe(await shrinkImage(await png(2400, 1200, {transparentCorner: true}))),
        small: await describe(await shrinkImage(await png(8, 8, {solid: true}))),
        box: [box.width, box.height],
      };
    })();""";

  /** A file pasted into the message box, then one dragged over the room (is the hint shown?) and dropped there. */
  private static final String PASTE_AND_DROP = """
    const carrying = name => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['hello'], name, {type: 'text/plain'}));
      return transfer;
    };
    document.getElementById('composer-input').dispatchEvent(
      new ClipboardEvent('paste', {clipboardData: carrying('pasted.txt'), bubbles: true, cancelable: true}));
    const pane = document.getElementById('message-scroller');
    pane.dispatchEvent(new DragEvent('dragenter', {dataTransfer: carrying('dropped.txt'), bubbles: true, cancelable: true}));
    const hinted = !document.getElementById('drop-hint').hidden;
    pane.dispatchEvent(new DragEvent('drop', {dataTransfer: carrying('dropped.txt'), bubbles: true, cancelable: true}));
    return [hinted, !document.getElementById('drop-hint').hidden,
      [...document.querySelectorAll('#attachment-tray .chip-name')].map(name => name.textContent)];""";

  /** From now on, the page notes the name of every file it sends in a request body (an upload). */
  private static final String COUNT_SENT_FILES = """
    window.sentFiles = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
      if (body instanceof FormData) {
        sentFiles.push(...[...body.values()].filter(value => value instanceof File).map(file => file.name));
      }
      return send.call(this, body);
    };""";

  private static TestServer server;
  private static TestUser admin;

  @BeforeAll
  static void start(Vertx vertx) {
    Browser.requireInstalled();
    // Small enough for a refused upload to be quick; the photo, made smaller in the browser, still fits.
    server = TestServer.start(vertx, new JsonObject().put("MAX_UPLOAD_BYTES", 1024 * 1024));
    admin = server.register("admin");
  }

  @Test
  @DisplayName("a photo and a PDF picked with Attach files reach the other page: a preview from the thumbnail, sized before it loads, "
    + "that opens the viewer, and a card with a download link; after a reload and a room switch, nothing is downloaded again")
  void photoAndPdf(@TempDir Path directory) throws IOException {
    TestUser ada = server.register("ada");
    TestUser bo = server.register("bo");
    String room = admin.createRoom("harbour", ada, bo);
    String general = ada.generalRoomId();
    Path photo = photo(directory.resolve("harbour.png"), 2000, 1000);
    Path pdf = Files.writeString(directory.resolve("minutes.pdf"), "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    try (Browser adas = Browser.open(); Browser bos = Browser.open()) {
      ChatPage adaPage = new ChatPage(adas, server).open(ada, room);
      ChatPage boPage = new ChatPage(bos, server).open(bo, room);

      adaPage.attach(photo, pdf);
      adas.until("both files uploaded", driver -> adaPage.chipStates().equals(List.of("done", "done")));
      assertTrue(adas.find("#attachment-tray .chip-size").getText().contains("→"), "the photo was made smaller before upload");
      adas.screenshot("files-tray");
      adaPage.say("Plans for the harbour");

      for (ChatPage page : List.of(adaPage, boPage)) {
        page.waitForMessage("Plans for the harbour");
        Map<String, Object> preview = page.browser.until("the preview shown", driver -> page.browser.script(LOADED_PREVIEW));
        assertTrue(((String) preview.get("key")).endsWith(":thumbnail"), "the preview comes from the thumbnail: " + preview);
        assertEquals(400L, preview.get("naturalWidth"), "a thumbnail is at most 400 px");
        assertEquals(List.of(360.0, 180.0), List.of(number(preview.get("width")), number(preview.get("height"))),
          "the 1600 × 800 photo takes a box of 360 × 180");
        assertEquals("minutes.pdf", page.browser.find(".message[data-seq] .file-card .file-name").getText());
        assertTrue(page.browser.find(".message[data-seq] .file-card .file-size").getText().endsWith("PDF"));
      }
      String photoId = ((String) boPage.browser.<Map<String, Object>>script(LOADED_PREVIEW).get("key")).split(":")[0];
      String pdfId = bos.find(".file-card").getAttribute("data-file-id");
      String download = bos.find(".file-card a.file-download").getAttribute("href");
      assertEquals(server.url("/api/files/" + pdfId + "?download=1"), download);
      List<Object> answer = bos.script("return fetch(arguments[0]).then(r => [r.status, r.headers.get('content-disposition')])", download);
      assertEquals(200L, answer.get(0));
      assertTrue(String.valueOf(answer.get(1)).startsWith("attachment"), "a download link downloads: " + answer.get(1));
      bos.screenshot("files-timeline");

      openViewer(bos);
      assertTrue(bos.find("#file-viewer-download").getAttribute("href").endsWith("/api/files/" + photoId + "?download=1"));
      bos.screenshot("files-viewer");
      bos.find("#file-viewer-image").click();
      bos.until("the viewer closed", driver -> !(Boolean) bos.script("return document.getElementById('file-viewer').open"));

      String thumbnail = "/api/files/" + photoId + "/thumbnail";
      assertEquals(1, boPage.requestedUrls().stream().filter(url -> url.endsWith(thumbnail)).count(), "the first load fetches the thumbnail");
      bos.until("the thumbnail and the photo kept", driver -> ((Number) bos.script(CACHED_ENTRIES)).intValue() >= 2);
      bos.driver.navigate().refresh();
      boPage.waitConnected();
      bos.until("the preview shown after the reload", driver -> bos.script(LOADED_PREVIEW));
      openViewer(bos);
      bos.find("#file-viewer-close").click();
      bos.script("location.hash = '#/room/' + arguments[0]", general);
      boPage.waitForRoom("general");
      bos.script("location.hash = '#/room/' + arguments[0]", room);
      boPage.waitForRoom("harbour");
      bos.until("the preview shown again", driver -> bos.script(LOADED_PREVIEW));
      assertEquals(List.of(), boPage.requestedUrls().stream().filter(url -> url.contains("/api/files/" + photoId)).toList(),
        "after the reload the thumbnail and the photo come from the page's own cache");
    }
  }

  @Test
  @DisplayName("files pasted, dropped or picked: the tray takes at most ten; Send waits while they upload; × cancels an upload under way and takes its chip off; "
    + "a file too large says so at once, without sending it, and holds Send back until taken off; a message may be only a file")
  void cancelUploads(@TempDir Path directory) throws IOException {
    TestUser cy = server.register("cy");
    String room = admin.createRoom("drafts", cy);
    List<Path> notes = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      notes.add(Files.writeString(directory.resolve("note-" + i + ".txt"), "note " + i));
    }
    Path archive = Files.write(directory.resolve("archive.bin"), new byte[2 * 1024 * 1024]);
    // No "=" in it: the server's multipart parsing turns each into a space (reported).
    Path hostile = Files.writeString(directory.resolve("<img src onerror>.txt"), "note 1");
    try (Browser cys = Browser.open()) {
      ChatPage page = new ChatPage(cys, server).open(cy, room);
      cys.holdRequests("*/api/files");
      assertEquals(List.of(true, false, List.of("pasted.txt", "dropped.txt")), cys.script(PASTE_AND_DROP),
        "the hint while dragging, gone after the drop; both files in the tray");
      page.attach(notes.toArray(Path[]::new));
      cys.until("ten chips, all uploading", driver -> page.chipStates().equals(Collections.nCopies(10, "uploading")));
      assertTrue(cys.find("#attachment-note").getText().contains("3 were left out"), cys.find("#attachment-note").getText());
      assertFalse(cys.find("#composer-send").isEnabled(), "Send waits for the uploads");
      cys.screenshot("files-uploading");
      page.say("without the notes");
      assertEquals(0, page.messagesWithText("without the notes"), "Enter does not send while files upload");

      while (!page.chipStates().isEmpty()) {
        cys.find("#attachment-tray .chip-remove").click();
      }
      assertFalse(cys.find("#attachment-tray").isDisplayed());
      assertTrue(cys.find("#composer-send").isEnabled());
      cys.releaseRequests();
      cys.find("#composer-send").click();
      page.waitForMessage("without the notes");
      assertTrue(cys.findAll(".message[data-seq] .attachments").isEmpty(), "the cancelled files are not in the message");

      cys.script(COUNT_SENT_FILES);
      page.attach(archive, hostile);
      cys.until("the archive refused, the note uploaded", driver -> page.chipStates().equals(List.of("failed", "done")));
      assertEquals("This file is larger than the server accepts.", cys.find("#attachment-tray .chip-error").getText());
      assertEquals(List.of("<img src onerror>.txt"), cys.script("return sentFiles"),
        "the archive is larger than the permissions' maxUploadBytes: refused in the page, never sent");
      assertFalse(cys.find("#composer-send").isEnabled(), "a file that failed holds Send back");
      cys.find("#attachment-tray .chip-remove").click();
      assertEquals(List.of("done"), page.chipStates());
      cys.find("#composer-send").click();
      String card = cys.until("a message of only the note", driver -> cys.findAll(".message[data-seq] .file-card").stream()
        .map(node -> node.getText()).filter(text -> text.contains("<img src onerror>.txt")).findFirst().orElse(null));
      assertTrue(card.contains("6 B · TXT"), card);
      assertEquals(false, cys.script("return !!document.querySelector('.message .attachments img, .file-card img')"),
        "a file's name is text, never markup");
    }
  }

  @Test
  @DisplayName("photos are made at most 1600 px as JPEG, transparent ones as WebP with the transparency kept, small ones left as they are; "
    + "a preview takes its box before its bytes arrive")
  void photosShrink() {
    try (Browser browser = Browser.open()) {
      new ChatPage(browser, server).open(admin, admin.generalRoomId());
      Map<String, Object> result = browser.script(SHRINK);
      Map<String, Object> opaque = cast(result.get("opaque"));
      assertEquals(List.of("image/jpeg", "shot.jpg", 1600L, 800L, 255L),
        List.of(opaque.get("type"), opaque.get("name"), opaque.get("width"), opaque.get("height"), opaque.get("cornerAlpha")));
      Map<String, Object> transparent = cast(result.get("transparent"));
      assertEquals(List.of("image/webp", 1600L, 800L, 0L),
        List.of(transparent.get("type"), transparent.get("width"), transparent.get("height"), transparent.get("cornerAlpha")),
        "the transparent corner stays transparent, not black");
      assertNull(result.get("small"), "a picture that would not get smaller is sent as it is");
      assertEquals(List.of(360.0, 180.0), ((List<?>) result.get("box")).stream().map(FilesInBrowserTest::number).toList());
    }
  }

  private static void openViewer(Browser browser) {
    browser.find("#message-list .attachment-preview").click();
    browser.until("the full photo in the viewer", driver -> (Boolean) browser.script(
      "const image = document.getElementById('file-viewer-image');"
        + "return document.getElementById('file-viewer').open && image.complete && image.naturalWidth === 1600"));
  }

  /** A picture that does not compress well as PNG, as a photo would not: a gradient with noise. */
  private static Path photo(Path file, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | ((y * 200 / height) + random.nextInt(48)) << 8 | 128);
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
