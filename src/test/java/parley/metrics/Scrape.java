package parley.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A Prometheus text scrape, read into samples: what a test asks of {@code /metrics}. */
record Scrape(String text, List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {
  }

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return new Scrape(text, samples);
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), value(line.substring(space + 1)));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int i = brace + 1;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      String name = line.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; line.charAt(j) != '"'; j++) {
        if (line.charAt(j) == '\\') {
          j++;
        }
        value.append(line.charAt(j));
      }
      labels.put(name, value.toString());
      i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
    }
    return new Sample(line.substring(0, brace), labels, value(line.substring(i + 2)));
  }

  private static double value(String text) {
    String number = text.trim().split(" ")[0];
    return switch (number) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(number);
    };
  }

  Set<String> names() {
    return samples.stream().map(Sample::name).collect(Collectors.toSet());
  }

  /** The sum of the samples called {@code name} whose labels include {@code labels} (name, value, …); 0 if none. */
  double sum(String name, String... labels) {
    return samples.stream().filter(sample -> sample.name().equals(name) && has(sample, labels))
      .mapToDouble(Sample::value).sum();
  }

  private static boolean has(Sample sample, String[] labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
