package parley.file;

import java.awt.geom.AffineTransform;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a JPEG is meant to be shown: the EXIF Orientation tag (1–8) of its APP1 {@code Exif\0\0} segment, which phones
 * write instead of turning the pixels. Browsers honour it, so sizes and thumbnails must too. Anything missing,
 * malformed or cut short counts as {@link #UPRIGHT}: a picture is never refused for its EXIF.
 */
final class ExifOrientation {

  static final int UPRIGHT = 1;

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP1 = 0xE1;
  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int SHORT = 3;

  private ExifOrientation() {
  }

  /** The orientation of the JPEG in {@code file}, from the segments before its image data. */
  static int of(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readUnsignedShort() != 0xFFD8) {
        return UPRIGHT;
      }
      while (true) {
        if (in.readUnsignedByte() != 0xFF) {
          return UPRIGHT;
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xFF) {
          marker = in.readUnsignedByte();
        }
        if (marker == SOS || marker == EOI) {
          return UPRIGHT;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue;
        }
        int length = in.readUnsignedShort() - 2;
        if (length < 0) {
          return UPRIGHT;
        }
        if (marker != APP1) {
          in.skipNBytes(length);
          continue;
        }
        byte[] segment = in.readNBytes(length);
        if (segment.length == length && length > EXIF.length
          && Arrays.equals(segment, 0, EXIF.length, EXIF, 0, EXIF.length)) {
          return fromTiff(ByteBuffer.wrap(segment, EXIF.length, length - EXIF.length).slice());
        }
      }
    } catch (IOException | RuntimeException e) {
      return UPRIGHT;
    }
  }

  /** The Orientation entry of the first directory (IFD0); offsets count from the TIFF header. */
  private static int fromTiff(ByteBuffer tiff) {
    if (tiff.remaining() < 8) {
      return UPRIGHT;
    }
    switch (tiff.getShort(0)) {
      case 0x4949 -> tiff.order(ByteOrder.LITTLE_ENDIAN);
      case 0x4D4D -> tiff.order(ByteOrder.BIG_ENDIAN);
      default -> {
        return UPRIGHT;
      }
    }
    if (tiff.getShort(2) != 42) {
      return UPRIGHT;
    }
    int directory = tiff.getInt(4);
    int entries = Short.toUnsignedInt(tiff.getShort(directory));
    for (int i = 0; i < entries; i++) {
      int entry = directory + 2 + 12 * i;
      if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
        int value = tiff.getShort(entry + 2) == SHORT ? tiff.getShort(entry + 8) : UPRIGHT;
        return value >= 1 && value <= 8 ? value : UPRIGHT;
      }
    }
    return UPRIGHT;
  }

  /** Whether shown this way the picture's width and height trade places (a quarter turn, maybe mirrored). */
  static boolean turnsSideways(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** Maps a {@code width × height} picture as stored onto the picture as shown. */
  static AffineTransform transform(int orientation, int width, int height) {
    return switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
      default -> new AffineTransform();
    };
  }
}
