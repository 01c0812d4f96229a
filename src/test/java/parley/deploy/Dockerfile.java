package parley.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as its instructions, grouped by stage: enough for {@link DockerfileRules}, not a full parser
 * (no heredocs, no escape directive). Comments go; a line ending in a backslash goes on on the next one.
 */
record Dockerfile(List<Instruction> preamble, List<Stage> stages) {

  /** One instruction: its keyword in capitals, and the rest of it as written. */
  record Instruction(String keyword, String arguments) {
  }

  /** From one FROM to the next: its base image, its name ({@code AS name}) or null, and its instructions. */
  record Stage(String image, String name, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? null : found.get(found.size() - 1);
    }
  }

  static Dockerfile parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      if (!pending.toString().isBlank()) {
        logical.add(pending.toString().strip().replaceAll("\\s+", " "));
      }
      pending.setLength(0);
    }
    List<Instruction> preamble = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    for (String line : logical) {
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : line.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        String[] words = arguments.split(" ");
        int image = words[0].startsWith("--") ? 1 : 0;
        String name = words.length > image + 2 && words[image + 1].equalsIgnoreCase("AS") ? words[image + 2] : null;
        stages.add(new Stage(words[image], name, new ArrayList<>()));
      } else if (stages.isEmpty()) {
        preamble.add(new Instruction(keyword, arguments));
      } else {
        stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
      }
    }
    return new Dockerfile(preamble, stages);
  }

  /** Every instruction, the ARGs before the first FROM included. */
  List<Instruction> instructions() {
    List<Instruction> all = new ArrayList<>(preamble);
    stages.forEach(stage -> all.addAll(stage.instructions()));
    return all;
  }

  Stage finalStage() {
    return stages.get(stages.size() - 1);
  }

  Stage stage(String name) {
    return stages.stream().filter(stage -> name.equals(stage.name())).findFirst().orElse(null);
  }
}
