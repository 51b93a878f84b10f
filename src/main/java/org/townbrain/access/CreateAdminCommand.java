package org.townbrain.access;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import org.townbrain.platform.cli.CliCommand;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;

/**
 * {@code create-admin <username>}: creates a county admin; the password is read from
 * {@code TOWNBRAIN_ADMIN_PASSWORD} or typed at the prompt, never taken from the command line.
 */
@Component
class CreateAdminCommand implements CliCommand {

    private final Accounts accounts;
    private final Regions regions;

    CreateAdminCommand(Accounts accounts, Regions regions) {
        this.accounts = accounts;
        this.regions = regions;
    }

    @Override
    public String name() {
        return "create-admin";
    }

    @Override
    public String usage() {
        return "create-admin <username>   (password from TOWNBRAIN_ADMIN_PASSWORD or the prompt)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) {
        if (arguments.size() != 1) {
            out.println("usage: " + usage());
            return 2;
        }
        var county = regions.county();
        if (county.isEmpty()) {
            out.println("No county yet: run import-divisions first");
            return 1;
        }
        try {
            String password = readPassword();
            accounts.create(arguments.get(0), "County administrator", password, Role.COUNTY_ADMIN,
                    new Jurisdiction(Jurisdiction.Level.COUNTY, county.get().code()), false);
            out.println("Created county admin " + arguments.get(0) + " for " + county.get().name());
            return 0;
        } catch (RejectedException | ConflictException e) {
            out.println("Refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("Could not read the password: " + e.getMessage());
            return 1;
        }
    }

    private static String readPassword() throws IOException {
        String fromEnvironment = System.getenv("TOWNBRAIN_ADMIN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console != null) {
            return new String(console.readPassword("Password for the new admin: "));
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
