package org.townbrain.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.townbrain.platform.cli.CliCommand;
import org.townbrain.platform.errors.RejectedException;

/**
 * {@code import-divisions <county-code> <folder>}: imports a county's towns and villages from
 * the division CSVs in a folder (files named {@code *counties*}, {@code *towns*},
 * {@code *villages*}, plain or gzipped), and prints the report.
 */
@Component
class ImportDivisionsCommand implements CliCommand {

    private final DivisionImport divisions;

    ImportDivisionsCommand(DivisionImport divisions) {
        this.divisions = divisions;
    }

    @Override
    public String name() {
        return "import-divisions";
    }

    @Override
    public String usage() {
        return "import-divisions <county-code> <folder with *counties*.csv, *towns*.csv, *villages*.csv[.gz]>";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) {
        if (arguments.size() != 2) {
            out.println("usage: " + usage());
            return 2;
        }
        Path folder = Path.of(arguments.get(1));
        try {
            Optional<Path> counties = find(folder, "counties");
            Optional<Path> towns = find(folder, "towns");
            Optional<Path> villages = find(folder, "villages");
            if (towns.isEmpty()) {
                out.println("No *towns*.csv in " + folder);
                return 2;
            }
            try (InputStream c = counties.isPresent() ? Files.newInputStream(counties.get()) : null;
                    InputStream t = Files.newInputStream(towns.get());
                    InputStream v = villages.isPresent() ? Files.newInputStream(villages.get()) : null) {
                DivisionImportReport report = divisions.importCounty(arguments.get(0), new DivisionImport.Files(
                        name(counties), c, name(towns), t, name(villages), v));
                print(report, out);
                return 0;
            }
        } catch (RejectedException e) {
            out.println("Rejected: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("Could not read " + folder + ": " + e.getMessage());
            return 1;
        }
    }

    static void print(DivisionImportReport report, PrintStream out) {
        out.printf("County %s %s%n", report.countyCode(), report.countyName());
        out.printf("Towns:    %d added, %d changed, %d unchanged%n", report.towns().added(), report.towns().changed(),
                report.towns().unchanged());
        out.printf("Villages: %d added, %d changed, %d unchanged%n", report.villages().added(),
                report.villages().changed(), report.villages().unchanged());
        out.printf("Rejected: %d%n", report.rejections().size());
        report.rejections().forEach(r -> out.printf("  %s line %d %s: %s%n", r.file(), r.line(), r.code(), r.reason()));
    }

    private static String name(Optional<Path> path) {
        return path.map(p -> p.getFileName().toString()).orElse(null);
    }

    private static Optional<Path> find(Path folder, String word) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().contains(word))
                    .filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".csv.gz"))
                    .sorted().findFirst();
        }
    }
}
