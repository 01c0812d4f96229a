package parley.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import parley.config.AppConfig;

/**
 * The Hazelcast member a clustered node runs: the Vert.x default configuration (it carries the {@code __vertx.*}
 * maps the event bus needs), bound to CLUSTER_HOST only, joining by TCP-IP (CLUSTER_MEMBERS) or by a Kubernetes
 * headless service's DNS name, never by multicast or auto-detection, and never phoning home.
 */
final class HazelcastSettings {

  /** Held so that the level is not lost when the logger is collected. */
  private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");
  /** Warns at each start that CP structures run unsafe; Parley takes no cluster locks, so that is no news. */
  private static final java.util.logging.Logger CP_LOG = java.util.logging.Logger.getLogger("com.hazelcast.cp.CPSubsystem");

  static {
    // Hazelcast chats at INFO about every member and partition; a node's own log should show only its trouble.
    HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
    CP_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "jdk");
    }
    System.setProperty("hazelcast.phone.home.enabled", "false");
  }

  private HazelcastSettings() {
  }

  /** {@code bindAddress}: CLUSTER_HOST as an IP address, which is what Hazelcast's interface list takes. */
  static Config of(AppConfig settings, String bindAddress) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.clusterName());
    config.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type"));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A node that dies without leaving is noticed in about 15 s rather than Hazelcast's default 60: until then, requests
    // routed to its services time out and publishes to it are lost to nobody but its own (gone) sockets.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.hazelcastPort()).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).clear().addInterface(bindAddress);

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    String serviceDns = settings.clusterKubernetesServiceDns();
    if (serviceDns.isBlank()) {
      join.getTcpIpConfig().setEnabled(true).setMembers(settings.clusterMembers());
    } else {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", serviceDns)
        .setProperty("service-port", Integer.toString(settings.hazelcastPort()));
    }
    return config;
  }
}
