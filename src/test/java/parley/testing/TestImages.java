package parley.testing;

import io.vertx.core.buffer.Buffer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Images made in the test: real ones through ImageIO, and a PNG header that claims more pixels than it holds. */
public final class TestImages {

  private TestImages() {
  }

  /** A real image of that size, with a diagonal so that it is not one flat colour. */
  public static Buffer image(int width, int height, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLUE);
    g.drawLine(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  public static BufferedImage decode(Buffer bytes) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(bytes.getBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of a PNG of {@code width × height} pixels: a valid signature and header, then a tiny image data chunk. */
  public static Buffer pngHeader(int width, int height) {
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
      .put((byte) 0).put((byte) 0).put((byte) 0);
    return Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
      .appendBuffer(chunk("IHDR", header.array()))
      .appendBuffer(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}))
      .appendBuffer(chunk("IEND", new byte[0]));
  }

  private static Buffer chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.US_ASCII));
    crc.update(data);
    return Buffer.buffer().appendInt(data.length).appendString(type, "US-ASCII").appendBytes(data)
      .appendInt((int) crc.getValue());
  }
}
