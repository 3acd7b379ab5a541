package dev.bulwark.cli;

import dev.bulwark.core.BulwarkException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bulwark iam}: the identity commands; each subcommand is its own class. */
@Command(name = "iam", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"Identity analysis: AWS IAM policies and accounts, Kubernetes RBAC."})
final class IamCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw BulwarkException.userError("missing command: see 'bulwark iam --help'");
    }
}
