package parley.loadgen;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One scenario's panel of the plot: for each offered rate a cluster of bars, one per percentile and target side by
 * side (so Parley and the reference are next to each other at each percentile), on a log-scale millisecond axis.
 */
final class PlotPanel {

  static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999");
  static final List<String> TARGETS = List.of("parley", "reference");
  static final Color INK = new Color(0x22, 0x26, 0x2e);
  static final Color MUTED = new Color(0x6b, 0x72, 0x80);
  static final Color RULE = new Color(0xd0, 0xd4, 0xda);
  private static final Color GRID = new Color(0xec, 0xee, 0xf1);
  private static final List<String> PERCENTILE_LABELS = List.of("p50", "p90", "p99", "p99.9");
  private static final List<String> SHORT_PERCENTILE_LABELS = List.of("50", "90", "99", "99.9");
  private static final List<Color> COLOURS = List.of(new Color(0x2f, 0x6d, 0xb5), new Color(0xe0, 0x8a, 0x1e),
    new Color(0x3a, 0x9a, 0x5b), new Color(0x8e, 0x5b, 0xb0), new Color(0x80, 0x80, 0x80));
  private static final Map<String, String> METRICS = Map.of("delivery", "delivery latency", "latency", "request latency",
    "caughtUp", "time to catch up");
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  /** One target at one offered rate (null when the runs don't say): the median of each percentile, NaN if none. */
  record Group(String target, Double rate, int runs, double[] medians) {
  }

  private final String scenario;
  private final String metric;
  private final List<Group> groups;
  private final List<Double> rates;
  private final List<String> targets;

  PlotPanel(String scenario, String metric, List<Group> groups) {
    this.scenario = scenario;
    this.metric = metric;
    this.groups = groups;
    this.rates = groups.stream().map(Group::rate).distinct().toList();
    this.targets = groups.stream().map(Group::target).distinct().toList();
  }

  String scenario() {
    return scenario;
  }

  String metric() {
    return metric;
  }

  List<Group> groups() {
    return groups;
  }

  void draw(Graphics2D g, Rectangle cell) {
    int titleEnd = title(g, cell);
    g.setFont(TEXT);
    int legendWidth = targets.stream().mapToInt(target -> g.getFontMetrics().stringWidth(label(target)) + 34).sum();
    int legendBaseline = titleEnd + 16 < cell.x + cell.width - 28 - legendWidth ? cell.y + 30 : cell.y + 50;
    legend(g, cell.x + cell.width - 28, legendBaseline);
    int top = legendBaseline + 22;
    Rectangle plot = new Rectangle(cell.x + 78, top, cell.width - 78 - 28, cell.y + cell.height - 70 - top);
    double[] range = range();
    axis(g, plot, range);
    bars(g, plot, range);
  }

  /** Draws the title line and answers where it ends. */
  private int title(Graphics2D g, Rectangle cell) {
    g.setFont(TITLE);
    g.setColor(INK);
    g.drawString(scenario, cell.x + 20, cell.y + 30);
    int after = cell.x + 20 + g.getFontMetrics().stringWidth(scenario) + 8;
    g.setFont(TEXT);
    g.setColor(MUTED);
    String subtitle = METRICS.getOrDefault(metric, metric) + ", median of " + runs();
    g.drawString(subtitle, after, cell.y + 30);
    return after + g.getFontMetrics().stringWidth(subtitle);
  }

  private void legend(Graphics2D g, int right, int baseline) {
    g.setFont(TEXT);
    FontMetrics fm = g.getFontMetrics();
    int x = right;
    for (int i = targets.size() - 1; i >= 0; i--) {
      String name = label(targets.get(i));
      x -= fm.stringWidth(name);
      g.setColor(INK);
      g.drawString(name, x, baseline);
      x -= 18;
      g.setColor(colour(targets.get(i)));
      g.fillRect(x, baseline - 10, 12, 12);
      x -= 16;
    }
  }

  private void axis(Graphics2D g, Rectangle plot, double[] range) {
    int decades = (int) Math.round(Math.log10(range[1] / range[0]));
    g.setFont(SMALL);
    FontMetrics fm = g.getFontMetrics();
    for (double decade = range[0]; decade <= range[1] * 1.0001; decade *= 10) {
      for (int step : new int[] {1, 2, 5}) {
        double value = decade * step;
        if (value > range[1] * 1.0001) {
          break;
        }
        int y = y(plot, range, value);
        g.setColor(step == 1 ? RULE : GRID);
        g.drawLine(plot.x, y, plot.x + plot.width, y);
        if (step == 1 || decades <= 3) {
          String label = tick(value);
          g.setColor(step == 1 ? INK : MUTED);
          g.drawString(label, plot.x - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
      }
    }
    g.setColor(MUTED);
    g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
    g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
    AffineTransform before = g.getTransform();
    g.setFont(TEXT);
    String label = "ms (log scale)";
    g.rotate(-Math.PI / 2, plot.x - 52, plot.y + plot.height / 2.0);
    g.drawString(label, (int) (plot.x - 52 - g.getFontMetrics().stringWidth(label) / 2.0), plot.y + plot.height / 2);
    g.setTransform(before);
  }

  private void bars(Graphics2D g, Rectangle plot, double[] range) {
    double cluster = plot.width / (double) rates.size();
    double slot = cluster * 0.9 / PERCENTILES.size();
    double bar = Math.min(26, slot * 0.78 / targets.size());
    int bottom = plot.y + plot.height;
    g.setFont(SMALL);
    FontMetrics fm = g.getFontMetrics();
    List<String> labels = Stream.of(PERCENTILE_LABELS, SHORT_PERCENTILE_LABELS)
      .filter(candidates -> candidates.stream().allMatch(label -> fm.stringWidth(label) + 2 <= slot)).findFirst().orElse(List.of());
    for (int r = 0; r < rates.size(); r++) {
      double left = plot.x + r * cluster + cluster * 0.05;
      if (r > 0) {
        g.setColor(GRID);
        g.drawLine((int) (plot.x + r * cluster), plot.y, (int) (plot.x + r * cluster), bottom + 34);
      }
      for (int p = 0; p < PERCENTILES.size(); p++) {
        double centre = left + slot * (p + 0.5);
        double x = centre - bar * targets.size() / 2.0;
        for (String target : targets) {
          double value = median(rates.get(r), target, p);
          if (!Double.isNaN(value)) {
            int top = y(plot, range, Math.max(value, range[0]));
            g.setColor(colour(target));
            g.fillRect((int) Math.round(x), top, (int) Math.round(bar) - 1, bottom - top);
          }
          x += bar;
        }
        if (!labels.isEmpty()) {
          g.setColor(MUTED);
          String label = labels.get(p);
          g.drawString(label, (int) (centre - fm.stringWidth(label) / 2.0), bottom + 15);
        }
      }
      g.setFont(TEXT);
      g.setColor(INK);
      String rate = rates.get(r) == null ? "all runs" : String.format(Locale.ROOT, "%,.0f/s", rates.get(r));
      g.drawString(rate, (int) (plot.x + (r + 0.5) * cluster - g.getFontMetrics().stringWidth(rate) / 2.0), bottom + 33);
      g.setFont(SMALL);
    }
    g.setFont(TEXT);
    g.setColor(MUTED);
    String axis = rates.stream().allMatch(Objects::isNull) ? "" : "offered rate";
    if (labels != PERCENTILE_LABELS) {
      axis = (labels.isEmpty() ? "bars: " + String.join(", ", PERCENTILE_LABELS) : "percentile") + (axis.isEmpty() ? "" : " at each " + axis);
    }
    g.drawString(axis, (int) (plot.x + plot.width / 2.0 - g.getFontMetrics().stringWidth(axis) / 2.0), bottom + 55);
  }

  private double median(Double rate, String target, int percentile) {
    return groups.stream().filter(group -> Objects.equals(group.rate(), rate) && group.target().equals(target))
      .mapToDouble(group -> group.medians()[percentile]).findFirst().orElse(Double.NaN);
  }

  /** From a decade well below the shortest bar, so it shows, to the 1-2-5 step above the tallest. */
  private double[] range() {
    double[] values = groups.stream().flatMapToDouble(group -> Arrays.stream(group.medians()))
      .filter(value -> value > 0).toArray();
    double low = values.length == 0 ? 1 : Arrays.stream(values).min().getAsDouble();
    double high = values.length == 0 ? 10 : Arrays.stream(values).max().getAsDouble();
    double floor = Math.pow(10, Math.floor(Math.log10(low / 1.5)));
    double decade = Math.pow(10, Math.floor(Math.log10(high * 1.08)));
    for (int step : new int[] {1, 2, 5, 10}) {
      if (decade * step >= high * 1.08) {
        return new double[] {floor, Math.max(decade * step, floor * 10)};
      }
    }
    return new double[] {floor, decade * 10};
  }

  private static int y(Rectangle plot, double[] range, double value) {
    double share = Math.log(value / range[0]) / Math.log(range[1] / range[0]);
    return (int) Math.round(plot.y + plot.height * (1 - share));
  }

  private static String tick(double value) {
    return value < 1 ? String.valueOf(Math.round(value * 1000) / 1000.0).replaceAll("0+$", "")
      : String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  private String runs() {
    IntSummaryStatistics counts = groups.stream().mapToInt(Group::runs).summaryStatistics();
    String runs = counts.getMin() == counts.getMax() ? Integer.toString(counts.getMax()) : counts.getMin() + "–" + counts.getMax();
    return runs + (counts.getMax() == 1 ? " run" : " runs") + " per bar";
  }

  private static String label(String target) {
    return target.isEmpty() ? "?" : Character.toUpperCase(target.charAt(0)) + target.substring(1);
  }

  private Color colour(String target) {
    int known = TARGETS.indexOf(target);
    int index = known >= 0 ? known : TARGETS.size() + targets.stream().filter(t -> !TARGETS.contains(t)).toList().indexOf(target);
    return COLOURS.get(Math.min(index, COLOURS.size() - 1));
  }
}
