package org.mammoflow.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job's command line, as {@code mammo:predict} and {@code mammo:preprocess} take theirs, plus Spark's
 * {@code --master} and {@code --conf KEY=VALUE}: options, then operands.
 */
record JobArguments(Optional<String> master, Map<String, String> conf, Map<String, String> options,
        Set<String> flags, List<String> operands) {

    private static final Set<String> FLAGS = Set.of("--flips");
    private static final Set<String> VALUED = Set.of("-o", "--output", "--height", "--width", "--precision");

    static JobArguments parse(List<String> arguments) {
        Optional<String> master = Optional.empty();
        Map<String, String> conf = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (FLAGS.contains(argument)) {
                flags.add(argument);
            } else if (argument.equals("--master") || argument.equals("--conf") || VALUED.contains(argument)) {
                if (i + 1 == arguments.size()) {
                    throw new IllegalArgumentException(argument + " needs a value");
                }
                String value = arguments.get(++i);
                if (argument.equals("--master")) {
                    master = Optional.of(value);
                } else if (argument.equals("--conf")) {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--conf takes KEY=VALUE, not '" + value + "'");
                    }
                    conf.put(value.substring(0, equals), value.substring(equals + 1));
                } else {
                    options.put(argument.equals("-o") ? "--output" : argument, value);
                }
            } else if (argument.startsWith("-") && argument.length() > 1) {
                throw new IllegalArgumentException("unknown option " + argument);
            } else {
                operands.add(argument);
            }
        }
        return new JobArguments(master, conf, options, Set.copyOf(flags), List.copyOf(operands));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    int number(String name) {
        String value = options.getOrDefault(name, "0");
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number of pixels, not '" + value + "'");
        }
    }

    /** The value of an option, when given. */
    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    Path output() {
        String output = options.get("--output");
        if (output == null) {
            throw new IllegalArgumentException("give the output folder with -o OUT");
        }
        return Path.of(output).toAbsolutePath().normalize();
    }

    /** The output folder must be new, and neither an input nor inside one, nor hold one. */
    static void requireNewOutput(Path output, List<Path> inputs) {
        for (Path input : inputs) {
            Path folder = Files.isDirectory(input) ? input : input.getParent();
            if (output.equals(input) || output.startsWith(folder) && Files.isDirectory(input) || input.startsWith(output)) {
                throw new IllegalArgumentException("output folder " + output + " is, or is inside, or holds the input "
                        + input + "; choose a folder outside it, so that nothing of the input is overwritten");
            }
        }
        if (Files.exists(output)) {
            throw new IllegalArgumentException("output folder " + output + " exists already; name a new one (the job"
                    + " writes it whole or not at all)");
        }
    }
}
