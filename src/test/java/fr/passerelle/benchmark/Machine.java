package fr.passerelle.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a table was measured on, as the README shows it next to the table. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s%s %s, %d CPUs, Java %s (driver heap %d MB)", cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.arch"), runtime.availableProcessors(),
                System.getProperty("java.version"), runtime.maxMemory() / (1024 * 1024));
    }

    /** Linux says which processor; elsewhere nothing. */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip() + ", ")
                    .findFirst().orElse("");
        }
        catch (IOException | RuntimeException ex) {
            return "";
        }
    }
}
