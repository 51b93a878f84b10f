package org.townbrain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.townbrain.platform.cli.CommandLineMode;

/**
 * TownBrain (镇脑): a township-level city brain for a county's beautiful-towns programme.
 *
 * <p>Started without arguments it serves the web application. Started with a command
 * ({@code import-divisions}, {@code create-admin}, …) it runs that command against the
 * configured database and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "TownBrain", sharedModules = "platform")
public class TownBrainApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(org.townbrain.sensing.Replay.run(args, System.err)); // no Spring, no database
        }
        SpringApplication application = new SpringApplication(TownBrainApplication.class);
        if (CommandLineMode.isCommand(args)) {
            CommandLineMode.configure(application);
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
