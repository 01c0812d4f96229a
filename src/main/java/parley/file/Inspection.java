package parley.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an uploaded file turned out to be, read from its spooled copy on a worker thread: its hash, its sniffed type,
 * an image's size as shown (after a JPEG's EXIF orientation) and, for a large image, a thumbnail written to a file of
 * its own.
 */
record Inspection(String contentType, String sha256, Images.Size imageSize, Path thumbnail, String thumbnailType,
                  long thumbnailSize, String thumbnailSha256) {

  static Inspection of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(ContentTypes.HEAD_BYTES);
      digest.update(head);
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    String type = ContentTypes.sniff(head);
    String sha256 = HexFormat.of().formatHex(digest.digest());
    boolean raster = type.startsWith("image/") && !type.equals("image/svg+xml");
    int orientation = type.equals("image/jpeg") ? ExifOrientation.of(file) : ExifOrientation.UPRIGHT;
    Images.Size stored = raster ? Images.size(file, type) : null;
    Images.Size size = stored == null ? null : stored.shown(orientation);
    Images.Thumbnail thumbnail = raster ? Images.thumbnail(file, type, size, orientation) : null;
    if (thumbnail == null) {
      return new Inspection(type, sha256, size, null, null, 0, null);
    }
    Path thumbnailFile = Files.createTempFile("parley-thumb-", ".img");
    Files.write(thumbnailFile, thumbnail.bytes());
    return new Inspection(type, sha256, size, thumbnailFile, thumbnail.contentType(), thumbnail.bytes().length,
      HexFormat.of().formatHex(newDigest().digest(thumbnail.bytes())));
  }


  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }
}
