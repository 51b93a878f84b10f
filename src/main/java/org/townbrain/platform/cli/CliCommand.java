package org.townbrain.platform.cli;

import java.io.PrintStream;
import java.util.List;

/** A command run with {@code java -jar townbrain.jar <name> [arguments]} instead of the web server. */
public interface CliCommand {

    /** The word that selects this command, such as {@code import-divisions}. */
    String name();

    /** One line of usage, shown by {@code help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 on success
     */
    int run(List<String> arguments, PrintStream out);
}
