package org.mammoflow.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.mammoflow.shell.CommandCatalog.Argument;
import org.mammoflow.shell.CommandCatalog.Command;
import org.mammoflow.shell.CommandCatalog.Option;
import org.mammoflow.shell.CommandCatalog.Usage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help}: every command under the name it is typed with ({@code mammo:train-patch}), and one
 * command's usage, options and arguments. The console's sessions look in scope mammo first, so a
 * bare {@code help} is this one rather than gogo's, which lists Java method names.
 */
@Component(service = HelpCommand.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=help" })
public class HelpCommand {

    @Descriptor("list every command with what it does")
    public String help(CommandSession session) {
        List<String> lines = new ArrayList<>();
        List<Command> commands = CommandCatalog.all(session);
        int width = commands.stream().mapToInt(c -> c.qualified().length()).max().orElse(0);
        String scope = null;
        for (Command command : commands) {
            if (!command.scope().equals(scope)) {
                scope = command.scope();
                lines.add((lines.isEmpty() ? "" : "\n") + "scope " + scope + ":");
            }
            lines.add(String.format("  %-" + width + "s  %s", command.qualified(), firstSentence(command.description())));
        }
        lines.add("\n'help COMMAND' shows a command's options and arguments; Tab completes commands, options and paths.");
        return String.join("\n", lines);
    }

    @Descriptor("show how to call a command: its options and arguments")
    public String help(CommandSession session, @Descriptor("the command, e.g. mammo:train-patch or train-patch") String command) {
        return CommandCatalog.find(session, command).map(HelpCommand::describe)
                .orElseThrow(() -> new IllegalArgumentException("no command " + command + " ('help' lists them)"));
    }

    static String describe(Command command) {
        List<String> lines = new ArrayList<>();
        lines.add(command.qualified() + " - " + command.description());
        for (Usage usage : command.usages()) {
            lines.add("usage: " + synopsis(command, usage));
            if (!usage.description().isEmpty() && !usage.description().equals(command.description())) {
                lines.add("  " + usage.description());
            }
        }
        List<Option> options = command.options();
        if (!options.isEmpty()) {
            lines.add("options:");
            for (Option option : options) {
                String names = String.join(", ", option.names()) + (option.flag() ? "" : " " + option.value());
                String absent = option.flag() || option.absent().startsWith("<") || option.absent().isEmpty() ? ""
                        : " (default: " + option.absent() + ")";
                lines.add(String.format("  %-22s %s%s", names, option.description(), absent));
            }
        }
        List<Argument> arguments = command.usages().stream().flatMap(u -> u.arguments().stream()).distinct().toList();
        if (!arguments.isEmpty()) {
            lines.add("arguments:");
            for (Argument argument : arguments) {
                lines.add(String.format("  %-22s %s", argument.name(), argument.description()));
            }
        }
        return String.join("\n", lines);
    }

    private static String synopsis(Command command, Usage usage) {
        StringBuilder line = new StringBuilder(command.qualified());
        if (!usage.options().isEmpty()) {
            line.append(" [OPTIONS]");
        }
        for (Argument argument : usage.arguments()) {
            line.append(' ').append(argument.many() ? "[" + argument.name() + "...]" : argument.name());
        }
        return line.toString();
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
