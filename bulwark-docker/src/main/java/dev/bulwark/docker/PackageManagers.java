package dev.bulwark.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the command lines of the common package managers (apt-get/apt, apk, yum/dnf/microdnf,
 * pip, npm): which subcommand runs, which words are operands rather than options or option
 * values, and for installs which packages are requested with which version. This is the syntax
 * of those tools, not a judgement: rules decide what an unversioned package means.
 *
 * <p>Operands that are not registry package names are not reported as packages: local files
 * ({@code ./x.deb}, {@code *.whl}), paths, URLs, groups ({@code @core}) and values still holding
 * an unresolved variable.
 */
final class PackageManagers {
    private PackageManagers() {}

    /** A package requested by name. {@code version} is empty when none is given. */
    record Package(String manager, String name, String version) {}

    /**
     * @param manager the normalized tool name ({@code apt-get}, {@code apk}, {@code pip}, ...), empty
     *     when the program is not a known package manager
     */
    record Parsed(String manager, String subcommand, List<String> operands, List<Package> packages) {
        Parsed {
            operands = List.copyOf(operands);
            packages = List.copyOf(packages);
        }
    }

    private static final Set<String> APT = Set.of("apt-get", "apt", "aptitude");
    private static final Set<String> RPM = Set.of("yum", "dnf", "dnf5", "microdnf", "tdnf");
    private static final Set<String> APT_VALUES = Set.of("-o", "-c", "-t", "-a", "--option", "--config-file",
            "--target-release", "--default-release", "--host-architecture");
    private static final Set<String> APK_VALUES = Set.of("-X", "--repository", "-t", "--virtual", "-p", "--root",
            "--repositories-file", "--keys-dir", "--arch", "--cache-dir", "--cache-max-age", "--timeout", "--wait");
    private static final Set<String> RPM_VALUES = Set.of("-c", "--config", "--installroot", "--releasever", "--setopt",
            "-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--downloaddir", "--destdir",
            "--forcearch", "-d", "--debuglevel", "-e", "--errorlevel", "--rpmverbosity", "--color", "--comment",
            "--advisory", "--advisories", "--bz", "--cve", "--sec-severity", "--secseverity");
    private static final Set<String> PIP_VALUES = Set.of("-r", "--requirement", "-c", "--constraint", "-e", "--editable",
            "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "-t", "--target", "--prefix",
            "--root", "--src", "--upgrade-strategy", "--platform", "--python-version", "--implementation", "--abi",
            "--no-binary", "--only-binary", "--progress-bar", "--log", "--log-file", "--cache-dir", "--proxy", "--retries",
            "--timeout", "--exists-action", "--cert", "--client-cert", "--global-option", "--install-option", "-C",
            "--config-settings", "--python", "--report", "--root-user-action", "--keyring-provider", "--use-feature",
            "--use-deprecated", "--build-option");
    private static final Set<String> NPM_VALUES = Set.of("--prefix", "--registry", "--cache", "--userconfig", "--location",
            "-w", "--workspace", "--tag", "--omit", "--include", "--loglevel");
    private static final Set<String> NPM_INSTALL = Set.of("install", "i", "in", "add", "isntall");

    static Parsed parse(String program, List<String> args) {
        if (APT.contains(program)) {
            Options options = Options.read(args, APT_VALUES);
            return new Parsed(program, options.subcommand, options.operands,
                    options.subcommand.equals("install") ? aptPackages(program, options.operands) : List.of());
        }
        if (program.equals("apk")) {
            Options options = Options.read(args, APK_VALUES);
            return new Parsed(program, options.subcommand, options.operands,
                    options.subcommand.equals("add") ? apkPackages(options.operands) : List.of());
        }
        if (RPM.contains(program)) {
            Options options = Options.read(args, RPM_VALUES);
            return new Parsed(program, options.subcommand, options.operands,
                    options.subcommand.equals("install") ? rpmPackages(program, options.operands) : List.of());
        }
        List<String> pipArguments = pipArguments(program, args);
        if (pipArguments != null) {
            Options options = Options.read(pipArguments, PIP_VALUES);
            return new Parsed("pip", options.subcommand, options.operands,
                    options.subcommand.equals("install") ? pipPackages(options) : List.of());
        }
        if (program.equals("npm")) {
            Options options = Options.read(args, NPM_VALUES);
            boolean install = NPM_INSTALL.contains(options.subcommand);
            return new Parsed(program, install ? "install" : options.subcommand, options.operands,
                    install && options.global ? npmPackages(options.operands) : List.of());
        }
        List<String> operands = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
            }
        }
        return new Parsed("", "", operands, List.of());
    }

    /** The arguments of pip when {@code program args} runs pip ({@code pip3 ...}, {@code python3 -m pip ...}), else null. */
    private static List<String> pipArguments(String program, List<String> args) {
        if (program.matches("pip[0-9.]*")) {
            return args;
        }
        if (program.matches("python[0-9.]*")) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-m") && i + 1 < args.size()) {
                    return args.get(i + 1).equals("pip") ? args.subList(i + 2, args.size()) : null;
                }
                if (!arg.startsWith("-")) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Options, subcommand and operands of one command line. */
    private static final class Options {
        String subcommand = "";
        final List<String> operands = new ArrayList<>();
        boolean global;
        boolean constraints;

        static Options read(List<String> args, Set<String> takesValue) {
            Options options = new Options();
            boolean onlyOperands = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!onlyOperands && arg.equals("--")) {
                    onlyOperands = true;
                    continue;
                }
                if (!onlyOperands && arg.startsWith("-") && arg.length() > 1) {
                    int equals = arg.indexOf('=');
                    String name = equals < 0 ? arg : arg.substring(0, equals);
                    String value = equals < 0 ? "" : arg.substring(equals + 1);
                    if (equals < 0 && takesValue.contains(arg) && i + 1 < args.size()) {
                        value = args.get(++i);
                    }
                    if (name.equals("-g") || name.equals("--global") || (name.equals("--location") && value.equals("global"))) {
                        options.global = true;
                    }
                    if (name.equals("-c") || name.equals("--constraint")) {
                        options.constraints = true;
                    }
                    continue;
                }
                if (options.subcommand.isEmpty()) {
                    options.subcommand = arg;
                } else {
                    options.operands.add(arg);
                }
            }
            return options;
        }
    }

    private static boolean isFileOrUrl(String operand) {
        return operand.startsWith("/") || operand.startsWith("./") || operand.startsWith("../") || operand.startsWith("~")
                || operand.equals(".") || operand.contains("://");
    }

    private static List<Package> aptPackages(String manager, List<String> operands) {
        List<Package> packages = new ArrayList<>();
        for (String operand : operands) {
            if (operand.contains("$") || operand.endsWith(".deb") || isFileOrUrl(operand) || operand.endsWith("-")) {
                continue;
            }
            int equals = operand.indexOf('=');
            packages.add(equals < 0 ? new Package(manager, operand, "")
                    : new Package(manager, operand.substring(0, equals), operand.substring(equals + 1)));
        }
        return packages;
    }

    private static List<Package> apkPackages(List<String> operands) {
        List<Package> packages = new ArrayList<>();
        for (String operand : operands) {
            if (operand.contains("$") || operand.endsWith(".apk") || isFileOrUrl(operand)) {
                continue;
            }
            int cut = indexOfAny(operand, "=<>~");
            packages.add(cut <= 0 ? new Package("apk", operand, "")
                    : new Package("apk", operand.substring(0, cut), operand.substring(cut)));
        }
        return packages;
    }

    private static List<Package> rpmPackages(String manager, List<String> operands) {
        List<Package> packages = new ArrayList<>();
        for (String operand : operands) {
            if (operand.contains("$") || operand.startsWith("@") || operand.endsWith(".rpm") || isFileOrUrl(operand)) {
                continue;
            }
            String[] parts = operand.split("-", -1);
            int count = parts.length;
            if (count >= 2 && startsWithDigit(parts[count - 1])) {
                int versionParts = count >= 3 && startsWithDigit(parts[count - 2]) ? 2 : 1;
                String name = String.join("-", java.util.Arrays.asList(parts).subList(0, count - versionParts));
                String version = String.join("-", java.util.Arrays.asList(parts).subList(count - versionParts, count));
                packages.add(new Package(manager, name, version));
            } else {
                packages.add(new Package(manager, operand, ""));
            }
        }
        return packages;
    }

    private static List<Package> pipPackages(Options options) {
        List<Package> packages = new ArrayList<>();
        for (String operand : options.operands) {
            String lower = operand.toLowerCase(java.util.Locale.ROOT);
            if (operand.contains("$") || isFileOrUrl(operand) || lower.startsWith("git+") || lower.endsWith(".whl")
                    || lower.endsWith(".tar.gz") || lower.endsWith(".zip") || lower.endsWith(".tgz")) {
                continue;
            }
            int cut = indexOfAny(operand, "=<>!~@;");
            String name = cut < 0 ? operand : operand.substring(0, cut);
            String version = cut < 0 || operand.charAt(cut) == ';' ? "" : operand.substring(cut).strip();
            int extras = name.indexOf('[');
            if (extras > 0) {
                name = name.substring(0, extras);
            }
            name = name.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (version.isEmpty() && options.constraints) {
                version = "constraints";
            }
            packages.add(new Package("pip", name, version));
        }
        return packages;
    }

    private static List<Package> npmPackages(List<String> operands) {
        List<Package> packages = new ArrayList<>();
        for (String operand : operands) {
            String lower = operand.toLowerCase(java.util.Locale.ROOT);
            boolean githubShorthand = !operand.startsWith("@") && operand.contains("/");
            if (operand.contains("$") || isFileOrUrl(operand) || githubShorthand || lower.startsWith("git+")
                    || lower.startsWith("git:") || lower.startsWith("github:") || lower.startsWith("file:") || lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
                continue;
            }
            int at = operand.indexOf('@', operand.startsWith("@") ? 1 : 0);
            packages.add(at < 0 ? new Package("npm", operand, "")
                    : new Package("npm", operand.substring(0, at), operand.substring(at + 1)));
        }
        return packages;
    }

    private static boolean startsWithDigit(String text) {
        return !text.isEmpty() && Character.isDigit(text.charAt(0));
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
