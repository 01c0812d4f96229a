package parley.health;

import io.vertx.core.Future;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The readiness answer from the checks' results. The module's own outcome is DOWN as soon as any check is; here the
 * node is ready when every <em>required</em> check is up, and Redis is not required (chat goes on without it), so
 * its check is shown DOWN, marked {@code "required": false}, while the outcome stays UP. A check that did not
 * answer in time is DOWN with a reason like any other (the module would answer 500 for it, not 503), and the checks
 * come in a fixed order.
 */
final class Readiness implements Function<CheckResult, Future<CheckResult>> {

  private static final List<String> ORDER = List.of(ReadinessChecks.STARTUP, ReadinessChecks.SHUTDOWN,
    ReadinessChecks.DATABASE, ReadinessChecks.REDIS, ReadinessChecks.CLUSTER);
  private static final Set<String> OPTIONAL = Set.of(ReadinessChecks.REDIS);

  private final long timeoutMs;

  Readiness(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<CheckResult> apply(CheckResult all) {
    List<CheckResult> checks = new ArrayList<>();
    for (CheckResult check : all.getChecks() == null ? List.<CheckResult>of() : all.getChecks()) {
      checks.add(CheckResult.from(check.getId(), statusOf(check)));
    }
    checks.sort(Comparator.comparingInt(check -> ORDER.indexOf(check.getId())));
    boolean ready = checks.stream().filter(check -> !OPTIONAL.contains(check.getId())).allMatch(CheckResult::isUp);
    return Future.succeededFuture(new CheckResult().setStatus(new Status().setOk(ready)).setChecks(checks));
  }

  private Status statusOf(CheckResult check) {
    Status status = check.getFailure() != null || check.getStatus() == null
      ? ReadinessChecks.down("no answer within " + timeoutMs + " ms")
      : new Status(check.getStatus());
    if (OPTIONAL.contains(check.getId())) {
      status.setData(status.getData().copy().put("required", false));
    }
    return status;
  }
}
