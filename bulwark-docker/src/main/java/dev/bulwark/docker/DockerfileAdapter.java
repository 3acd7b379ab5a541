package dev.bulwark.docker;

import dev.bulwark.core.ResourceRef;
import dev.bulwark.core.ScanWarning;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.source.SourceFile;
import dev.bulwark.core.spi.AdaptResult;
import dev.bulwark.core.spi.ParseProblem;
import dev.bulwark.core.spi.SourceAdapter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dockerfiles (and Containerfiles) into one resource each, of target {@code dockerfile} and kind
 * {@code Dockerfile}, addressed by the file's display path. The variables describe the build:
 * stages, instructions with their arguments resolved, the shell commands RUN executes, the
 * packages they install and the images the build pulls, plus indexes and selections of those
 * items that spare checks a scan over every one ({@link DockerfileFacts}); see {@link #variables()}.
 * Every item carries a {@code path} that rules return to report it on its own lines.
 *
 * <p>Syntax errors come back as located problems and the rest of the file is still modelled.
 * Inline suppressions ({@code # bulwark:ignore RULE reason}) are comments to the parser and are
 * applied by the scan pipeline. Stateless and thread-safe.
 */
public final class DockerfileAdapter implements SourceAdapter {
    public static final String TARGET = "dockerfile";
    public static final String KIND = "Dockerfile";

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("stages", "build stages in order: {index, name (lower case, \"\" when unnamed), from (base image,"
                + " ARGs substituted), fromResolved, fromPath (path of the FROM), baseIsStage (FROM names an earlier stage"
                + " or scratch), baseStage (its index or -1), scratch, baseImage (the external image, or scratch, at the"
                + " root of the chain of stages it builds on), platform, instructions (the stage's, FROM first),"
                + " user (last USER, inherited from the stages it builds on; \"\" when none), userName (user without"
                + " its :group), userPath, healthcheck (a HEALTHCHECK, NONE included, in the stage or those it builds on),"
                + " healthcheckPath, env (name -> value), final, inFinalImage (the final stage or one it builds on), path}");
        variables.put("finalStage", "the last stage (the image the build produces); index -1 and empty fields when"
                + " the file has no FROM");
        variables.put("instructions", "every instruction in file order: {index, keyword (upper case), arguments (text after"
                + " the keyword, continuation lines joined), resolvedArguments (ARG/ENV values substituted where known),"
                + " resolved (every variable known), flags (--name -> value; \"true\" when bare), mounts (RUN --mount as"
                + " {type, target, source, from, id, ...}), json (exec-form list; absent in shell form), heredocs"
                + " [{delimiter, content, quoted, script (a RUN heredoc the shell executes), path}], commands (RUN: see"
                + " commands), pairs (ARG/ENV/LABEL: [{key, value, hasValue, literal (no variable in it), resolved, path}]),"
                + " sources and destination (COPY/ADD), fromStage (COPY/ADD --from stage index or -1), ports (EXPOSE:"
                + " [{port, protocol}]), trigger (ONBUILD: {keyword, arguments}), stage (index, -1 before the first FROM),"
                + " inFinalImage, path}");
        variables.put("commands", "every shell command RUN executes (its command line, heredoc scripts and sh -c"
                + " strings): {path, instruction, stage, inFinalImage, text, words (quotes removed, known variables"
                + " substituted), program (base name, after assignments and sudo/env/exec wrappers), args, manager (apt-get,"
                + " apt, apk, yum, dnf, microdnf, pip, npm, ...; \"\" for other programs), subcommand (of package managers),"
                + " operands (arguments that are not options or option values), sudo (run through sudo or doas),"
                + " pipeline (id shared by the commands of one pipeline), position (in the pipeline), pipedFrom"
                + " (programs of the commands before it in its pipeline), nested (from sh -c), packages}");
        variables.put("packages", "packages installed by name (apt-get/apt, apk, yum/dnf/microdnf, pip, npm -g): {manager,"
                + " name, version (\"\" when none given; \"constraints\" when a pip constraints file decides), path,"
                + " command, instruction, stage, inFinalImage}");
        variables.put("images", "external images the build pulls (FROM, COPY --from, RUN --mount from=), stages,"
                + " scratch and empty references excluded: {ref, resolved, path, stage, via (FROM, COPY --from or"
                + " RUN --mount), inFinalImage}");
        variables.put("pairs", "every ARG, ENV and LABEL name/value: {keyword, key, value (quotes removed, known variables"
                + " substituted), hasValue (false for an ARG without default), literal (written without any variable),"
                + " resolved, path, instruction, stage, inFinalImage}");
        variables.put("args", "every ARG name -> its default value (\"\" when it has none); a later declaration wins");
        variables.put("env", "the final stage's environment from ENV, including stages it builds on: name -> value");
        variables.put("directives", "parser directives at the top of the file (syntax, escape, check): name -> value");
        // Indexes and selections, each entry the same map as in the flat list (see DockerfileFacts).
        variables.put("commandsByProgram", "the items of commands grouped by program: program -> [command], in file"
                + " order; a program no command runs has no key");
        variables.put("instructionsByKeyword", "the items of instructions grouped by keyword: keyword -> [instruction],"
                + " in file order; a keyword the file does not use has no key");
        variables.put("instructionsByFlag", "the items of instructions grouped by the flags they carry: flag name (without"
                + " --) -> [instruction], in file order");
        variables.put("exposedPorts", "the items of instructions that EXPOSE a port, by port/protocol (\"22/tcp\"):"
                + " port/protocol -> [instruction], in file order, each instruction once");
        variables.put("finalImages", "the items of images with inFinalImage: the external images the final image is"
                + " built on, copies from or mounts");
        variables.put("content", "the arguments of every instruction and the content of every heredoc, each followed by a"
                + " newline: everything a text search should see, without comments and keywords");
        variables.put("sudoCommands", "the commands run through sudo or doas");
        variables.put("downloadedScriptRuns", "the commands that run code curl or wget fetched: piped into a shell that"
                + " reads its script from standard input (no -c) or into python/perl/ruby/node/php reading '-', or a"
                + " shell, eval, source or . whose argument holds $(curl , <(curl or `curl  (or wget)");
        variables.put("unversionedInstalls", "the commands with a package whose version is \"\" or latest");
        variables.put("aptInstallsWithRecommends", "the apt-get and apt install commands without"
                + " --no-install-recommends (APT configuration elsewhere is not looked at)");
        variables.put("uncleanedCaches", "the commands that fill a package cache their RUN step neither removes nor"
                + " keeps on a cache or tmpfs mount: apt-get/apt update in a step that installs with apt-get/apt, without"
                + " rm /var/lib/apt/lists... or a mount on /var/lib/apt...; apk add without --no-cache, rm /var/cache/apk..."
                + " or a mount on /var/cache/apk... or /etc/apk/cache...; yum/dnf/dnf5/microdnf/tdnf install without a"
                + " clean by one of them, rm /var/cache/(yum|dnf|libdnf5)... or a mount there");
        variables.put("updatesWithoutInstall", "the apt-get/apt/aptitude update commands in a RUN step without an"
                + " install, upgrade, dist-upgrade, full-upgrade, build-dep or reinstall by one of them, and the apk update"
                + " commands in a step without apk add or upgrade");
        variables.put("fullUpgrades", "the commands that upgrade every package: apt-get/apt/aptitude upgrade,"
                + " dist-upgrade, full-upgrade or safe-upgrade; apk upgrade; yum/dnf/dnf5/microdnf/tdnf update, upgrade,"
                + " distro-sync, update-minimal or upgrade-minimal without operands");
        variables.put("verificationOffCommands", "the commands that turn off signature or certificate checks: apt-get/apt/"
                + "aptitude --allow-unauthenticated, --force-yes, --allow-insecure-repositories, (?i)(AllowUnauthenticated|"
                + "AllowInsecureRepositories)=(true|1|yes) or (?i)Verify-(Peer|Host)=(false|0|no); apk --allow-untrusted;"
                + " yum/dnf/dnf5/microdnf/tdnf/rpm/zypper --nogpgcheck, --nosignature, --nodigest, --no-gpg-checks or"
                + " (?i)(gpgcheck|sslverify)=(0|false|no)$; pip --trusted-host; curl --insecure or -k (alone or among"
                + " short options); wget --no-check-certificate; git with http.sslverify false, 0 or no; npm/yarn/pnpm"
                + " with strict-ssl false");
        variables.put("credentialPairs", "the ENV and ARG pairs whose key, in upper case, names a credential"
                + " ((^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|SECRET|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|PRIVATEKEY|ACCESS_KEY|"
                + "SECRET_KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_TOKEN)(_|$)) and does not end in a word describing it"
                + " (_FILE, _PATH, _URL, _NAME, _ID, _LENGTH, ...)");
        variables.put("verificationSettingPairs", "the ENV and ARG pairs whose key, in upper case, is"
                + " NODE_TLS_REJECT_UNAUTHORIZED, GIT_SSL_NO_VERIFY, PYTHONHTTPSVERIFY, NPM_CONFIG_STRICT_SSL or"
                + " PIP_TRUSTED_HOST");
        return variables;
    }

    @Override
    public Map<String, List<String>> kindGroups() {
        return Map.of();
    }

    @Override
    public String builtinRulesFolder() {
        return "bulwark/rules/dockerfile";
    }

    @Override
    public boolean acceptsName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.equals("dockerfile") || name.equals("containerfile")
                || name.startsWith("dockerfile.") || name.startsWith("containerfile.")
                || name.endsWith(".dockerfile") || name.endsWith(".containerfile");
    }

    @Override
    public boolean acceptsContent(String content) {
        int length = content.length();
        int position = 0;
        while (position < length) {
            int lineEnd = content.indexOf('\n', position);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            int start = position;
            while (start < lineEnd && (DockerfileParser.isBlank(content.charAt(start)) || content.charAt(start) == '\uFEFF')) {
                start++;
            }
            if (start < lineEnd && content.charAt(start) != '#') {
                return startsWithKeyword(content, start, lineEnd, "FROM") || startsWithKeyword(content, start, lineEnd, "ARG");
            }
            position = lineEnd + 1;
        }
        return false;
    }

    private static boolean startsWithKeyword(String content, int start, int end, String keyword) {
        int after = start + keyword.length();
        return after < end && content.regionMatches(true, start, keyword, 0, keyword.length())
                && DockerfileParser.isBlank(content.charAt(after));
    }

    @Override
    public AdaptResult adapt(SourceFile file) {
        String displayPath = file.displayPath();
        DockerfileSyntax syntax = DockerfileParser.parse(file.content());
        DockerfileModel.Built model = DockerfileModel.build(syntax);

        List<DockerfileSyntax.Problem> found = new ArrayList<>(syntax.problems());
        found.addAll(model.problems());
        found.sort(Comparator.comparingInt(DockerfileSyntax.Problem::line).thenComparingInt(DockerfileSyntax.Problem::column));
        List<ParseProblem> problems = new ArrayList<>();
        for (DockerfileSyntax.Problem problem : found) {
            if (problems.size() == DockerfileParser.MAX_PROBLEMS) {
                problems.add(new ParseProblem(displayPath, problem.line(), problem.column(),
                        (found.size() - DockerfileParser.MAX_PROBLEMS) + " more problems in this file are not shown"));
                break;
            }
            problems.add(new ParseProblem(displayPath, problem.line(), problem.column(), problem.message()));
        }
        List<ScanWarning> warnings = new ArrayList<>();
        for (String limit : model.limits()) {
            warnings.add(new ScanWarning(displayPath, 0, limit));
        }
        if (syntax.instructions().isEmpty()) {
            return new AdaptResult(List.of(), problems, warnings);
        }
        SourceLocation whole = new SourceLocation(displayPath, 1, 1, Math.max(1, syntax.lineCount()), syntax.lastLineLength() + 1);
        int slash = displayPath.lastIndexOf('/');
        String name = slash >= 0 ? displayPath.substring(slash + 1) : displayPath;
        Resource resource = new Resource(TARGET, KIND, new ResourceRef(KIND, displayPath, name), whole, model.variables(),
                new DockerfileLocationIndex(displayPath, whole, model), Map.of());
        return new AdaptResult(List.of(resource), problems, warnings);
    }
}
