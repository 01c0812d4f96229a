package parley.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile against {@link DockerfileRules}: it breaks none, and each rule catches the mistake it is there for
 * (so that no rule passes whatever it is given). No container engine runs here, so this is what checks the image.
 */
@DisplayName("The Dockerfile")
class DockerfileTest {

  private static DockerfileRules project;

  @BeforeAll
  static void read() throws IOException {
    project = DockerfileRules.ofProject();
  }

  @Test
  @DisplayName("breaks none of the rules")
  void followsTheRules() {
    assertEquals(Map.of(), project.violations());
  }

  @Test
  @DisplayName("starts `java @config/jvm.options $JAVA_OPTS -jar target/parley.jar`, as the Procfile and scripts/run do")
  void startsAsTheProcfileDoes() {
    String command = DockerfileRules.imageCommand(Dockerfile.parse(project.dockerfile()));
    assertEquals("java @" + DockerfileRules.JVM_OPTIONS + " $JAVA_OPTS -jar " + DockerfileRules.JAR, DockerfileRules.normalised(command));
  }

  /** Each row: the rule, what the Dockerfile says, and the mistake put in its place (a regular expression and its replacement). */
  @ParameterizedTest(name = "{0}: {1} → {2}")
  @DisplayName("rejects")
  @CsvSource(delimiter = '|', textBlock = """
    non-root user     | USER parley                                       | USER root
    non-root user     | USER parley                                       | USER 0:0
    non-root user     | USER parley\\n                                    | ''
    non-root user     | USER parley                                       | USER nobody2
    pinned images     | eclipse-temurin:17.0.17_10-jre-noble               | eclipse-temurin:latest
    pinned images     | eclipse-temurin:17.0.17_10-jre-noble               | eclipse-temurin
    pinned images     | maven:3.9.11-eclipse-temurin-17 AS build           | maven AS build
    multi-stage build | mvn -B -DskipTests package                         | mvn -B package -q
    multi-stage build | eclipse-temurin:17.0.17_10-jre-noble               | eclipse-temurin:17.0.17_10-jdk-noble
    multi-stage build | COPY --from=build                                 | COPY --from=elsewhere
    build inputs      | COPY webroot webroot\\n                            | ''
    build inputs      | COPY config config\\n                              | ''
    healthcheck       | HEALTHCHECK[^\\n]*\\\\\\n[^\\n]*\\n                | ''
    healthcheck       | /health/live                                      | /health/ready
    healthcheck       | 127.0.0.1:\\$\\{PORT}                              | 127.0.0.1:8080
    healthcheck       | --no-install-recommends curl                      | --no-install-recommends wget
    no secrets        | ENV PORT=8080                                     | ENV JWT_SECRET=changeme PORT=8080
    no secrets        | USER parley                                       | ARG S3_SECRET_KEY\\nUSER parley
    no secrets        | ENV PORT=8080                                     | ENV DATABASE_URL=postgres://parley:hunter2@db/parley PORT=8080
    exposed port      | EXPOSE 8080                                       | EXPOSE 80
    exposed port      | ENV PORT=8080                                     | ENV PORT=9000
    data volume       | VOLUME \\["/app/data"]                             | VOLUME ["/data"]
    data volume       | PARLEY_DATA_DIR=/app/data                         | PARLEY_DATA_DIR=./data
    start command     | CMD exec java                                     | CMD java
    start command     | CMD exec java[^\\n]*                              | CMD ["java", "-jar", "target/parley.jar"]
    start command     | CMD exec java[^\\n]*                              | CMD exec java $JAVA_OPTS -jar target/parley.jar
    jvm options       | COPY config/jvm.options[^\\n]*\\n               | ''
    start command     | CMD exec[^\\n]*\\n                                 | ''
    jar location      | target/parley.jar target/parley.jar               | target/parley.jar parley.jar
    jar location      | WORKDIR /app\\n                                  | ''
    """)
  void rejectsEachMistake(String rule, String said, String mistake) {
    String text = project.dockerfile();
    String broken = text.replaceFirst(said.replace("\\n", "\n"), mistake.replace("\\n", "\n").replace("$", "\\$"));
    assertNotEquals(text, broken, "the mistake was put in: " + said);
    Map<String, String> violations = project.withDockerfile(broken).violations();
    assertTrue(violations.containsKey(rule), "rule " + rule + " catches it; found " + violations);
  }

  @Test
  @DisplayName("rejects a Procfile that starts Parley differently")
  void rejectsAnotherProcfile() {
    Map<String, String> violations = project.withProcfile("web: java -Xmx1g -jar target/parley.jar\n").violations();
    assertTrue(violations.containsKey("start command"), "found " + violations);
  }

  @Test
  @DisplayName("rejects a .dockerignore that leaves out what the build reads")
  void rejectsIgnoredInputs() {
    Map<String, String> violations = project.withDockerignore(project.dockerignore() + "webroot/\n").violations();
    assertTrue(violations.containsKey("build inputs"), "found " + violations);
  }

  @Test
  @DisplayName("rejects a .dockerignore that leaves out the one file of docs/ the build reads")
  void rejectsIgnoredApiDocument() {
    Map<String, String> violations = project.withDockerignore(project.dockerignore().replace("!docs/openapi.yaml\n", ""))
      .violations();
    assertEquals("docs/openapi.yaml is left out of the build context by .dockerignore", violations.get("build inputs"));
  }
}
