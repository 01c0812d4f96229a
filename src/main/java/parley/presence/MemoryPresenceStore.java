package parley.presence;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Presence for a single node, in this verticle's memory (confined to its event loop). */
final class MemoryPresenceStore implements PresenceStore {

  private record Connection(boolean idle, long expiresAt) {
  }

  private final Map<Long, Map<Long, Map<String, Connection>>> connections = new HashMap<>();
  private final Map<Long, Map<Long, Status>> statuses = new HashMap<>();
  private final Set<Long> knownTenants = new HashSet<>();
  private final Map<Long, Map<Long, String>> announced = new HashMap<>();
  private final Map<Long, Set<Long>> marked = new HashMap<>();

  @Override
  public Future<Void> touch(long tenantId, long userId, String connectionId, Boolean idle, long expiresAt) {
    Map<String, Connection> ofUser = connections.computeIfAbsent(tenantId, t -> new HashMap<>())
      .computeIfAbsent(userId, u -> new HashMap<>());
    Connection before = ofUser.get(connectionId);
    ofUser.put(connectionId, new Connection(idle != null ? idle : before != null && before.idle(), expiresAt));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> drop(long tenantId, long userId, String connectionId) {
    Map<String, Connection> ofUser = connections.getOrDefault(tenantId, Map.of()).get(userId);
    if (ofUser != null) {
      ofUser.remove(connectionId);
      if (ofUser.isEmpty()) {
        connections.get(tenantId).remove(userId);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Snapshot> of(long tenantId, Set<Long> userIds, long now) {
    Map<Long, List<Boolean>> live = new HashMap<>();
    for (long userId : userIds) {
      live.put(userId, live(connections.getOrDefault(tenantId, Map.of()).getOrDefault(userId, Map.of()), now));
    }
    return Future.succeededFuture(new Snapshot(statusesOf(tenantId, userIds), live));
  }

  @Override
  public Future<Map<Long, Integer>> onlineCounts(Collection<Long> tenantIds) {
    Map<Long, Integer> counts = new HashMap<>();
    tenantIds.forEach(tenantId -> counts.put(tenantId, marked.getOrDefault(tenantId, Set.of()).size()));
    return Future.succeededFuture(counts);
  }

  @Override
  public Future<Statuses> statuses(long tenantId, Collection<Long> userIds) {
    return Future.succeededFuture(statusesOf(tenantId, userIds));
  }

  private Statuses statusesOf(long tenantId, Collection<Long> userIds) {
    Map<Long, Status> ofTenant = statuses.getOrDefault(tenantId, Map.of());
    Map<Long, Status> found = new HashMap<>();
    userIds.stream().filter(ofTenant::containsKey).forEach(userId -> found.put(userId, ofTenant.get(userId)));
    return new Statuses(found, knownTenants.contains(tenantId));
  }

  @Override
  public Future<Void> setStatus(long tenantId, long userId, Status status) {
    statuses.computeIfAbsent(tenantId, t -> new HashMap<>()).put(userId, status);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> learn(long tenantId, Map<Long, Status> kept) {
    Map<Long, Status> ofTenant = statuses.computeIfAbsent(tenantId, t -> new HashMap<>());
    kept.forEach(ofTenant::putIfAbsent);
    knownTenants.add(tenantId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Snapshot> snapshot(long tenantId, long now) {
    Map<Long, List<Boolean>> live = new HashMap<>();
    connections.getOrDefault(tenantId, Map.of()).forEach((userId, ofUser) -> {
      List<Boolean> idle = live(ofUser, now);
      if (!idle.isEmpty()) {
        live.put(userId, idle);
      }
    });
    Statuses all = new Statuses(Map.copyOf(statuses.getOrDefault(tenantId, Map.of())), knownTenants.contains(tenantId));
    return Future.succeededFuture(new Snapshot(all, live));
  }

  @Override
  public Future<Map<Long, Set<Long>>> sweep(long now) {
    Map<Long, Set<Long>> lost = new HashMap<>();
    connections.forEach((tenantId, users) -> users.forEach((userId, ofUser) -> {
      if (ofUser.values().removeIf(connection -> connection.expiresAt() <= now)) {
        lost.computeIfAbsent(tenantId, t -> new HashSet<>()).add(userId);
      }
    }));
    connections.values().forEach(users -> users.values().removeIf(Map::isEmpty));
    return Future.succeededFuture(lost);
  }

  @Override
  public Future<Set<Long>> announce(long tenantId, Map<Long, String> states) {
    Map<Long, String> before = announced.computeIfAbsent(tenantId, t -> new HashMap<>());
    Set<Long> changed = new HashSet<>();
    states.forEach((userId, state) -> {
      if (!state.equals(before.put(userId, state))) {
        changed.add(userId);
      }
    });
    return Future.succeededFuture(changed);
  }

  @Override
  public Future<Map<Long, String>> announced(long tenantId, List<Long> userIds) {
    Map<Long, String> all = announced.getOrDefault(tenantId, Map.of());
    Map<Long, String> found = new HashMap<>();
    userIds.stream().filter(all::containsKey).forEach(userId -> found.put(userId, all.get(userId)));
    return Future.succeededFuture(found);
  }

  @Override
  public Future<ConnectedMarks> markConnected(long tenantId, Map<Long, Boolean> marks) {
    Set<Long> ofTenant = marked.computeIfAbsent(tenantId, t -> new HashSet<>());
    Set<Long> changed = new HashSet<>();
    marks.forEach((userId, connected) -> {
      if (connected ? ofTenant.add(userId) : ofTenant.remove(userId)) {
        changed.add(userId);
      }
    });
    return Future.succeededFuture(new ConnectedMarks(changed, ofTenant.size()));
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static List<Boolean> live(Map<String, Connection> ofUser, long now) {
    List<Boolean> idle = new ArrayList<>();
    ofUser.values().forEach(connection -> {
      if (connection.expiresAt() > now) {
        idle.add(connection.idle());
      }
    });
    return idle;
  }
}
