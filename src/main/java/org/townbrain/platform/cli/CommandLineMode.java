package org.townbrain.platform.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs one {@link CliCommand} and exits, when the first program argument names a command. */
@Component
@ConditionalOnProperty(name = "townbrain.cli", havingValue = "true")
public class CommandLineMode implements ApplicationRunner, ExitCodeGenerator {

    private final Map<String, CliCommand> commands;
    private int exitCode;

    CommandLineMode(List<CliCommand> commands) {
        this.commands = commands.stream().collect(java.util.stream.Collectors.toMap(CliCommand::name, c -> c));
    }

    /** Whether the arguments start with a command word rather than an option. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /** No web server, no banner: the process does its job and ends. */
    public static void configure(SpringApplication application) {
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setDefaultProperties(Map.of("townbrain.cli", "true", "spring.main.lazy-initialization", "false"));
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        String name = words.isEmpty() ? "help" : words.get(0);
        CliCommand command = commands.get(name);
        if (command == null) {
            System.out.println("Commands:");
            commands.values().stream().sorted(java.util.Comparator.comparing(CliCommand::name))
                    .forEach(c -> System.out.println("  " + c.usage()));
            exitCode = "help".equals(name) ? 0 : 2;
            return;
        }
        exitCode = command.run(words.subList(1, words.size()), System.out);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

}
