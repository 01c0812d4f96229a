package parley.bridge;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import parley.testing.TestServer;
import parley.testing.TestUser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("WebSocket compression")
class CompressionBombTest {

  private static final int INFLATED = 60 * 1024 * 1024;

  private static TestServer server;
  private static TestUser alice;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    alice = server.register("alice");
  }

  @Test
  @DisplayName("rejects a deflate bomb: compression is not negotiated, the frame closes the socket, the heap stays put")
  void rejectsDeflateBomb() throws IOException {
    byte[] bomb = deflatedZeros(INFLATED);
    assertTrue(bomb.length < 64 * 1024, "the bomb fits one frame under the frame limit: " + bomb.length);
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(("GET /eventbus/websocket?token=" + alice.token + " HTTP/1.1\r\nHost: localhost:" + server.port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString("parley-bomb-test".getBytes(StandardCharsets.US_ASCII)) + "\r\n"
        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-webkit-deflate-frame\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
      String handshake = readHead(in);
      assertTrue(handshake.startsWith("HTTP/1.1 101"), handshake);
      assertFalse(handshake.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"), handshake);

      long allocatedBefore = allocatedByAllThreads();
      // FIN + RSV1 (compressed) + text: what a client that negotiated permessage-deflate would send.
      out.write(maskedFrame(0xC1, bomb));
      out.flush();
      assertTrue(closedWithin(in), "the server kept a socket that sent a compressed frame it never agreed to");
      long allocated = allocatedByAllThreads() - allocatedBefore;
      assertTrue(allocated < 16L * 1024 * 1024, "allocated " + allocated / 1024 + " KB while refusing the bomb");
    }
  }

  private static byte[] deflatedZeros(int length) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[length]);
    deflater.finish();
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    while (!deflater.finished()) {
      deflated.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return deflated.toByteArray();
  }

  private static byte[] maskedFrame(int firstByte, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    frame.write(0x80 | 126);
    frame.write(payload.length >>> 8);
    frame.write(payload.length & 0xFF);
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    frame.writeBytes(mask);
    byte[] masked = Arrays.copyOf(payload, payload.length);
    for (int i = 0; i < masked.length; i++) {
      masked[i] ^= mask[i % 4];
    }
    frame.writeBytes(masked);
    return frame.toByteArray();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.append((char) next);
    }
    return head.toString();
  }

  /** Reads (a close frame, perhaps) until the server closes the connection; false if it stays open. */
  private static boolean closedWithin(InputStream in) throws IOException {
    try {
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // drain
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static long allocatedByAllThreads() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(bytes -> bytes > 0).sum();
  }
}
