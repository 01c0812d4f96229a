package parley.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compose.yaml (one node) and compose.cluster.yaml (two behind nginx) read as YAML, since nothing here can run them:
 * the services, their pinned images, and that Parley is given only settings it has, with a JWT_SECRET nobody can
 * forget to set.
 */
@DisplayName("The compose files")
class ComposeTest {

  private static final String NGINX_CONF = "deploy/nginx/parley.conf";
  private static final Pattern REQUIRED = Pattern.compile("^\\$\\{(\\w+):\\?.+}$");

  private static Map<String, Object> single;
  private static Map<String, Object> cluster;
  private static JsonObject defaults;
  private static String readme;

  @BeforeAll
  static void read() throws IOException {
    single = yaml(DockerfileRules.read("compose.yaml"));
    cluster = yaml(DockerfileRules.read("compose.cluster.yaml"));
    defaults = new JsonObject(DockerfileRules.read("config/default.json"));
    readme = DockerfileRules.read("README.md");
  }

  @Test
  @DisplayName("compose.yaml runs Parley from the Dockerfile with PostgreSQL 15 and Redis 7")
  void singleNode() {
    assertEquals(Set.of("parley", "postgres", "redis"), services(single).keySet());
    assertEquals(".", service(single, "parley").get("build"));
    assertTrue(image(single, "postgres").matches("postgres:15\\.\\d+.*"), image(single, "postgres"));
    assertTrue(image(single, "redis").matches("redis:7\\.\\d+\\.\\d+.*"), image(single, "redis"));
  }

  @Test
  @DisplayName("pin every image to a version")
  void pinnedImages() {
    for (Map<String, Object> compose : List.of(single, cluster)) {
      services(compose).forEach((name, service) -> {
        Object image = map(service).get("image");
        if (image != null && !image.equals("parley:local")) {
          assertTrue(pinned(image.toString()), name + " runs " + image);
        }
      });
    }
    assertFalse(pinned("redis:latest"));
    assertFalse(pinned("redis"));
    assertFalse(pinned("redis:7"));
  }

  /** A version down to the minor release at least: {@code 7} alone moves under you, as {@code latest} does. */
  private static boolean pinned(String image) {
    String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
    return tag.matches("\\d+\\.\\d+.*") || image.contains("@sha256:");
  }

  @Test
  @DisplayName("give Parley DATABASE_URL, REDIS_URL and a JWT_SECRET that must be supplied, on every node alike")
  void databaseRedisAndSecret() {
    List<Map<String, Object>> nodes = new ArrayList<>(List.of(environment(single, "parley")));
    nodes.add(environment(cluster, "parley-1"));
    nodes.add(environment(cluster, "parley-2"));
    for (Map<String, Object> env : nodes) {
      assertTrue(env.get("DATABASE_URL").toString().matches("postgres://parley:\\$\\{POSTGRES_PASSWORD:\\?.+}@postgres:5432/parley"), env.toString());
      assertEquals("redis://redis:6379", env.get("REDIS_URL"));
      assertTrue(required(env, "JWT_SECRET"), "JWT_SECRET must be supplied: " + env.get("JWT_SECRET"));
      assertEquals("production", env.get("PARLEY_ENV"));
    }
    assertEquals(environment(cluster, "parley-1").get("JWT_SECRET"), environment(cluster, "parley-2").get("JWT_SECRET"));
  }

  @Test
  @DisplayName("rejects a JWT_SECRET with a default")
  void rejectsDefaultSecret() {
    assertFalse(required(Map.of("JWT_SECRET", "${JWT_SECRET:-change-me-change-me-change-me-change}"), "JWT_SECRET"));
    assertFalse(required(Map.of("JWT_SECRET", "a-secret-written-into-the-file-for-all"), "JWT_SECRET"));
    assertFalse(required(Map.of(), "JWT_SECRET"));
  }

  private static boolean required(Map<String, Object> env, String name) {
    Object value = env.get(name);
    Matcher matcher = REQUIRED.matcher(value == null ? "" : value.toString());
    return matcher.matches() && matcher.group(1).equals(name);
  }

  @Test
  @DisplayName("set for Parley only settings of config/default.json, each with its row in README")
  void onlyKnownSettings() {
    for (Map<String, Object> compose : List.of(single, cluster)) {
      for (String node : parleyServices(compose)) {
        assertEquals(List.of(), unknownSettings(environment(compose, node)), node);
      }
    }
  }

  @Test
  @DisplayName("rejects a variable Parley does not read, or one README does not list")
  void rejectsUnknownSetting() {
    Map<String, Object> env = new LinkedHashMap<>(environment(single, "parley"));
    env.put("JWT_SECRETS", "${JWT_SECRETS:?}");
    assertEquals(List.of("JWT_SECRETS"), unknownSettings(env));
  }

  private static List<String> unknownSettings(Map<String, Object> env) {
    return env.keySet().stream()
      .filter(name -> !defaults.containsKey(name) || !readme.contains("| `" + name + "` |") && !readme.contains("`" + name + "` /"))
      .toList();
  }

  @Test
  @DisplayName("keep PostgreSQL's data on a volume, and check every service's health")
  void volumesAndHealthchecks() throws IOException {
    assertEquals(List.of("postgres:/var/lib/postgresql/data"), service(single, "postgres").get("volumes"));
    assertTrue(map(single.get("volumes")).containsKey("postgres"));
    assertTrue(map(cluster.get("volumes")).containsKey("postgres"), "the cluster's postgres (extended) needs the volume too");
    for (String name : List.of("postgres", "redis")) {
      assertNotNull(service(single, name).get("healthcheck"), name);
    }
    assertNotNull(service(cluster, "nginx").get("healthcheck"));
    // Parley's own is the image's: the Dockerfile's HEALTHCHECK, which DockerfileTest holds to /health/live.
    assertNotNull(Dockerfile.parse(DockerfileRules.read("Dockerfile")).finalStage().last("HEALTHCHECK"));
    for (Map<String, Object> compose : List.of(single, cluster)) {
      for (String node : parleyServices(compose)) {
        assertFalse(service(compose, node).containsKey("healthcheck"), node + " keeps the image's healthcheck");
        assertTrue(service(compose, node).get("stop_grace_period").toString().matches("[3-9]\\ds"),
          node + " gives the graceful stop its 20 s");
      }
    }
  }

  @Test
  @DisplayName("compose.cluster.yaml runs two clustered nodes as docs/deploy.md says, behind nginx, on compose.yaml's PostgreSQL and Redis")
  void twoNodes() {
    assertEquals(Set.of("parley-1", "parley-2", "nginx", "postgres", "redis"), services(cluster).keySet());
    for (String name : List.of("postgres", "redis")) {
      assertEquals(Map.of("file", "compose.yaml", "service", name), service(cluster, name).get("extends"));
    }
    List<String> nodes = List.of("parley-1", "parley-2");
    for (String node : nodes) {
      Map<String, Object> env = environment(cluster, node);
      assertEquals("true", env.get("CLUSTER"));
      assertEquals("true", env.get("TRUST_PROXY"), "behind nginx");
      assertEquals(node, env.get("CLUSTER_HOST"), "its address as the others reach it");
      assertEquals(node, service(cluster, node).get("hostname"));
      assertEquals(nodes, List.of(env.get("CLUSTER_MEMBERS").toString().split(",")));
      assertTrue(env.get("CLUSTER_PORT").toString().matches("\\d+") && Integer.parseInt(env.get("CLUSTER_PORT").toString()) < 32768,
        "a fixed event bus port below the ephemeral range: " + env.get("CLUSTER_PORT"));
      assertEquals("parley:local", service(cluster, node).get("image"));
    }
  }

  @Test
  @DisplayName("have nginx use deploy/nginx/parley.conf, whose upstream is the two nodes")
  void nginxConfig() throws IOException {
    assertEquals(List.of("./" + NGINX_CONF + ":/etc/nginx/conf.d/default.conf:ro"), service(cluster, "nginx").get("volumes"));
    String conf = DockerfileRules.read(NGINX_CONF);
    List<String> servers = new ArrayList<>();
    Matcher server = Pattern.compile("(?m)^\\s*server (\\S+);").matcher(conf);
    while (server.find()) {
      servers.add(server.group(1));
    }
    int port = defaults.getInteger("PORT");
    assertEquals(List.of("parley-1:" + port, "parley-2:" + port), servers);
  }

  @Test
  @DisplayName("have docs/deploy.md show deploy/nginx/parley.conf as it is")
  void deployDocShowsTheNginxFile() throws IOException {
    String doc = DockerfileRules.read("docs/deploy.md");
    Matcher block = Pattern.compile("```nginx\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(block.find(), "docs/deploy.md has an nginx example");
    assertEquals(DockerfileRules.read(NGINX_CONF), block.group(1));
    assertFalse(block.find(), "one nginx example, not two to keep alike");
  }

  private static Map<String, Object> yaml(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  private static Map<String, Object> services(Map<String, Object> compose) {
    return map(compose.get("services"));
  }

  private static Map<String, Object> service(Map<String, Object> compose, String name) {
    Map<String, Object> service = map(services(compose).get(name));
    assertNotNull(service, "service " + name);
    return service;
  }

  private static String image(Map<String, Object> compose, String name) {
    return String.valueOf(service(compose, name).get("image"));
  }

  private static Map<String, Object> environment(Map<String, Object> compose, String name) {
    return map(service(compose, name).get("environment"));
  }

  /** The services that run Parley's image. */
  private static List<String> parleyServices(Map<String, Object> compose) {
    return services(compose).entrySet().stream()
      .filter(entry -> "parley:local".equals(map(entry.getValue()).get("image")))
      .map(Map.Entry::getKey).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
