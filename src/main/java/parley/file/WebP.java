package parley.file;

import javax.imageio.IIOException;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * What WebP needs beyond the other formats. Its size is read here from the first chunk's header (lossy VP8, lossless
 * VP8L or extended VP8X), so that the pixel limit holds without any decoder. Its decoder, unlike the JDK's PNG and
 * JPEG readers, holds the whole image at full resolution (4 bytes a pixel) however small the copy asked for; so
 * only images up to {@link #MAX_DECODED_PIXELS} are decoded, one at a time on each node, and a file whose data ends
 * long before its image does is given up on (see {@link #input}).
 */
final class WebP {

  /** 4096 × 2048, a 4K screenshot: about 34 MB while it is decoded. */
  static final long MAX_DECODED_PIXELS = 4096L * 2048;

  /** Held while a WebP is decoded: one at a time, waited for on a worker thread, never on the event loop. */
  static final Semaphore DECODING = new Semaphore(1, true);

  private static final int READS_PAST_END = 1024;

  private WebP() {
  }

  /** The canvas size its header gives, or null when the first chunk is none of the three image chunks. */
  static Images.Size size(Path file) throws IOException {
    byte[] h = new byte[30];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.read(h) < h.length) {
        return null;
      }
    }
    String chunk = new String(h, 12, 4, StandardCharsets.ISO_8859_1);
    return switch (chunk) {
      case "VP8 " -> new Images.Size(u16(h, 26) & 0x3FFF, u16(h, 28) & 0x3FFF);
      case "VP8L" -> {
        long bits = (h[21] & 0xFFL) | (h[22] & 0xFFL) << 8 | (h[23] & 0xFFL) << 16 | (h[24] & 0xFFL) << 24;
        yield new Images.Size((int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
      }
      case "VP8X" -> new Images.Size(u24(h, 24) + 1, u24(h, 27) + 1);
      default -> null;
    };
  }

  /** Whether an image of this size may be decoded for a thumbnail. */
  static boolean decodable(Images.Size size) {
    return (long) size.width() * size.height() <= MAX_DECODED_PIXELS;
  }

  /**
   * The file as the decoder should read it. The lossless decoder takes the end of the data for more data to come, and
   * goes on decoding the pixels that are not there, several reads past the end for each: a 30-byte file claiming
   * 1000 × 1000 pixels kept a core busy for 20 seconds. A whole image reads past its end a few times at most (its
   * bit reader fills ahead), so more than {@link #READS_PAST_END} stop the decoding.
   */
  static ImageInputStream input(Path file) throws IOException {
    return new EndsWhereTheDataDoes(file.toFile());
  }

  private static final class EndsWhereTheDataDoes extends FileImageInputStream {

    private int readsPastEnd;

    EndsWhereTheDataDoes(File file) throws IOException {
      super(file);
    }

    @Override
    public int read() throws IOException {
      return counted(super.read());
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      return counted(super.read(bytes, offset, length));
    }

    private int counted(int read) throws IIOException {
      if (read < 0 && ++readsPastEnd > READS_PAST_END) {
        throw new IIOException("the WebP data ends long before its image does");
      }
      return read;
    }
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static int u24(byte[] b, int at) {
    return u16(b, at) | (b[at + 2] & 0xFF) << 16;
  }
}
