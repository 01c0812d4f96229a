package parley.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import parley.config.AppConfig;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Cluster settings")
class ClusterSettingsTest {

  private static JsonObject complete() {
    return new JsonObject().put("CLUSTER", true).put("REDIS_URL", "redis://127.0.0.1:6379")
      .put("DATABASE_URL", "postgres://u:p@db:5432/parley").put("JWT_SECRET", "x".repeat(32));
  }

  @Test
  @DisplayName("rejects a clustered node without Redis, a shared database, a JWT secret or a reachable address, saying why")
  void rejectsWhatWouldDifferPerNode() {
    Map<String, String> expected = Map.of("REDIS_URL", "CLUSTER needs REDIS_URL", "DATABASE_URL", "CLUSTER needs DATABASE_URL",
      "JWT_SECRET", "CLUSTER needs JWT_SECRET");
    expected.forEach((setting, message) -> {
      AppConfig config = AppConfig.withOverrides(complete().put(setting, ""));
      String said = assertThrows(IllegalArgumentException.class, () -> ClusteredVertx.check(config)).getMessage();
      assertTrue(said.startsWith(message), said);
    });
    AppConfig anyAddress = AppConfig.withOverrides(complete().put("CLUSTER_HOST", "0.0.0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusteredVertx.check(anyAddress)).getMessage().startsWith("CLUSTER_HOST"));
    ClusteredVertx.check(AppConfig.withOverrides(complete()));
  }

  @Test
  @DisplayName("Hazelcast joins by TCP-IP from CLUSTER_MEMBERS, bound to CLUSTER_HOST, never multicast, auto-detected or phoning home")
  void tcpIpByDefault() {
    AppConfig settings = AppConfig.withOverrides(complete().put("CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:5702,").put("HAZELCAST_PORT", 5801));
    Config config = HazelcastSettings.of(settings, "10.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertFalse(join.getKubernetesConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1", "10.0.0.2:5702"), join.getTcpIpConfig().getMembers());
    assertEquals(5801, config.getNetworkConfig().getPort());
    assertEquals(List.of("10.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertEquals("parley", config.getClusterName());
    assertTrue(config.getMultiMapConfigs().containsKey("__vertx.subs"), "starts from the Vert.x default configuration");
  }

  @Test
  @DisplayName("CLUSTER_KUBERNETES_SERVICE_DNS finds the members through a headless service instead")
  void kubernetesDns() {
    AppConfig settings = AppConfig.withOverrides(complete().put("CLUSTER_KUBERNETES_SERVICE_DNS", "parley-hz.chat.svc.cluster.local"));
    JoinConfig join = HazelcastSettings.of(settings, "127.0.0.1").getNetworkConfig().getJoin();
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("parley-hz.chat.svc.cluster.local", join.getKubernetesConfig().getProperty("service-dns"));
  }
}
