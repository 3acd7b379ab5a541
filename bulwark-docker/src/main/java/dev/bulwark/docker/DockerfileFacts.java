package dev.bulwark.docker;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Derived variables: the items of {@code instructions}, {@code commands} and {@code pairs} again,
 * grouped by what rules look for (an index by program, keyword or flag) or selected by a fact
 * about them (a command runs through sudo, a RUN step fills a package cache it does not clear).
 * Every entry is the same map as in the flat list, so its {@code path} reports it on its own line.
 *
 * <p>Design: a CEL comprehension costs one to three microseconds per element and every function
 * call (an {@code ==}, an {@code in}, a {@code matches}) about one more, on the C1-only JVM the
 * CLI runs on. Checks that scanned every command, pair or instruction for the few that matter
 * spent most of a scan doing that. The selections here are the conditions those checks tested,
 * computed once per file; the regular expressions are theirs, run on RE2J, the engine CEL uses,
 * so an item is selected exactly when the check's condition held. Judgements that are cheap on
 * the few selected items (final image or not, option present or not, the value of a pair) stay
 * in the checks.
 */
final class DockerfileFacts {
    private static final Set<String> APT = Set.of("apt-get", "apt", "aptitude");
    private static final Set<String> APT_GET = Set.of("apt-get", "apt");
    private static final Set<String> APK = Set.of("apk");
    private static final Set<String> RPM = Set.of("yum", "dnf", "dnf5", "microdnf", "tdnf");
    private static final Set<String> RPM_TOOLS = Set.of("yum", "dnf", "dnf5", "microdnf", "tdnf", "rpm", "zypper");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget");
    private static final Set<String> SOURCING = Set.of("eval", "source", ".");
    private static final Set<String> CACHE_MOUNTS = Set.of("cache", "tmpfs");

    private static final Pattern SCRIPT_OPTION = Pattern.compile("^-[A-Za-z]*c[A-Za-z]*$");
    private static final Pattern STDIN_INTERPRETER = Pattern.compile("^(python[0-9.]*|perl|ruby|node|php)$");
    private static final Pattern DOWNLOAD_SUBSTITUTION = Pattern.compile("(\\$\\(|<\\(|`)\\s*(curl|wget)\\s");

    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|SECRET|TOKEN|APIKEY"
            + "|API_KEY|PRIVATE_KEY|PRIVATEKEY|ACCESS_KEY|SECRET_KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_TOKEN)(_|$)");
    private static final Pattern DESCRIPTIVE_SUFFIX = Pattern.compile("_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|NAME|ID|TYPE"
            + "|LENGTH|LEN|SIZE|ENABLED|DISABLED|REQUIRED|HEADER|ALGORITHM|TTL|EXPIRY|EXPIRES|EXPIRATION|TIMEOUT|USER|USERNAME"
            + "|PREFIX|VERSION|MODE|LOCATION|FORMAT|FIELD|POLICY|MIN|MAX|COUNT|ENV|VAR)$");
    private static final Set<String> VERIFICATION_SETTINGS = Set.of("NODE_TLS_REJECT_UNAUTHORIZED", "GIT_SSL_NO_VERIFY",
            "PYTHONHTTPSVERIFY", "NPM_CONFIG_STRICT_SSL", "PIP_TRUSTED_HOST");

    private static final Set<String> APT_INSECURE_OPTIONS = Set.of("--allow-unauthenticated", "--force-yes",
            "--allow-insecure-repositories");
    private static final Pattern APT_INSECURE_SETTING = Pattern.compile("(?i)(AllowUnauthenticated|AllowInsecureRepositories)=(true|1|yes)");
    private static final Pattern APT_NO_PEER_CHECK = Pattern.compile("(?i)Verify-(Peer|Host)=(false|0|no)");
    private static final Set<String> RPM_INSECURE_OPTIONS = Set.of("--nogpgcheck", "--nosignature", "--nodigest", "--no-gpg-checks");
    private static final Pattern RPM_INSECURE_SETTING = Pattern.compile("(?i)(gpgcheck|sslverify)=(0|false|no)$");
    private static final Pattern CURL_INSECURE_SHORT = Pattern.compile("^-[A-Za-z]*k[A-Za-z]*$");
    private static final Pattern GIT_NO_SSL_VERIFY = Pattern.compile("http\\.sslverify[= ](false|0|no)");
    private static final Pattern NPM_NO_STRICT_SSL = Pattern.compile("strict-ssl[= ]false");

    private static final Set<String> APT_INSTALLS_OR_UPGRADES = Set.of("install", "upgrade", "dist-upgrade", "full-upgrade",
            "build-dep", "reinstall");
    private static final Set<String> APK_INSTALLS_OR_UPGRADES = Set.of("add", "upgrade");
    private static final Set<String> APT_FULL_UPGRADES = Set.of("upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade");
    private static final Set<String> RPM_FULL_UPGRADES = Set.of("update", "upgrade", "distro-sync", "update-minimal",
            "upgrade-minimal");
    private static final Pattern RPM_CACHE = Pattern.compile("^/var/cache/(yum|dnf|libdnf5)");

    private final List<Map<String, Object>> instructions;

    private DockerfileFacts(List<Map<String, Object>> instructions) {
        this.instructions = instructions;
    }

    /** The derived variables, by name; see {@link DockerfileAdapter#variables()} for each. */
    static Map<String, Object> derive(List<Map<String, Object>> instructions, List<Map<String, Object>> commands,
                                      List<Map<String, Object>> pairs, List<Map<String, Object>> images) {
        return new DockerfileFacts(instructions).run(commands, pairs, images);
    }

    private Map<String, Object> run(List<Map<String, Object>> commands, List<Map<String, Object>> pairs,
                                    List<Map<String, Object>> images) {
        Map<String, Object> variables = new TreeMap<>();
        variables.put("commandsByProgram", groupBy(commands, "program"));
        variables.put("instructionsByKeyword", groupBy(instructions, "keyword"));
        variables.put("instructionsByFlag", instructionsByFlag());
        variables.put("exposedPorts", exposedPorts());
        variables.put("content", content());
        variables.put("finalImages", select(images, image -> (Boolean) image.get("inFinalImage")));
        variables.put("sudoCommands", select(commands, command -> (Boolean) command.get("sudo")));
        variables.put("downloadedScriptRuns", select(commands, DockerfileFacts::runsDownloadedScript));
        variables.put("unversionedInstalls", select(commands, DockerfileFacts::installsUnversioned));
        variables.put("aptInstallsWithRecommends", select(commands, DockerfileFacts::installsRecommends));
        variables.put("uncleanedCaches", select(commands, this::leavesCache));
        variables.put("updatesWithoutInstall", select(commands, this::updatesWithoutInstall));
        variables.put("fullUpgrades", select(commands, DockerfileFacts::upgradesEverything));
        variables.put("verificationOffCommands", select(commands, DockerfileFacts::disablesVerification));
        variables.put("credentialPairs", select(pairs, DockerfileFacts::namesCredential));
        variables.put("verificationSettingPairs", select(pairs, DockerfileFacts::namesVerificationSetting));
        return variables;
    }

    private static List<Object> select(List<Map<String, Object>> items, Predicate<Map<String, Object>> condition) {
        List<Object> selected = new ArrayList<>();
        for (Map<String, Object> item : items) {
            if (condition.test(item)) {
                selected.add(item);
            }
        }
        return selected;
    }

    // ---- indexes ----

    /** {@code items} grouped by their (non-empty) string {@code key}, each group in file order. */
    private static Map<String, Object> groupBy(List<Map<String, Object>> items, String key) {
        Map<String, Object> groups = new TreeMap<>();
        for (Map<String, Object> item : items) {
            String value = text(item, key);
            if (!value.isEmpty()) {
                group(groups, value).add(item);
            }
        }
        return groups;
    }

    private Map<String, Object> instructionsByFlag() {
        Map<String, Object> groups = new TreeMap<>();
        for (Map<String, Object> instruction : instructions) {
            for (Object flag : ((Map<?, ?>) instruction.get("flags")).keySet()) {
                group(groups, (String) flag).add(instruction);
            }
        }
        return groups;
    }

    /** EXPOSE instructions by port/protocol, each instruction once under each key. */
    private Map<String, Object> exposedPorts() {
        Map<String, Object> groups = new TreeMap<>();
        for (Map<String, Object> instruction : instructions) {
            for (Object port : list(instruction, "ports")) {
                List<Object> exposing = group(groups, text(map(port), "port") + "/" + text(map(port), "protocol"));
                if (exposing.isEmpty() || exposing.get(exposing.size() - 1) != instruction) {
                    exposing.add(instruction);
                }
            }
        }
        return groups;
    }

    /** The arguments of every instruction and the content of every heredoc, each followed by a newline. */
    private String content() {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> instruction : instructions) {
            text.append(text(instruction, "arguments")).append('\n');
            for (Object heredoc : list(instruction, "heredocs")) {
                text.append(text(map(heredoc), "content")).append('\n');
            }
        }
        return text.toString();
    }

    // ---- commands ----

    /**
     * Code curl or wget fetched is run straight away: piped into a shell that reads its script from
     * standard input or into an interpreter reading the program from {@code -}, or substituted into
     * the arguments of a shell, eval, source or {@code .}.
     */
    private static boolean runsDownloadedScript(Map<String, Object> command) {
        String program = text(command, "program");
        List<Object> args = list(command, "args");
        boolean shell = DockerfileModel.SHELLS.contains(program);
        boolean readsInput = (shell && !anyFind(args, SCRIPT_OPTION))
                || (STDIN_INTERPRETER.matcher(program).find() && args.contains("-"));
        if ((Long) command.get("position") > 0 && readsInput && anyIn(list(command, "pipedFrom"), DOWNLOADERS)) {
            return true;
        }
        return (shell || SOURCING.contains(program)) && anyFind(args, DOWNLOAD_SUBSTITUTION);
    }

    /** Installs a package without a version, or at version latest. */
    private static boolean installsUnversioned(Map<String, Object> command) {
        for (Object requested : list(command, "packages")) {
            String version = text(map(requested), "version");
            if (version.isEmpty() || version.equals("latest")) {
                return true;
            }
        }
        return false;
    }

    /** An apt-get or apt install without --no-install-recommends. */
    private static boolean installsRecommends(Map<String, Object> command) {
        return APT_GET.contains(text(command, "program")) && text(command, "subcommand").equals("install")
                && !list(command, "args").contains("--no-install-recommends");
    }

    /**
     * Fills a package cache its RUN step neither removes nor keeps on a cache or tmpfs mount:
     * apt-get/apt update in a step that installs with them, apk add without --no-cache, and
     * yum/dnf/microdnf install without a clean.
     */
    private boolean leavesCache(Map<String, Object> command) {
        String manager = text(command, "manager");
        String subcommand = text(command, "subcommand");
        Map<String, Object> step = instructions.get(((Long) command.get("instruction")).intValue());
        List<Object> others = list(step, "commands");
        if (APT_GET.contains(manager) && subcommand.equals("update")) {
            boolean installs = false;
            for (Object other : others) {
                Map<String, Object> each = map(other);
                installs |= APT_GET.contains(text(each, "manager")) && text(each, "subcommand").equals("install");
            }
            return installs && !removes(others, "/var/lib/apt/lists") && !mountsCache(step, "/var/lib/apt", null);
        }
        if (manager.equals("apk") && subcommand.equals("add")) {
            return !list(command, "args").contains("--no-cache") && !removes(others, "/var/cache/apk")
                    && !mountsCache(step, "/var/cache/apk", "/etc/apk/cache");
        }
        if (RPM.contains(manager) && subcommand.equals("install")) {
            for (Object other : others) {
                Map<String, Object> each = map(other);
                if ((RPM.contains(text(each, "manager")) && text(each, "subcommand").equals("clean"))
                        || (text(each, "program").equals("rm") && anyFind(list(each, "args"), RPM_CACHE))) {
                    return false;
                }
            }
            for (Object mount : list(step, "mounts")) {
                if (CACHE_MOUNTS.contains(text(map(mount), "type")) && RPM_CACHE.matcher(text(map(mount), "target")).find()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether one of {@code commands} is an rm with an argument starting with {@code prefix}. */
    private static boolean removes(List<Object> commands, String prefix) {
        for (Object other : commands) {
            Map<String, Object> each = map(other);
            if (text(each, "program").equals("rm")) {
                for (Object arg : list(each, "args")) {
                    if (((String) arg).startsWith(prefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the step mounts a cache or tmpfs on a target starting with one of the prefixes. */
    private static boolean mountsCache(Map<String, Object> step, String prefix, String otherPrefix) {
        for (Object mount : list(step, "mounts")) {
            String target = text(map(mount), "target");
            if (CACHE_MOUNTS.contains(text(map(mount), "type"))
                    && (target.startsWith(prefix) || (otherPrefix != null && target.startsWith(otherPrefix)))) {
                return true;
            }
        }
        return false;
    }

    /** Refreshes a package index (apt-get/apt/aptitude or apk update) in a step that installs or upgrades nothing with it. */
    private boolean updatesWithoutInstall(Map<String, Object> command) {
        String manager = text(command, "manager");
        if (!text(command, "subcommand").equals("update") || !(APT.contains(manager) || manager.equals("apk"))) {
            return false;
        }
        Set<String> family = APT.contains(manager) ? APT : APK;
        Set<String> installs = APT.contains(manager) ? APT_INSTALLS_OR_UPGRADES : APK_INSTALLS_OR_UPGRADES;
        Map<String, Object> step = instructions.get(((Long) command.get("instruction")).intValue());
        for (Object other : list(step, "commands")) {
            Map<String, Object> each = map(other);
            if (family.contains(text(each, "manager")) && installs.contains(text(each, "subcommand"))) {
                return false;
            }
        }
        return true;
    }

    /** Upgrades every installed package: apt upgrades, apk upgrade, yum/dnf update or upgrade without packages. */
    private static boolean upgradesEverything(Map<String, Object> command) {
        String manager = text(command, "manager");
        String subcommand = text(command, "subcommand");
        return (APT.contains(manager) && APT_FULL_UPGRADES.contains(subcommand))
                || (manager.equals("apk") && subcommand.equals("upgrade"))
                || (RPM.contains(manager) && RPM_FULL_UPGRADES.contains(subcommand) && list(command, "operands").isEmpty());
    }

    /** Runs a package manager or downloader with signature or certificate verification turned off. */
    private static boolean disablesVerification(Map<String, Object> command) {
        String program = text(command, "program");
        String manager = text(command, "manager");
        List<Object> args = list(command, "args");
        if (APT.contains(manager)) {
            for (Object arg : args) {
                String text = (String) arg;
                if (APT_INSECURE_OPTIONS.contains(text) || APT_INSECURE_SETTING.matcher(text).find()
                        || APT_NO_PEER_CHECK.matcher(text).find()) {
                    return true;
                }
            }
        }
        if (manager.equals("apk") && args.contains("--allow-untrusted")) {
            return true;
        }
        if (RPM_TOOLS.contains(program)) {
            for (Object arg : args) {
                if (RPM_INSECURE_OPTIONS.contains(arg) || RPM_INSECURE_SETTING.matcher((String) arg).find()) {
                    return true;
                }
            }
        }
        if (manager.equals("pip")) {
            for (Object arg : args) {
                if (arg.equals("--trusted-host") || ((String) arg).startsWith("--trusted-host=")) {
                    return true;
                }
            }
        }
        if (program.equals("curl") && (args.contains("--insecure") || anyFind(args, CURL_INSECURE_SHORT))) {
            return true;
        }
        if (program.equals("wget") && args.contains("--no-check-certificate")) {
            return true;
        }
        if (program.equals("git") && GIT_NO_SSL_VERIFY.matcher(lowerAscii(joined(args))).find()) {
            return true;
        }
        return (program.equals("npm") || program.equals("yarn") || program.equals("pnpm"))
                && NPM_NO_STRICT_SSL.matcher(joined(args)).find();
    }

    // ---- pairs ----

    /** An ENV or ARG whose key, in upper case, names a credential and does not end in a word describing it. */
    private static boolean namesCredential(Map<String, Object> pair) {
        String key = upperAscii(text(pair, "key"));
        return isEnvOrArg(pair) && CREDENTIAL_NAME.matcher(key).find() && !DESCRIPTIVE_SUFFIX.matcher(key).find();
    }

    /** An ENV or ARG whose key, in upper case, is a TLS or signature verification setting of a known tool. */
    private static boolean namesVerificationSetting(Map<String, Object> pair) {
        return isEnvOrArg(pair) && VERIFICATION_SETTINGS.contains(upperAscii(text(pair, "key")));
    }

    private static boolean isEnvOrArg(Map<String, Object> pair) {
        String keyword = text(pair, "keyword");
        return keyword.equals("ENV") || keyword.equals("ARG");
    }

    // ---- helpers ----

    private static boolean anyFind(List<Object> words, Pattern pattern) {
        for (Object word : words) {
            if (pattern.matcher((String) word).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIn(List<Object> words, Set<String> values) {
        for (Object word : words) {
            if (values.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String joined(List<Object> words) {
        StringBuilder text = new StringBuilder();
        for (Object word : words) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append((String) word);
        }
        return text.toString();
    }

    /** CEL's lowerAscii: only A-Z change. */
    private static String lowerAscii(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    /** CEL's upperAscii: only a-z change. */
    private static String upperAscii(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        }
        return upper.toString();
    }

    private static String text(Map<String, Object> map, String key) {
        return (String) map.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String key) {
        return (List<Object>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> group(Map<String, Object> groups, String key) {
        return (List<Object>) groups.computeIfAbsent(key, absent -> new ArrayList<>());
    }
}
