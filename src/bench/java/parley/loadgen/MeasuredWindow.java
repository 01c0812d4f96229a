package parley.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the server, its database and the generator spend over a run's measured window, each read from outside its
 * process; with the messages persisted and delivered in the window, the CPU per message. Blocking.
 */
final class MeasuredWindow {

  private final ServerProbe server;
  private final List<ServerProbe> generator;
  private final DatabaseProbe database;
  private final double serverBefore;
  private final double databaseBefore;
  private final double[] generatorBefore;
  private final double[] gcBefore;

  /** {@code generator}: the processes of the generator, this one and any it drives the sockets from. */
  private MeasuredWindow(ServerProbe server, List<ServerProbe> generator, DatabaseProbe database) {
    this.server = server;
    this.generator = generator;
    this.database = database;
    this.serverBefore = server.cpuSeconds();
    this.databaseBefore = database.cpuSeconds();
    this.generatorBefore = generatorCpu();
    this.gcBefore = server.gcPauses();
  }

  /**
   * Starts the window now; {@code profile}: a file for a profile of the server over the next {@code seconds}, or
   * null. {@code databaseUrl}: the server's database, whose backends' CPU the window reports; null when unknown.
   */
  static MeasuredWindow start(Vertx vertx, ServerProbe server, List<ServerProbe> generator, String databaseUrl,
                              String profile, int seconds) {
    if (profile != null) {
      server.record(profile, seconds);
    }
    return new MeasuredWindow(server, generator, DatabaseProbe.of(vertx, databaseUrl));
  }

  /** Ends the window: what each side spent over it. */
  Spent end() {
    double[] gcAfter = server.gcPauses();
    double[] generatorAfter = generatorCpu();
    double[] generatorSpent = new double[generatorAfter.length];
    for (int i = 0; i < generatorSpent.length; i++) {
      generatorSpent[i] = round(generatorAfter[i] - generatorBefore[i]);
    }
    return new Spent(server.cpuSeconds() - serverBefore, database.cpuSeconds() - databaseBefore,
      generatorSpent, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
  }

  /** CPU seconds over the window; with what was persisted and delivered in it (known once the run drains), per message. */
  record Spent(double server, double database, double[] generator, double gcSeconds, double gcPauses) {

    JsonObject toJson(long persisted, long delivered) {
      return new JsonObject()
        .put("serverCpuSeconds", round(server))
        .put("serverCpuPer1000Deliveries", delivered == 0 ? null : round(server * 1000 / delivered))
        .put("serverCpuPer1000Messages", persisted == 0 ? null : round(server * 1000 / persisted))
        .put("gcSeconds", round(gcSeconds)).put("gcPauses", gcPauses)
        .put("databaseCpuSeconds", round(database)).put("generatorCpuSeconds", round(java.util.Arrays.stream(generator).sum()))
        .put("generatorCpuSecondsByProcess", new io.vertx.core.json.JsonArray(java.util.Arrays.stream(generator).boxed().toList()))
        .put("databaseCpuPer1000Messages", persisted == 0 ? null : round(database * 1000 / persisted));
    }
  }

  private double[] generatorCpu() {
    return generator.stream().mapToDouble(ServerProbe::cpuSeconds).toArray();
  }

  private static double round(double value) {
    return Double.isNaN(value) ? Double.NaN : Math.round(value * 1000) / 1000.0;
  }
}
