package parley.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules Parley's Dockerfile is held to, since no container engine can build or run it here: each rule reads the
 * Dockerfile (and the files it must agree with) and says what is wrong, or nothing.
 */
record DockerfileRules(String dockerfile, String dockerignore, String procfile, String runScript, JsonObject defaults,
                       String pom) {

  static final String JAR = "target/parley.jar";
  static final String JVM_OPTIONS = "config/jvm.options";
  private static final Pattern SECRET_NAME =
    Pattern.compile("(?i).*(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY).*");
  private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/\\s:@]+:[^@\\s]+@");
  private static final Pattern POM_RESOURCE = Pattern.compile("<resource>\\s*<directory>([^<]+)</directory>");

  static DockerfileRules ofProject() throws IOException {
    return new DockerfileRules(read("Dockerfile"), read(".dockerignore"), read("Procfile"), read("scripts/run"),
      new JsonObject(read("config/default.json")), read("pom.xml"));
  }

  static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  DockerfileRules withDockerfile(String text) {
    return new DockerfileRules(text, dockerignore, procfile, runScript, defaults, pom);
  }

  DockerfileRules withDockerignore(String text) {
    return new DockerfileRules(dockerfile, text, procfile, runScript, defaults, pom);
  }

  DockerfileRules withProcfile(String text) {
    return new DockerfileRules(dockerfile, dockerignore, text, runScript, defaults, pom);
  }

  /** Each broken rule by name, with what breaks it; empty when all hold. */
  Map<String, String> violations() {
    Dockerfile parsed = Dockerfile.parse(dockerfile);
    Map<String, String> found = new LinkedHashMap<>();
    check(found, "non-root user", nonRootUser(parsed));
    check(found, "pinned images", pinnedImages(parsed));
    check(found, "multi-stage build", multiStageBuild(parsed));
    check(found, "build inputs", buildInputs(parsed));
    check(found, "healthcheck", healthcheck(parsed));
    check(found, "no secrets", noSecrets(parsed));
    check(found, "exposed port", exposedPort(parsed));
    check(found, "data volume", dataVolume(parsed));
    check(found, "start command", startCommand(parsed));
    check(found, "jar location", jarLocation(parsed));
    check(found, "jvm options", jvmOptions(parsed));
    return found;
  }

  private static void check(Map<String, String> found, String rule, String problem) {
    if (problem != null) {
      found.put(rule, problem);
    }
  }

  /** The embedded PostgreSQL refuses root; and a process that needs no root should not have it. */
  private static String nonRootUser(Dockerfile file) {
    Dockerfile.Instruction user = file.finalStage().last("USER");
    if (user == null) {
      return "the final stage has no USER, so it runs as root";
    }
    String name = user.arguments().split(":")[0];
    if (name.equals("root") || name.equals("0")) {
      return "the final stage runs as " + user.arguments();
    }
    boolean created = name.matches("\\d+") || file.finalStage().all("RUN").stream()
      .anyMatch(run -> run.arguments().matches(".*\\b(useradd|adduser)\\b.*\\b" + Pattern.quote(name) + "\\b.*"));
    return created ? null : "USER " + name + " is not created in the final stage";
  }

  private static String pinnedImages(Dockerfile file) {
    List<String> stageNames = new ArrayList<>();
    for (Dockerfile.Stage stage : file.stages()) {
      String image = stage.image();
      if (!stageNames.contains(image)) {
        String afterRepository = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("$")) {
          return "FROM " + image + " is not a fixed image";
        }
        if (!afterRepository.contains(":") && !image.contains("@sha256:")) {
          return "FROM " + image + " has no tag";
        }
        if (afterRepository.endsWith(":latest") || afterRepository.contains(":latest@")) {
          return "FROM " + image + " uses latest";
        }
      }
      if (stage.name() != null) {
        stageNames.add(stage.name());
      }
    }
    return null;
  }

  /** Maven and a JDK 17 build the jar; the final stage is a JRE 17 with only the jar copied from the build. */
  private static String multiStageBuild(Dockerfile file) {
    Dockerfile.Stage build = buildStage(file);
    if (build == null) {
      return "no stage builds the jar with mvn -B -DskipTests package on a Maven JDK 17 image";
    }
    Dockerfile.Stage last = file.finalStage();
    if (last == build || !last.image().matches(".*\\b17\\b.*") || !last.image().contains("jre")) {
      return "the final stage is not a JRE 17 image of its own: " + last.image();
    }
    boolean copiesBuild = last.all("COPY").stream().anyMatch(copy -> copy.arguments().startsWith("--from=" + build.name() + " "));
    return copiesBuild ? null : "the final stage copies nothing from the build stage";
  }

  private static Dockerfile.Stage buildStage(Dockerfile file) {
    return file.stages().stream()
      .filter(stage -> stage.name() != null && stage.image().startsWith("maven:") && stage.image().matches(".*temurin-17\\b.*"))
      .filter(stage -> stage.all("RUN").stream().anyMatch(run -> run.arguments().matches(".*\\bmvn -B -DskipTests package$")))
      .findFirst().orElse(null);
  }

  /** What the build reads (pom.xml, the sources, every resource directory the pom names) is copied in and not ignored. */
  private String buildInputs(Dockerfile file) {
    Dockerfile.Stage build = buildStage(file);
    if (build == null) {
      return "no build stage";
    }
    List<String> needed = new ArrayList<>(List.of("pom.xml", "src"));
    Matcher resource = POM_RESOURCE.matcher(pom);
    while (resource.find()) {
      String directory = resource.group(1).strip();
      needed.add(directory.contains("/") ? directory.substring(0, directory.indexOf('/')) : directory);
    }
    List<String> copied = build.all("COPY").stream().flatMap(copy -> {
      List<String> words = new ArrayList<>(Arrays.asList(copy.arguments().split(" ")));
      words.removeIf(word -> word.startsWith("--"));
      return words.subList(0, words.size() - 1).stream();
    }).map(source -> source.replaceAll("/$", "")).toList();
    List<String> ignored = dockerignore.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
      .map(line -> line.replaceAll("^/|/$|/\\*\\*$", "")).toList();
    for (String input : needed.stream().distinct().toList()) {
      // A resource folder may be copied whole or by the files the pom takes from it (docs/openapi.yaml).
      List<String> parts = copied.stream().filter(source -> source.equals(input) || source.startsWith(input + "/")).toList();
      if (parts.isEmpty() && !copied.contains(".")) {
        return input + " is not copied into the build stage";
      }
      boolean folderIgnored = ignored.contains(input) || ignored.contains(input + "/*");
      for (String part : parts) {
        if (folderIgnored && (part.equals(input) || !ignored.contains("!" + part))) {
          return part + " is left out of the build context by .dockerignore";
        }
      }
      if (parts.isEmpty() && folderIgnored) {
        return input + " is left out of the build context by .dockerignore";
      }
    }
    return null;
  }

  /** On /health/live at PORT, run by a program the final stage has. */
  private static String healthcheck(Dockerfile file) {
    Dockerfile.Instruction check = file.finalStage().last("HEALTHCHECK");
    if (check == null || check.arguments().equalsIgnoreCase("NONE")) {
      return "the final stage has no HEALTHCHECK";
    }
    String arguments = check.arguments();
    int cmd = arguments.indexOf("CMD ");
    if (cmd < 0) {
      return "HEALTHCHECK has no CMD";
    }
    String command = arguments.substring(cmd + 4).strip();
    if (!command.matches(".*http://127\\.0\\.0\\.1:\\$\\{?PORT}?/health/live\\b.*")) {
      return "HEALTHCHECK does not ask http://127.0.0.1:$PORT/health/live: " + command;
    }
    String program = command.startsWith("[") ? new JsonArray(command).getString(0) : command.split(" ")[0];
    if (program.equals("java")) {
      return null;
    }
    boolean installed = file.finalStage().all("RUN").stream()
      .anyMatch(run -> run.arguments().matches(".*\\b(apt-get install|apk add)\\b[^&;|]*\\s" + Pattern.quote(program) + "(\\s.*|$)"));
    return installed ? null : "HEALTHCHECK runs " + program + ", which the final stage does not install";
  }

  /** Secrets come from the environment at run time; an image's ENV and ARG values stay in its history for anyone. */
  private static String noSecrets(Dockerfile file) {
    for (Dockerfile.Instruction instruction : file.instructions()) {
      if (instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG")) {
        for (Map.Entry<String, String> variable : variables(instruction).entrySet()) {
          if (SECRET_NAME.matcher(variable.getKey()).matches()) {
            return instruction.keyword() + " " + variable.getKey() + " looks like a secret";
          }
          if (CREDENTIALS_IN_URL.matcher(variable.getValue()).find()) {
            return instruction.keyword() + " " + variable.getKey() + " carries credentials";
          }
        }
      }
    }
    return null;
  }

  private String exposedPort(Dockerfile file) {
    String port = Integer.toString(defaults.getInteger("PORT"));
    List<String> exposed = file.finalStage().all("EXPOSE").stream()
      .flatMap(expose -> Stream.of(expose.arguments().split(" "))).map(value -> value.replace("/tcp", "")).toList();
    if (!exposed.equals(List.of(port))) {
      return "EXPOSE " + String.join(" ", exposed) + " is not PORT's default " + port;
    }
    String env = finalEnv(file).get("PORT");
    return env == null || env.equals(port) ? null : "ENV PORT=" + env + " is not PORT's default " + port;
  }

  private static String dataVolume(Dockerfile file) {
    String dataDir = finalEnv(file).get("PARLEY_DATA_DIR");
    if (dataDir == null || !dataDir.startsWith("/")) {
      return "the final stage sets no absolute PARLEY_DATA_DIR";
    }
    boolean onVolume = file.finalStage().all("VOLUME").stream().anyMatch(volume -> {
      String arguments = volume.arguments();
      List<String> paths = arguments.startsWith("[") ? new JsonArray(arguments).stream().map(Object::toString).toList()
        : List.of(arguments.split(" "));
      return paths.stream().map(path -> path.replaceAll("/$", "")).anyMatch(dataDir.replaceAll("/$", "")::equals);
    });
    return onVolume ? null : "PARLEY_DATA_DIR " + dataDir + " is not a VOLUME";
  }

  /** The image starts Parley as the Procfile and scripts/run do, through a shell (JAVA_OPTS) that execs Java (SIGTERM). */
  private String startCommand(Dockerfile file) {
    String image = imageCommand(file);
    if (image == null) {
      return "the final stage has no CMD";
    }
    if (!image.startsWith("exec ")) {
      return "the image's command does not exec Java, so Java would not receive SIGTERM: " + image;
    }
    String procfileCommand = procfile.lines().filter(line -> line.startsWith("web:")).findFirst()
      .map(line -> line.substring("web:".length())).orElse("");
    String runCommand = runScript.lines().map(String::strip).filter(line -> line.startsWith("exec ")).reduce((a, b) -> b).orElse("");
    String normal = normalised(image);
    if (!normal.equals(normalised(procfileCommand)) || !normal.equals(normalised(runCommand))) {
      return "the image runs `" + normal + "`, the Procfile `" + normalised(procfileCommand) + "`, scripts/run `"
        + normalised(runCommand) + "`";
    }
    return null;
  }

  /** The command as a shell line, or with "(no shell)" when nothing would expand $JAVA_OPTS. */
  static String imageCommand(Dockerfile file) {
    List<String> parts = new ArrayList<>();
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      Dockerfile.Instruction instruction = file.finalStage().last(keyword);
      if (instruction == null) {
        continue;
      }
      String arguments = instruction.arguments();
      if (arguments.startsWith("[")) {
        List<String> words = new JsonArray(arguments).stream().map(Object::toString).toList();
        boolean shell = words.size() == 3 && words.get(0).matches("(/bin/)?(ba)?sh") && words.get(1).equals("-c");
        parts.add(shell ? words.get(2) : "(no shell) " + String.join(" ", words));
      } else {
        parts.add(arguments);
      }
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  static String normalised(String command) {
    return command.strip()
      .replaceFirst("^exec ", "")
      .replace("${JAVA_OPTS:-}", "$JAVA_OPTS").replace("${JAVA_OPTS}", "$JAVA_OPTS")
      .replaceFirst("\\s+\"\\$@\"$", "")
      .replaceAll("\\s+", " ");
  }

  /** The options file the start command names is in the image, where the command, run from WORKDIR, reads it. */
  private static String jvmOptions(Dockerfile file) {
    boolean copied = file.finalStage().instructions().stream()
      .anyMatch(instruction -> instruction.keyword().equals("COPY") && instruction.arguments().endsWith(" " + JVM_OPTIONS));
    return copied ? null : "the final stage does not copy " + JVM_OPTIONS + ", which the start command reads";
  }

  /** The built jar lands where the start command, run from the final WORKDIR, looks for it. */
  private static String jarLocation(Dockerfile file) {
    Dockerfile.Instruction workdir = file.finalStage().last("WORKDIR");
    if (workdir == null) {
      return "the final stage sets no WORKDIR, so " + JAR + " is relative to nothing known";
    }
    String expected = workdir.arguments().replaceAll("/$", "") + "/" + JAR;
    String workdirSoFar = "/";
    for (Dockerfile.Instruction instruction : file.finalStage().instructions()) {
      if (instruction.keyword().equals("WORKDIR")) {
        workdirSoFar = instruction.arguments();
      } else if (instruction.keyword().equals("COPY") && instruction.arguments().startsWith("--from=")) {
        String[] words = instruction.arguments().split(" ");
        String source = words[words.length - 2];
        String target = words[words.length - 1];
        String absolute = target.startsWith("/") ? target : workdirSoFar.replaceAll("/$", "") + "/" + target;
        if (source.endsWith("/" + JAR) && absolute.equals(expected)) {
          return null;
        }
      }
    }
    return "no COPY --from puts the built " + JAR + " at " + expected;
  }

  /** ENV of the final stage, in both forms: {@code ENV A=1 B="x y"} and {@code ENV A 1}. */
  private static Map<String, String> finalEnv(Dockerfile file) {
    Map<String, String> env = new LinkedHashMap<>();
    file.finalStage().all("ENV").forEach(instruction -> env.putAll(variables(instruction)));
    return env;
  }

  private static Map<String, String> variables(Dockerfile.Instruction instruction) {
    Map<String, String> variables = new LinkedHashMap<>();
    String arguments = instruction.arguments();
    String firstWord = arguments.split(" ")[0];
    if (instruction.keyword().equals("ENV") && !firstWord.contains("=")) {
      variables.put(firstWord, arguments.substring(firstWord.length()).strip());
      return variables;
    }
    Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(\"[^\"]*\"|'[^']*'|\\S*))?").matcher(arguments);
    while (pair.find()) {
      String value = Objects.requireNonNullElse(pair.group(2), "");
      variables.put(pair.group(1), value.replaceAll("^[\"']|[\"']$", ""));
    }
    return variables;
  }
}
