package parley.testing;

import io.vertx.core.buffer.Buffer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Images made in the test: real ones through ImageIO, JPEGs with an EXIF segment spliced in, and PNG and WebP headers
 * that claim more pixels than they hold. WebP cannot be written here: real ones are {@link #resource}s, made by
 * {@code scripts/make-test-images}.
 */
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

  /**
   * A JPEG as a phone stores a picture taken sideways: {@code width × height} pixels, red on the left half and blue
   * on the right, under a green band along the top quarter, so that any turn or mirror shows.
   */
  public static Buffer sideways(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.setColor(Color.GREEN);
    g.fillRect(0, 0, width, height / 4);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** The JPEG with an EXIF segment saying {@code orientation} (1–8) right after its start, as cameras write it. */
  public static Buffer withOrientation(Buffer jpeg, int orientation) {
    return withExif(jpeg, orientationTiff(orientation));
  }

  /** EXIF's TIFF structure, big-endian, whose first directory holds one entry: Orientation (0x0112), a SHORT. */
  public static Buffer orientationTiff(int orientation) {
    return Buffer.buffer().appendString("MM").appendUnsignedShort(42).appendUnsignedInt(8)
      .appendUnsignedShort(1)
      .appendUnsignedShort(0x0112).appendUnsignedShort(3).appendUnsignedInt(1)
      .appendUnsignedShort(orientation).appendUnsignedShort(0)
      .appendUnsignedInt(0);
  }

  /** The JPEG with an APP1 {@code Exif\0\0} segment right after its start around {@code tiff}, well-formed or not. */
  public static Buffer withExif(Buffer jpeg, Buffer tiff) {
    Buffer payload = Buffer.buffer().appendString("Exif").appendBytes(new byte[2]).appendBuffer(tiff);
    return Buffer.buffer().appendBuffer(jpeg, 0, 2)
      .appendUnsignedByte((short) 0xFF).appendUnsignedByte((short) 0xE1).appendUnsignedShort(payload.length() + 2)
      .appendBuffer(payload)
      .appendBuffer(jpeg, 2, jpeg.length() - 2);
  }

  public static BufferedImage decode(Buffer bytes) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(bytes.getBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Red, green or blue, whichever the pixel is close to (JPEG blurs colours a little); else null. */
  public static Color primary(BufferedImage image, int x, int y) {
    Color pixel = new Color(image.getRGB(x, y));
    for (Color pure : List.of(Color.RED, Color.GREEN, Color.BLUE)) {
      if (Math.abs(pixel.getRed() - pure.getRed()) + Math.abs(pixel.getGreen() - pure.getGreen())
        + Math.abs(pixel.getBlue() - pure.getBlue()) < 120) {
        return pure;
      }
    }
    return null;
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

  /** A test resource under {@code src/test/resources/images/}. */
  public static Buffer resource(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test image " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The start of a lossless WebP (a VP8L chunk) of {@code width × height} pixels (each at most 16384), followed by
   * a few bytes of image data that hold nothing.
   */
  public static Buffer webpLosslessHeader(int width, int height) {
    long bits = (width - 1) | (long) (height - 1) << 14;
    Buffer chunk = Buffer.buffer().appendByte((byte) 0x2F).appendUnsignedIntLE(bits).appendBytes(new byte[11]);
    return riffWebp("VP8L", chunk);
  }

  /** The start of an extended WebP (a VP8X chunk) whose canvas is {@code width × height} pixels (each at most 2^24). */
  public static Buffer webpExtendedHeader(int width, int height) {
    Buffer chunk = Buffer.buffer().appendUnsignedIntLE(0)
      .appendMediumLE(width - 1).appendMediumLE(height - 1);
    return riffWebp("VP8X", chunk);
  }

  private static Buffer riffWebp(String chunkType, Buffer chunk) {
    Buffer body = Buffer.buffer().appendString("WEBP").appendString(chunkType)
      .appendUnsignedIntLE(chunk.length()).appendBuffer(chunk);
    return Buffer.buffer().appendString("RIFF").appendUnsignedIntLE(body.length()).appendBuffer(body);
  }

  private static Buffer chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.US_ASCII));
    crc.update(data);
    return Buffer.buffer().appendInt(data.length).appendString(type, "US-ASCII").appendBytes(data)
      .appendInt((int) crc.getValue());
  }
}
