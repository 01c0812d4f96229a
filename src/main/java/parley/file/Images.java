package parley.file;

import parley.bus.ApiError;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Image size and thumbnails, on a worker thread. The size comes from the header alone, so an image that would
 * decode to more than {@link #MAX_PIXELS} is refused before any pixel is read; the thumbnail is decoded with source
 * subsampling, so even a large PNG, JPEG or GIF never sits at full resolution in memory (a WebP does: see
 * {@link WebP}). Both are as the image is shown, after its {@link ExifOrientation}.
 */
final class Images {

  static final long MAX_PIXELS = 50_000_000L;
  static final int THUMBNAIL_SIZE = 400;

  record Size(int width, int height) {
    Size shown(int orientation) {
      return ExifOrientation.turnsSideways(orientation) ? new Size(height, width) : this;
    }
  }

  record Thumbnail(byte[] bytes, String contentType) {
  }

  static {
    ImageIO.setUseCache(false);
  }

  private Images() {
  }

  /** The pixel size of an image of {@code contentType}, or null when its header cannot be read. */
  static Size size(Path file, String contentType) throws IOException {
    Size size = contentType.equals("image/webp") ? WebP.size(file) : readerSize(file);
    if (size != null && (long) size.width() * size.height() > MAX_PIXELS) {
      throw ApiError.IMAGE_TOO_LARGE.exception();
    }
    return size;
  }

  /**
   * A copy at most {@link #THUMBNAIL_SIZE} on each side, turned as {@code orientation} says, or null when the image
   * is small enough or not decodable here.
   */
  static Thumbnail thumbnail(Path file, String contentType, Size size, int orientation) throws IOException {
    if (size == null || Math.max(size.width(), size.height()) <= THUMBNAIL_SIZE) {
      return null;
    }
    if (!contentType.equals("image/webp")) {
      try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
        return decodeThumbnail(input, size, orientation);
      }
    }
    if (!WebP.decodable(size)) {
      return null;
    }
    WebP.DECODING.acquireUninterruptibly();
    try (ImageInputStream input = WebP.input(file)) {
      return decodeThumbnail(input, size, orientation);
    } finally {
      WebP.DECODING.release();
    }
  }

  private static Thumbnail decodeThumbnail(ImageInputStream input, Size size, int orientation) {
    ImageReader reader = reader(input);
    if (reader == null) {
      return null;
    }
    try {
      ImageReadParam param = reader.getDefaultReadParam();
      int step = Math.max(1, Math.max(size.width(), size.height()) / (2 * THUMBNAIL_SIZE));
      param.setSourceSubsampling(step, step, 0, 0);
      BufferedImage decoded = reader.read(0, param);
      return encode(scale(decoded, orientation));
    } catch (IOException | RuntimeException e) {
      return null;
    } finally {
      reader.dispose();
    }
  }

  private static BufferedImage scale(BufferedImage source, int orientation) {
    double factor = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
    boolean alpha = source.getColorModel().hasAlpha();
    boolean sideways = ExifOrientation.turnsSideways(orientation);
    BufferedImage scaled = new BufferedImage(sideways ? height : width, sideways ? width : height,
      alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.transform(ExifOrientation.transform(orientation, width, height));
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  /** PNG keeps transparency; everything opaque becomes a JPEG. */
  private static Thumbnail encode(BufferedImage image) throws IOException {
    boolean alpha = image.getColorModel().hasAlpha();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, alpha ? "png" : "jpeg", out);
    return new Thumbnail(out.toByteArray(), alpha ? "image/png" : "image/jpeg");
  }

  private static Size readerSize(Path file) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = reader(input);
      if (reader == null) {
        return null;
      }
      try {
        return new Size(reader.getWidth(0), reader.getHeight(0));
      } catch (IOException | RuntimeException e) {
        return null;
      } finally {
        reader.dispose();
      }
    }
  }

  private static ImageReader reader(ImageInputStream input) {
    if (input == null) {
      return null;
    }
    Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
    if (!readers.hasNext()) {
      return null;
    }
    ImageReader reader = readers.next();
    reader.setInput(input, true, true);
    return reader;
  }
}
