package dev.bulwark.docker;

import dev.bulwark.docker.DockerfileSyntax.Flag;
import dev.bulwark.docker.DockerfileSyntax.Heredoc;
import dev.bulwark.docker.DockerfileSyntax.Instruction;
import dev.bulwark.docker.DockerfileSyntax.Problem;
import dev.bulwark.docker.VariableExpander.Binding;
import dev.bulwark.docker.VariableExpander.Expansion;
import dev.bulwark.docker.VariableExpander.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gives a parsed Dockerfile its meaning: build stages and what each builds on, ARG and ENV values
 * in scope at every instruction (substituted where Docker substitutes them, and in RUN the way the
 * shell will see them), the shell commands every RUN executes (including heredoc scripts and
 * {@code sh -c} strings), the packages those commands install, and every external image the
 * build pulls. The result is the plain-data variable tree rules see, and the line range of every
 * path a rule may report.
 *
 * <p>Scoping follows BuildKit: ARGs before the first FROM are visible in FROM lines only; a stage
 * sees an ARG after it declares it ({@code ARG NAME} alone takes the global default); ENV wins
 * over ARG and is inherited by stages built on the stage; all pairs of one ENV are expanded with
 * the values from before it. A variable whose value the file does not fix (an ARG without default,
 * an ENV of the base image) is unknown, and a value using it is unresolved.
 */
final class DockerfileModel {
    static final int MAX_COMMANDS_PER_INSTRUCTION = 1_000;
    static final int MAX_WORDS_PER_COMMAND = 1_000;
    static final int MAX_COMMANDS = 20_000;
    private static final int MAX_NESTING = 2;

    static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
    private static final Set<String> WRAPPERS = Set.of("exec", "command", "nohup", "time", "nice", "builtin");
    private static final Set<String> SUDO_OPTIONS_WITH_VALUE = Set.of("-u", "-g", "-C", "-h", "-p", "-U", "-r", "-t",
            "-D", "-T", "-R");
    private static final Set<String> SHELL_FORM_KEYWORDS = Set.of("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "SHELL");
    private static final Set<String> PLATFORM_ARGS = Set.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9._-]*");
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** A line range, 1-based, end column exclusive. */
    record Range(int startLine, int startColumn, int endLine, int endColumn) {}

    private final DockerfileSyntax syntax;
    private final char escape;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> limits = new ArrayList<>();
    private final Map<String, Range> ranges = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> stableKeys = new HashMap<>();
    private final List<Map<String, Object>> instructionMaps = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, Binding> globalArgs = new LinkedHashMap<>();
    private final Map<String, Object> allArgs = new TreeMap<>();
    private final List<Map<String, Object>> images = new ArrayList<>();
    private final List<Map<String, Object>> commands = new ArrayList<>();
    private final List<Map<String, Object>> packages = new ArrayList<>();
    private final List<Map<String, Object>> pairs = new ArrayList<>();
    private final Map<String, Integer> keyOccurrences = new HashMap<>();
    /** RUN heredocs that are executed as shell scripts. */
    private final List<Heredoc> scripts = new ArrayList<>();
    private boolean commandsTruncated;
    private int nextPipeline;
    private final Map<Integer, List<String>> pipelinePrograms = new HashMap<>();

    private DockerfileModel(DockerfileSyntax syntax) {
        this.syntax = syntax;
        this.escape = syntax.escape();
    }

    /** The variables, located paths and problems of one Dockerfile. */
    record Built(Map<String, Object> variables, Map<String, Range> ranges, Map<String, String> aliases,
                 Map<String, String> stableKeys, List<Problem> problems, List<String> limits) {}

    static Built build(DockerfileSyntax syntax) {
        return new DockerfileModel(syntax).run();
    }

    private Built run() {
        List<Instruction> instructions = syntax.instructions();
        for (Instruction instruction : instructions) {
            visit(instruction);
        }
        if (stages.isEmpty()) {
            int line = instructions.isEmpty() ? 1 : instructions.get(0).startLine();
            problems.add(new Problem(line, 1, "no FROM instruction: a Dockerfile needs at least one build stage"));
        }
        markFinalImage();
        List<Object> stageMaps = new ArrayList<>();
        for (Stage stage : stages) {
            stageMaps.add(stage.finish());
        }
        Map<String, Object> finalStage = stages.isEmpty() ? emptyStage() : stages.get(stages.size() - 1).map;
        if (!stages.isEmpty()) {
            aliases.put("finalStage", "stages[" + (stages.size() - 1) + "]");
        }
        Map<String, Object> env = new TreeMap<>();
        if (!stages.isEmpty()) {
            stages.get(stages.size() - 1).env.forEach((name, binding) -> env.put(name, binding.value()));
        }
        if (syntax.truncated()) {
            limits.add("only the first " + DockerfileParser.MAX_INSTRUCTIONS + " instructions are checked");
        }
        if (commandsTruncated) {
            limits.add("shell commands beyond the limits (" + MAX_COMMANDS + " in a file, " + MAX_COMMANDS_PER_INSTRUCTION
                    + " in an instruction, " + MAX_WORDS_PER_COMMAND + " words in a command) are not checked");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("directives", new TreeMap<>(syntax.directives()));
        variables.put("stages", stageMaps);
        variables.put("finalStage", finalStage);
        variables.put("instructions", new ArrayList<Object>(instructionMaps));
        variables.put("commands", new ArrayList<Object>(commands));
        variables.put("packages", new ArrayList<Object>(packages));
        variables.put("images", new ArrayList<Object>(images));
        variables.put("pairs", new ArrayList<Object>(pairs));
        variables.put("args", allArgs);
        variables.put("env", env);
        variables.putAll(DockerfileFacts.derive(instructionMaps, commands, pairs, images));
        return new Built(variables, ranges, aliases, stableKeys, problems, limits);
    }

    // ---- instructions ----

    private void visit(Instruction instruction) {
        int index = instructionMaps.size();
        String path = "instructions[" + index + "]";
        String keyword = instruction.keyword();
        ranges.put(path, new Range(instruction.startLine(), instruction.column(), instruction.endLine(), instruction.endColumn()));

        if (keyword.equals("FROM")) {
            startStage(instruction, path);
        }
        Stage stage = stages.isEmpty() ? null : stages.get(stages.size() - 1);
        if (stage == null && !keyword.equals("ARG") && !keyword.equals("FROM")) {
            problems.add(new Problem(instruction.startLine(), instruction.column(),
                    "only ARG may come before the first FROM, found " + keyword));
        }
        Scope scope = stage == null || keyword.equals("FROM") ? this::globalLookup : stage::lookup;

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("index", (long) index);
        map.put("keyword", keyword);
        map.put("arguments", instruction.argumentText());
        boolean shellForm = SHELL_FORM_KEYWORDS.contains(keyword);
        Expansion resolved = keyword.equals("ONBUILD")
                ? new Expansion(instruction.argumentText(), true, true)
                : VariableExpander.expand(instruction.argumentText(), scope, shellForm ? '\\' : escape, false, shellForm);
        map.put("resolvedArguments", resolved.text());
        map.put("resolved", resolved.resolved());
        map.put("flags", flags(instruction, scope));
        map.put("mounts", mounts(instruction, scope));
        if (instruction.isExecForm()) {
            map.put("json", new ArrayList<Object>(instruction.json()));
        }
        map.put("heredocs", new ArrayList<>());
        map.put("commands", new ArrayList<>());
        map.put("pairs", new ArrayList<>());
        map.put("sources", new ArrayList<>());
        map.put("destination", "");
        map.put("ports", new ArrayList<>());
        map.put("stage", stage == null ? -1L : (long) stage.index);
        map.put("inFinalImage", false);
        map.put("path", path);
        instructionMaps.add(map);
        if (stage != null) {
            stage.instructions.add(map);
            stage.lastLine = instruction.endLine();
        }
        stableKeys.put(path, stableKey(stage, keyword, instruction.argumentText()));

        switch (keyword) {
            case "FROM" -> { }
            case "ARG" -> args(instruction, map, stage, scope);
            case "ENV", "LABEL" -> env(instruction, map, stage, scope);
            case "RUN" -> run(instruction, map, stage, scope);
            case "COPY", "ADD" -> copy(instruction, map, stage, scope);
            case "USER" -> user(instruction, map, stage, scope);
            case "EXPOSE" -> expose(instruction, map, scope);
            case "SHELL" -> {
                if (stage != null && instruction.isExecForm() && !instruction.json().isEmpty()) {
                    String program = basename(instruction.json().get(0).replace('\\', '/')).toLowerCase(Locale.ROOT);
                    if (program.endsWith(".exe")) {
                        program = program.substring(0, program.length() - ".exe".length());
                    }
                    stage.posixShell = SHELLS.contains(program);
                }
            }
            case "HEALTHCHECK" -> {
                if (stage != null) {
                    stage.healthcheckPath = path;
                }
            }
            case "ONBUILD" -> {
                Instruction trigger = instruction.trigger();
                if (trigger != null) {
                    map.put("trigger", Map.of("keyword", trigger.keyword(), "arguments", trigger.argumentText()));
                }
            }
            default -> { }
        }
        heredocs(instruction, map);
    }

    private String stableKey(Stage stage, String keyword, String arguments) {
        String stageKey = stage == null ? "global" : stage.key();
        String base = stageKey + "/" + keyword + "#" + hash(arguments.strip().replaceAll("\\s+", " "));
        int occurrence = keyOccurrences.merge(base, 1, Integer::sum);
        return base + "#" + occurrence;
    }

    private static String hash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Map<String, Object> flags(Instruction instruction, Scope scope) {
        Map<String, Object> flags = new TreeMap<>();
        for (Flag flag : instruction.flags()) {
            String value = flag.value() == null ? "true" : VariableExpander.expand(flag.value(), scope, escape, false, false).text();
            flags.put(flag.name(), value);
        }
        return flags;
    }

    private List<Object> mounts(Instruction instruction, Scope scope) {
        List<Object> mounts = new ArrayList<>();
        for (Flag flag : instruction.flags()) {
            if (!flag.name().equals("mount") || flag.value() == null) {
                continue;
            }
            Map<String, Object> mount = new TreeMap<>();
            mount.put("type", "bind");
            mount.put("target", "");
            for (String part : VariableExpander.expand(flag.value(), scope, escape, false, false).text().split(",")) {
                int equals = part.indexOf('=');
                String key = (equals < 0 ? part : part.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "true" : part.substring(equals + 1).strip();
                key = switch (key) {
                    case "dst", "destination" -> "target";
                    case "src" -> "source";
                    default -> key;
                };
                if (!key.isEmpty()) {
                    mount.put(key, value);
                }
            }
            mounts.add(mount);
        }
        return mounts;
    }

    // ---- stages ----

    private void startStage(Instruction instruction, String path) {
        int index = stages.size();
        List<String> words = new ArrayList<>();
        List<Expansion> expanded = new ArrayList<>();
        for (int[] word : words(instruction.bodyText())) {
            String raw = instruction.bodyText().substring(word[0], word[1]);
            Expansion expansion = VariableExpander.expand(raw, this::globalLookup, escape, true, false);
            words.add(expansion.text());
            expanded.add(expansion);
        }
        String image = "";
        boolean resolved = false;
        String name = "";
        if (words.isEmpty()) {
            problems.add(new Problem(instruction.startLine(), instruction.column(), "FROM needs a base image"));
        } else {
            image = words.get(0);
            resolved = expanded.get(0).resolved();
            if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
                name = words.get(2).toLowerCase(Locale.ROOT);
                if (!STAGE_NAME.matcher(name).matches()) {
                    problems.add(new Problem(instruction.startLine(), instruction.column(), "invalid stage name '"
                            + DockerfileParser.shorten(words.get(2)) + "': use a letter followed by letters, digits, '.', '_' or '-'"));
                }
                for (Stage earlier : stages) {
                    if (earlier.name.equals(name)) {
                        problems.add(new Problem(instruction.startLine(), instruction.column(),
                                "duplicate stage name '" + name + "' (also used by stage " + earlier.index + ")"));
                    }
                }
            } else if (words.size() != 1) {
                problems.add(new Problem(instruction.startLine(), instruction.column(),
                        "FROM takes an image optionally followed by 'AS name'"));
            }
        }
        boolean scratch = image.equalsIgnoreCase("scratch");
        Stage base = resolved ? stageNamed(image.toLowerCase(Locale.ROOT)) : null;
        Stage stage = new Stage(index, name, base);
        stage.map.put("index", (long) index);
        stage.map.put("name", name);
        stage.map.put("from", image);
        stage.map.put("fromResolved", resolved);
        stage.map.put("fromPath", path);
        stage.map.put("baseIsStage", base != null || scratch);
        stage.map.put("baseStage", base == null ? -1L : (long) base.index);
        stage.map.put("scratch", scratch);
        stage.map.put("baseImage", base == null ? image : base.map.get("baseImage"));
        String platform = "";
        for (Flag flag : instruction.flags()) {
            if (flag.name().equals("platform") && flag.value() != null) {
                platform = VariableExpander.expand(flag.value(), this::globalLookup, escape, false, false).text();
            }
        }
        stage.map.put("platform", platform);
        stage.map.put("path", "stages[" + index + "]");
        stage.lastLine = instruction.endLine();
        stage.firstLine = instruction.startLine();
        stage.firstColumn = instruction.column();
        stages.add(stage);
        if (base == null && !scratch && !image.isEmpty()) {
            addImage(image, resolved, path, index, "FROM");
        }
    }

    private Stage stageNamed(String reference) {
        for (Stage stage : stages) {
            if (!stage.name.isEmpty() && stage.name.equals(reference)) {
                return stage;
            }
        }
        return null;
    }

    /** The earlier stage a {@code --from} value names (by name or index), or null for an image. */
    private Stage stageReference(String reference, int currentStage) {
        if (!reference.isEmpty() && reference.chars().allMatch(Character::isDigit) && reference.length() < 6) {
            int number = Integer.parseInt(reference);
            return number < currentStage ? stages.get(number) : null;
        }
        return stageNamed(reference.toLowerCase(Locale.ROOT));
    }

    private void addImage(String reference, boolean resolved, String path, int stage, String via) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("ref", reference);
        image.put("resolved", resolved);
        image.put("path", path);
        image.put("stage", (long) stage);
        image.put("via", via);
        image.put("inFinalImage", false);
        aliases.put("images[" + images.size() + "]", path);
        images.add(image);
    }

    private void markFinalImage() {
        if (stages.isEmpty()) {
            return;
        }
        Stage stage = stages.get(stages.size() - 1);
        stage.map.put("final", true);
        int guard = 0;
        while (stage != null && guard++ <= stages.size()) {
            stage.inFinalImage = true;
            stage = stage.base;
        }
        for (Stage each : stages) {
            for (Map<String, Object> instruction : each.instructions) {
                instruction.put("inFinalImage", each.inFinalImage);
            }
        }
        for (Map<String, Object> command : commands) {
            int stageIndex = ((Long) command.get("stage")).intValue();
            command.put("inFinalImage", stageIndex >= 0 && stages.get(stageIndex).inFinalImage);
        }
        for (Map<String, Object> image : images) {
            image.put("inFinalImage", stages.get(((Long) image.get("stage")).intValue()).inFinalImage);
        }
        for (Map<String, Object> found : pairs) {
            int stageIndex = ((Long) found.get("stage")).intValue();
            found.put("inFinalImage", stageIndex >= 0 && stages.get(stageIndex).inFinalImage);
        }
        for (Map<String, Object> found : packages) {
            int stageIndex = ((Long) found.get("stage")).intValue();
            found.put("inFinalImage", stageIndex >= 0 && stages.get(stageIndex).inFinalImage);
        }
    }

    private static Map<String, Object> emptyStage() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("index", -1L);
        map.put("name", "");
        map.put("from", "");
        map.put("fromResolved", false);
        map.put("fromPath", "");
        map.put("baseIsStage", false);
        map.put("baseStage", -1L);
        map.put("scratch", false);
        map.put("baseImage", "");
        map.put("platform", "");
        map.put("path", "");
        map.put("instructions", List.of());
        map.put("user", "");
        map.put("userName", "");
        map.put("userPath", "");
        map.put("healthcheck", false);
        map.put("healthcheckPath", "");
        map.put("env", Map.of());
        map.put("final", true);
        map.put("inFinalImage", true);
        return map;
    }

    private Binding globalLookup(String name) {
        Binding binding = globalArgs.get(name);
        if (binding != null) {
            return binding;
        }
        return PLATFORM_ARGS.contains(name) ? Binding.UNKNOWN : Binding.UNSET;
    }

    /** One build stage while the file is read. */
    private final class Stage {
        final int index;
        final String name;
        final Stage base;
        final Map<String, Object> map = new LinkedHashMap<>();
        final Map<String, Binding> env = new LinkedHashMap<>();
        final Map<String, Binding> args = new LinkedHashMap<>();
        final List<Map<String, Object>> instructions = new ArrayList<>();
        String user = "";
        String userPath = "";
        boolean posixShell = true;
        String healthcheckPath = "";
        boolean inFinalImage;
        int firstLine;
        int firstColumn;
        int lastLine;

        Stage(int index, String name, Stage base) {
            this.index = index;
            this.name = name;
            this.base = base;
            if (base != null) {
                env.putAll(base.env);
                user = base.user;
                userPath = base.userPath;
                healthcheckPath = base.healthcheckPath;
                posixShell = base.posixShell;
            }
        }

        String key() {
            return name.isEmpty() ? "stage" + index : name;
        }

        Binding lookup(String variable) {
            Binding binding = env.get(variable);
            if (binding == null) {
                binding = args.get(variable);
            }
            return binding == null ? Binding.UNKNOWN : binding;
        }

        Map<String, Object> finish() {
            map.put("instructions", new ArrayList<Object>(instructions));
            map.put("user", user);
            int colon = user.indexOf(':');
            map.put("userName", colon < 0 ? user : user.substring(0, colon));
            map.put("userPath", userPath);
            map.put("healthcheck", !healthcheckPath.isEmpty());
            map.put("healthcheckPath", healthcheckPath);
            Map<String, Object> environment = new TreeMap<>();
            env.forEach((key, binding) -> environment.put(key, binding.value()));
            map.put("env", environment);
            map.putIfAbsent("final", false);
            map.put("inFinalImage", inFinalImage);
            ranges.put("stages[" + index + "]", new Range(firstLine, firstColumn, lastLine, Integer.MAX_VALUE));
            stableKeys.put("stages[" + index + "]", "stage:" + key());
            return map;
        }
    }

    // ---- ARG, ENV, LABEL ----

    private void args(Instruction instruction, Map<String, Object> map, Stage stage, Scope scope) {
        List<Object> pairs = listOf(map, "pairs");
        String body = instruction.bodyText();
        List<int[]> words = words(body);
        if (words.isEmpty()) {
            problems.add(new Problem(instruction.startLine(), instruction.column(), "ARG needs a name"));
        }
        for (int[] word : words) {
            String raw = body.substring(word[0], word[1]);
            int equals = raw.indexOf('=');
            String name = equals < 0 ? raw : raw.substring(0, equals);
            int offset = instruction.body() + word[0];
            if (!ARG_NAME.matcher(name).matches()) {
                problems.add(new Problem(instruction.arguments().lineAt(offset), instruction.arguments().columnAt(offset),
                        "invalid ARG name '" + DockerfileParser.shorten(name) + "'"));
                continue;
            }
            Binding binding;
            Expansion value = null;
            if (equals >= 0) {
                value = VariableExpander.expand(raw.substring(equals + 1), scope, escape, true, false);
                binding = value.resolved() ? Binding.of(value.text()) : new Binding(VariableExpander.State.UNKNOWN, value.text());
            } else if (stage != null && globalArgs.containsKey(name)) {
                binding = globalArgs.get(name);
            } else {
                binding = Binding.UNKNOWN;
            }
            if (stage == null) {
                globalArgs.put(name, binding);
            } else {
                stage.args.put(name, binding);
            }
            allArgs.put(name, value == null ? "" : value.text());
            pairs.add(pair(map, pairs.size(), name, value == null ? "" : value.text(), value != null,
                    value == null || value.literal(), value == null || value.resolved(), instruction, offset));
        }
    }

    private void env(Instruction instruction, Map<String, Object> map, Stage stage, Scope scope) {
        List<Object> pairs = listOf(map, "pairs");
        String keyword = instruction.keyword();
        String body = instruction.bodyText();
        List<int[]> words = words(body);
        if (words.isEmpty()) {
            problems.add(new Problem(instruction.startLine(), instruction.column(), keyword + " needs name=value pairs"));
            return;
        }
        Map<String, Binding> assigned = new LinkedHashMap<>();
        String first = body.substring(words.get(0)[0], words.get(0)[1]);
        if (!first.contains("=")) {
            // Legacy form: ENV NAME value with spaces
            String rest = body.substring(DockerfileParser.skipBlanks(body, words.get(0)[1]));
            int offset = instruction.body() + words.get(0)[0];
            if (rest.isEmpty()) {
                problems.add(new Problem(instruction.arguments().lineAt(offset), instruction.arguments().columnAt(offset),
                        keyword + " " + DockerfileParser.shorten(first) + " needs a value: write " + keyword + " "
                                + DockerfileParser.shorten(first) + "=value"));
                return;
            }
            String name = DockerfileParser.unquote(first, escape);
            Expansion value = VariableExpander.expand(rest, scope, escape, true, false);
            assigned.put(name, binding(value));
            pairs.add(pair(map, pairs.size(), name, value.text(), true, value.literal(), value.resolved(), instruction, offset));
        } else {
            for (int[] word : words) {
                String raw = body.substring(word[0], word[1]);
                int offset = instruction.body() + word[0];
                int equals = raw.indexOf('=');
                if (equals <= 0) {
                    problems.add(new Problem(instruction.arguments().lineAt(offset), instruction.arguments().columnAt(offset),
                            keyword + " expects name=value pairs, found '" + DockerfileParser.shorten(raw) + "'"));
                    continue;
                }
                String name = DockerfileParser.unquote(raw.substring(0, equals), escape);
                Expansion value = VariableExpander.expand(raw.substring(equals + 1), scope, escape, true, false);
                assigned.put(name, binding(value));
                pairs.add(pair(map, pairs.size(), name, value.text(), true, value.literal(), value.resolved(), instruction, offset));
            }
        }
        if (keyword.equals("ENV") && stage != null) {
            stage.env.putAll(assigned);
        }
    }

    private static Binding binding(Expansion value) {
        return value.resolved() ? Binding.of(value.text()) : new Binding(VariableExpander.State.UNKNOWN, value.text());
    }

    private Map<String, Object> pair(Map<String, Object> instruction, int number, String key, String value, boolean hasValue,
                                     boolean literal, boolean resolved, Instruction source, int offset) {
        String path = instruction.get("path") + ".pairs[" + number + "]";
        int line = source.arguments().lineAt(offset);
        ranges.put(path, new Range(line, source.arguments().columnAt(offset), line, Integer.MAX_VALUE));
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("key", key);
        pair.put("value", value);
        pair.put("hasValue", hasValue);
        pair.put("literal", literal);
        pair.put("resolved", resolved);
        pair.put("path", path);
        pair.put("keyword", source.keyword());
        pair.put("instruction", instruction.get("index"));
        pair.put("stage", instruction.get("stage"));
        pair.put("inFinalImage", false);
        aliases.put("pairs[" + pairs.size() + "]", path);
        pairs.add(pair);
        return pair;
    }

    // ---- USER, EXPOSE, COPY/ADD ----

    private void user(Instruction instruction, Map<String, Object> map, Stage stage, Scope scope) {
        List<String> words = expandedWords(instruction.bodyText(), scope);
        if (words.isEmpty()) {
            problems.add(new Problem(instruction.startLine(), instruction.column(), "USER needs a user name or id"));
            return;
        }
        if (stage != null) {
            stage.user = words.get(0);
            stage.userPath = (String) map.get("path");
        }
    }

    private void expose(Instruction instruction, Map<String, Object> map, Scope scope) {
        List<Object> ports = listOf(map, "ports");
        for (String word : expandedWords(instruction.bodyText(), scope)) {
            int slash = word.indexOf('/');
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("port", slash < 0 ? word : word.substring(0, slash));
            port.put("protocol", slash < 0 ? "tcp" : word.substring(slash + 1).toLowerCase(Locale.ROOT));
            ports.add(port);
        }
    }

    private void copy(Instruction instruction, Map<String, Object> map, Stage stage, Scope scope) {
        List<String> words = instruction.isExecForm()
                ? new ArrayList<>(instruction.json())
                : expandedWords(instruction.bodyText(), scope);
        if (words.size() < 2) {
            problems.add(new Problem(instruction.startLine(), instruction.column(),
                    instruction.keyword() + " needs at least one source and a destination"));
        } else {
            listOf(map, "sources").addAll(words.subList(0, words.size() - 1));
            map.put("destination", words.get(words.size() - 1));
        }
        long fromStage = -1;
        for (Flag flag : instruction.flags()) {
            if (flag.name().equals("from") && flag.value() != null && stage != null) {
                Expansion reference = VariableExpander.expand(flag.value(), scope, escape, false, false);
                Stage source = reference.resolved() ? stageReference(reference.text(), stage.index) : null;
                if (source != null) {
                    fromStage = source.index;
                } else if (!reference.text().isEmpty()) {
                    addImage(reference.text(), reference.resolved(), (String) map.get("path"), stage.index, "COPY --from");
                }
            }
        }
        map.put("fromStage", fromStage);
    }

    // ---- RUN ----

    private void run(Instruction instruction, Map<String, Object> map, Stage stage, Scope scope) {
        String path = (String) map.get("path");
        for (Object mount : listOf(map, "mounts")) {
            Object from = ((Map<?, ?>) mount).get("from");
            if (from instanceof String reference && !reference.isEmpty() && stage != null
                    && stageReference(reference, stage.index) == null) {
                addImage(reference, !reference.contains("$"), path, stage.index, "RUN --mount");
            }
        }
        Commands sink = new Commands(map, stage, scope);
        Range whole = ranges.get(path);
        if (instruction.isExecForm()) {
            sink.add(instruction.json(), String.join(" ", instruction.json()), whole, nextPipeline++, 0, false);
            return;
        }
        if (stage != null && !stage.posixShell) {
            // SHELL switched to PowerShell or cmd: the text is not POSIX shell code.
            return;
        }
        String body = instruction.bodyText();
        ShellSyntax.Result parsed = ShellSyntax.parse(body, MAX_COMMANDS_PER_INSTRUCTION, MAX_WORDS_PER_COMMAND);
        commandsTruncated |= parsed.truncated();
        sink.addAll(parsed, body, instruction.arguments(), instruction.body(), 0);
        List<Heredoc> heredocs = instruction.heredocs();
        for (int i = 0; i < heredocs.size(); i++) {
            Heredoc heredoc = heredocs.get(i);
            if (isScript(heredoc, i, parsed)) {
                ShellSyntax.Result script = ShellSyntax.parse(heredoc.content(), MAX_COMMANDS_PER_INSTRUCTION, MAX_WORDS_PER_COMMAND);
                commandsTruncated |= script.truncated();
                sink.addAll(script, heredoc.content(), heredoc.body(), 0, 0);
                scripts.add(heredoc);
            }
        }
    }

    /** Whether a RUN heredoc is shell code that runs, rather than data fed to a program. */
    private boolean isScript(Heredoc heredoc, int number, ShellSyntax.Result commandLine) {
        if (commandLine.commands().isEmpty()) {
            return number == 0 && !hasNonShellInterpreter(heredoc.content());
        }
        for (ShellSyntax.Command command : commandLine.commands()) {
            if (!command.heredocs().contains(heredoc.delimiter())) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (ShellSyntax.Word word : command.words()) {
                words.add(DockerfileParser.unquote(word.raw(), '\\'));
            }
            ProgramCall call = ProgramCall.of(words);
            if (SHELLS.contains(call.program()) && scriptArgument(call.args()) < 0) {
                boolean readsStdin = true;
                for (String arg : call.args()) {
                    if (!arg.startsWith("-") && !arg.startsWith("+")) {
                        readsStdin = false;
                    }
                    if (arg.equals("-s")) {
                        return true;
                    }
                }
                return readsStdin;
            }
        }
        return false;
    }

    private static boolean hasNonShellInterpreter(String content) {
        if (!content.startsWith("#!")) {
            return false;
        }
        int end = content.indexOf('\n');
        String[] parts = content.substring(2, end < 0 ? content.length() : end).strip().split("[ \t]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return false;
        }
        String interpreter = basename(parts[0]);
        if (interpreter.equals("env")) {
            interpreter = "";
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].startsWith("-")) {
                    interpreter = basename(parts[i]);
                    break;
                }
            }
        }
        return !SHELLS.contains(interpreter);
    }

    /** The index of the script string of {@code sh -c script}, or -1 when the shell gets no -c. */
    static int scriptArgument(List<String> args) {
        boolean command = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 1) {
                if (arg.indexOf('c') > 0) {
                    command = true;
                }
                continue;
            }
            if (arg.startsWith("+") || arg.startsWith("--")) {
                continue;
            }
            return command ? i : -1;
        }
        return -1;
    }

    /** Turns shell commands of one RUN instruction into command maps. */
    private final class Commands {
        private final Map<String, Object> instruction;
        private final Stage stage;
        private final Scope scope;
        private final List<Object> list;

        Commands(Map<String, Object> instruction, Stage stage, Scope scope) {
            this.instruction = instruction;
            this.stage = stage;
            this.scope = scope;
            this.list = listOf(instruction, "commands");
        }

        void addAll(ShellSyntax.Result parsed, String code, SourceText source, int base, int depth) {
            Map<Integer, Integer> pipelines = new HashMap<>();
            for (ShellSyntax.Command command : parsed.commands()) {
                List<String> words = new ArrayList<>(command.words().size());
                for (ShellSyntax.Word word : command.words()) {
                    words.add(VariableExpander.expand(word.raw(), scope, '\\', true, true).text());
                }
                Range range = source == null
                        ? null
                        : new Range(source.lineAt(base + command.start()), source.columnAt(base + command.start()),
                                source.lineAt(base + command.end() - 1), source.columnAt(base + command.end() - 1) + 1);
                int pipeline = pipelines.computeIfAbsent(command.pipeline(), key -> nextPipeline++);
                add(words, code.substring(command.start(), command.end()), range, pipeline, command.position(), depth > 0);
            }
        }

        void add(List<String> words, String text, Range range, int pipeline, int position, boolean nested) {
            if (commands.size() >= MAX_COMMANDS || list.size() >= MAX_COMMANDS_PER_INSTRUCTION) {
                commandsTruncated = true;
                return;
            }
            ProgramCall call = ProgramCall.of(words);
            PackageManagers.Parsed tool = PackageManagers.parse(call.program(), call.args());
            String path = instruction.get("path") + ".commands[" + list.size() + "]";
            Range located = range == null ? ranges.get((String) instruction.get("path")) : range;
            ranges.put(path, located);
            aliases.put("commands[" + commands.size() + "]", path);
            long stageIndex = stage == null ? -1L : stage.index;
            long instructionIndex = (Long) instruction.get("index");

            Map<String, Object> command = new LinkedHashMap<>();
            command.put("path", path);
            command.put("instruction", instructionIndex);
            command.put("stage", stageIndex);
            command.put("inFinalImage", false);
            command.put("text", text);
            command.put("words", new ArrayList<Object>(words));
            command.put("program", call.program());
            command.put("manager", tool.manager());
            command.put("args", new ArrayList<Object>(call.args()));
            command.put("subcommand", tool.subcommand());
            command.put("operands", new ArrayList<Object>(tool.operands()));
            command.put("sudo", call.sudo());
            List<String> upstream = pipelinePrograms.computeIfAbsent(pipeline, key -> new ArrayList<>());
            command.put("pipedFrom", new ArrayList<Object>(upstream));
            upstream.add(call.program());
            command.put("pipeline", (long) pipeline);
            command.put("position", (long) position);
            command.put("nested", nested);
            List<Object> found = new ArrayList<>();
            for (PackageManagers.Package requested : tool.packages()) {
                String packagePath = path + ".packages[" + found.size() + "]";
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("manager", requested.manager());
                entry.put("name", requested.name());
                entry.put("version", requested.version());
                entry.put("path", packagePath);
                entry.put("command", path);
                entry.put("instruction", instructionIndex);
                entry.put("stage", stageIndex);
                entry.put("inFinalImage", false);
                aliases.put("packages[" + packages.size() + "]", packagePath);
                packages.add(entry);
                found.add(entry);
            }
            command.put("packages", found);
            list.add(command);
            commands.add(command);

            int script = SHELLS.contains(call.program()) ? scriptArgument(call.args()) : -1;
            if (script >= 0 && !nested) {
                String code = call.args().get(script);
                ShellSyntax.Result inner = ShellSyntax.parse(code, MAX_COMMANDS_PER_INSTRUCTION, MAX_WORDS_PER_COMMAND);
                commandsTruncated |= inner.truncated();
                Map<Integer, Integer> pipelines = new HashMap<>();
                for (ShellSyntax.Command each : inner.commands()) {
                    List<String> innerWords = new ArrayList<>();
                    for (ShellSyntax.Word word : each.words()) {
                        innerWords.add(VariableExpander.expand(word.raw(), scope, '\\', true, true).text());
                    }
                    int innerPipeline = pipelines.computeIfAbsent(each.pipeline(), key -> nextPipeline++);
                    add(innerWords, code.substring(each.start(), each.end()), located, innerPipeline, each.position(), true);
                }
            }
        }
    }

    /** The program a command runs, looking through variable assignments and sudo, env, exec, nohup, .... */
    record ProgramCall(String program, List<String> args, boolean sudo) {
        static ProgramCall of(List<String> words) {
            int k = 0;
            int count = words.size();
            boolean sudo = false;
            while (k < count && isAssignment(words.get(k))) {
                k++;
            }
            while (k < count) {
                String base = basename(words.get(k));
                if (base.equals("sudo") || base.equals("doas")) {
                    sudo = true;
                    k++;
                    while (k < count && words.get(k).startsWith("-")) {
                        String option = words.get(k++);
                        if (option.equals("--")) {
                            break;
                        }
                        if (SUDO_OPTIONS_WITH_VALUE.contains(option) && k < count) {
                            k++;
                        }
                    }
                } else if (base.equals("env")) {
                    k++;
                    while (k < count && (words.get(k).startsWith("-") || isAssignment(words.get(k)))) {
                        String option = words.get(k++);
                        if ((option.equals("-u") || option.equals("-C") || option.equals("-S")) && k < count) {
                            k++;
                        }
                    }
                } else if (WRAPPERS.contains(base)) {
                    k++;
                    while (k < count && words.get(k).startsWith("-")) {
                        String option = words.get(k++);
                        if ((option.equals("-n") || option.equals("-a")) && k < count) {
                            k++;
                        }
                    }
                } else {
                    break;
                }
            }
            if (k >= count) {
                return new ProgramCall("", List.of(), sudo);
            }
            return new ProgramCall(basename(words.get(k)), List.copyOf(words.subList(k + 1, count)), sudo);
        }
    }

    private static boolean isAssignment(String word) {
        if (word.isEmpty() || !VariableExpander.isNameStart(word.charAt(0))) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '=') {
                return true;
            }
            if (!VariableExpander.isNamePart(c)) {
                return false;
            }
        }
        return false;
    }

    static String basename(String word) {
        int slash = word.lastIndexOf('/');
        return slash < 0 ? word : word.substring(slash + 1);
    }

    // ---- heredocs ----

    private void heredocs(Instruction instruction, Map<String, Object> map) {
        List<Object> list = listOf(map, "heredocs");
        for (Heredoc heredoc : instruction.heredocs()) {
            String path = map.get("path") + ".heredocs[" + list.size() + "]";
            int start = Math.min(heredoc.startLine(), heredoc.endLine());
            ranges.put(path, new Range(start, 1, heredoc.endLine(), Integer.MAX_VALUE));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("delimiter", heredoc.delimiter());
            entry.put("content", heredoc.content());
            entry.put("quoted", heredoc.quoted());
            entry.put("script", scripts.contains(heredoc));
            entry.put("path", path);
            list.add(entry);
        }
    }

    // ---- words ----

    /** Offsets {@code [start, end]} of the whitespace-separated words of {@code text}. */
    private List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        int position = DockerfileParser.skipBlanks(text, 0);
        while (position < text.length()) {
            int end = DockerfileParser.wordEnd(text, position, escape);
            words.add(new int[] {position, end});
            position = DockerfileParser.skipBlanks(text, end);
        }
        return words;
    }

    private List<String> expandedWords(String text, Scope scope) {
        List<String> expanded = new ArrayList<>();
        for (int[] word : words(text)) {
            expanded.add(VariableExpander.expand(text.substring(word[0], word[1]), scope, escape, true, false).text());
        }
        return expanded;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Map<String, Object> map, String key) {
        return (List<Object>) map.get(key);
    }
}
