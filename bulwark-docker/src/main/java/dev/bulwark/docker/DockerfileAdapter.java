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
 * packages they install and the images the build pulls; see {@link #variables()}. Every item
 * carries a {@code path} that rules return to report it on its own lines.
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
                + " user (last USER, inherited from the stages it builds on; \"\" when none), userPath, healthcheck (a"
                + " HEALTHCHECK, NONE included, in the stage or those it builds on), healthcheckPath, env (name -> value),"
                + " final, inFinalImage (the final stage or one it builds on), path}");
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
        variables.put("images", "external images the build pulls (FROM, COPY --from, RUN --mount from=), stages and"
                + " scratch excluded: {ref, resolved, path, stage, via (FROM, COPY --from or RUN --mount),"
                + " inFinalImage}");
        variables.put("pairs", "every ARG, ENV and LABEL name/value: {keyword, key, value (quotes removed, known variables"
                + " substituted), hasValue (false for an ARG without default), literal (written without any variable),"
                + " resolved, path, instruction, stage, inFinalImage}");
        variables.put("args", "every ARG name -> its default value (\"\" when it has none); a later declaration wins");
        variables.put("env", "the final stage's environment from ENV, including stages it builds on: name -> value");
        variables.put("directives", "parser directives at the top of the file (syntax, escape, check): name -> value");
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
