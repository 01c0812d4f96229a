package parley.file;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.testing.TestImages;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("EXIF orientation: a JPEG's size and thumbnail as the browser shows it")
class ExifOrientationTest {

  /**
   * The picture stored is 800 × 400: red on the left, blue on the right, under a green band along the top. Each
   * orientation says on which side of the picture as shown the stored top (green) and the stored left (red) end up,
   * as EXIF defines it ("the 0th row is the visual …, the 0th column is the visual …").
   */
  @ParameterizedTest(name = "orientation {0}: the stored top on the {1}, the stored left on the {2}")
  @CsvSource({
    "1, top, left", "2, top, right", "3, bottom, right", "4, bottom, left",
    "5, left, top", "6, right, top", "7, right, bottom", "8, left, bottom"})
  void orientations(int orientation, String green, String red, @TempDir Path directory) throws IOException {
    Path file = Files.write(directory.resolve("photo.jpg"),
      TestImages.withOrientation(TestImages.sideways(800, 400), orientation).getBytes());
    Inspection inspection = Inspection.of(file);
    boolean sideways = orientation >= 5;
    assertEquals(sideways ? new Images.Size(400, 800) : new Images.Size(800, 400), inspection.imageSize());

    BufferedImage thumbnail = ImageIO.read(inspection.thumbnail().toFile());
    Files.delete(inspection.thumbnail());
    assertEquals(sideways ? List.of(200, 400) : List.of(400, 200),
      List.of(thumbnail.getWidth(), thumbnail.getHeight()));
    assertEquals(List.of(Color.GREEN, Color.RED, Color.BLUE), Arrays.asList(
      middleOf(thumbnail, green), middleOf(thumbnail, red), middleOf(thumbnail, opposite(red))));
  }

  /** The colour 10 px inside the middle of one side. */
  private static Color middleOf(BufferedImage image, String side) {
    int width = image.getWidth();
    int height = image.getHeight();
    return switch (side) {
      case "top" -> TestImages.primary(image, width / 2, 10);
      case "bottom" -> TestImages.primary(image, width / 2, height - 10);
      case "left" -> TestImages.primary(image, 10, height / 2);
      default -> TestImages.primary(image, width - 10, height / 2);
    };
  }

  private static String opposite(String side) {
    return switch (side) {
      case "top" -> "bottom";
      case "bottom" -> "top";
      case "left" -> "right";
      default -> "left";
    };
  }
}
