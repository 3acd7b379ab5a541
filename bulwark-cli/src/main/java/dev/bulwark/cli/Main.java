package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code bulwark} command line. */
@Command(name = "bulwark", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Bulwark: cloud-native security: misconfigurations in Terraform, CloudFormation, Kubernetes manifests and Dockerfiles, identity analysis, and threat detection on audit logs.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, nothing at or above the fail threshold", "1:findings at or above the fail threshold", "2:usage or fatal error"})
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    private final Terminal terminal;

    Main(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void run() {
        throw BulwarkException.userError("missing command: use 'bulwark scan PATH', 'bulwark rules list', 'bulwark rules lint DIR' or 'bulwark --help'");
    }

    public static void main(String[] args) {
        int code = run(args, Terminal.system());
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, Terminal terminal) {
        Platform platform = new Platform();
        Main main = new Main(terminal);
        CommandLine commandLine = new CommandLine(main);
        commandLine.addSubcommand(new ScanCommand(platform, terminal));
        CommandLine rules = new CommandLine(new RulesCommand(terminal));
        rules.addSubcommand(new RulesCommand.ListCommand(platform, terminal));
        rules.addSubcommand(new RulesCommand.LintCommand(platform, terminal));
        rules.addSubcommand(new RulesCommand.TestCommand(terminal));
        commandLine.addSubcommand(rules);
        CommandLine iam = new CommandLine(new IamCommand());
        iam.addSubcommand(new IamAnalyzeCommand(platform, terminal));
        iam.addSubcommand(new IamSimulateCommand(terminal));
        iam.addSubcommand(new IamRbacCommand(platform, terminal));
        iam.addSubcommand(new IamLintCommand(terminal));
        iam.addSubcommand(new IamBenchCommand(terminal));
        commandLine.addSubcommand(iam);
        CommandLine detect = new CommandLine(new DetectCommand(terminal));
        detect.addSubcommand(new DetectBenchCommand(terminal));
        commandLine.addSubcommand(detect);
        CommandLine secrets = new CommandLine(new SecretsCommand(terminal, System::getenv));
        secrets.addSubcommand(new SecretsBenchCommand(terminal));
        commandLine.addSubcommand(secrets);
        commandLine.addSubcommand(new BenchCommand(platform, terminal));
        commandLine.setOut(new PrintWriter(terminal.out(), true));
        commandLine.setErr(new PrintWriter(terminal.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            terminal.err().println("error: " + exception.getMessage());
            terminal.err().println("Usage: " + failed.getCommandSpec().qualifiedName() + " --help for the options");
            return ExitCode.ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            boolean showTrace = main.debug || Arrays.asList(args).contains("--debug");
            if (exception instanceof BulwarkException bulwark && bulwark.errorCode() != ErrorCode.INTERNAL_ERROR) {
                terminal.err().println("error: " + bulwark.getMessage());
            } else {
                terminal.err().println("error: internal error: " + exception + (showTrace ? "" : " (run with --debug for the stack trace)"));
            }
            if (showTrace) {
                exception.printStackTrace(terminal.err());
            }
            return ExitCode.ERROR;
        });
        return commandLine.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bulwark " + Platform.version()};
        }
    }
}
