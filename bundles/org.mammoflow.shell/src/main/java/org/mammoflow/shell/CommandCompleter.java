package org.mammoflow.shell;

import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.mammoflow.shell.CommandCatalog.Command;
import org.mammoflow.shell.CommandCatalog.Option;

/**
 * Tab completion as a Unix shell's: the first word of a command (and the word after {@code help})
 * completes to command names (with what each does), a word starting with '-' to the command's
 * options, the argument or option value of a few commands to the values the runtime knows (job ids,
 * sampler and head names: {@link KnownValues}), any other word to file and folder names, relative to
 * the session's current folder.
 */
final class CommandCompleter implements Completer {

    private final CommandSession session;
    private final KnownValues values;
    private final Completer paths;

    CommandCompleter(CommandSession session) {
        this(session, KnownValues.NONE);
    }

    CommandCompleter(CommandSession session, KnownValues values) {
        this.session = session;
        this.values = values;
        this.paths = new FileNameCompleter() {
            @Override
            protected Path getUserDir() {
                return session.currentDir();
            }
        };
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0 || line.wordIndex() == 1 && line.words().get(0).equals("help")) {
            commands(candidates);
        } else if (line.word().startsWith("-")) {
            CommandCatalog.find(session, line.words().get(0)).ifPresent(c -> options(c, candidates));
        } else {
            String command = line.words().get(0);
            String previous = line.words().get(line.wordIndex() - 1);
            List<String> known = values.of(command, previous.startsWith("-") ? previous : null);
            if (known.isEmpty()) {
                paths.complete(reader, line, candidates);
            } else {
                known.forEach(value -> candidates.add(new Candidate(value)));
            }
        }
    }

    private void commands(List<Candidate> candidates) {
        for (Command command : CommandCatalog.all(session)) {
            String description = command.description();
            candidates.add(new Candidate(command.qualified(), command.qualified(), null, description, null, null, true));
            if (CommandCatalog.resolve(session, command.name()).filter(command.qualified()::equals).isPresent()) {
                candidates.add(new Candidate(command.name(), command.name(), null, description, null, null, true));
            }
        }
    }

    private static void options(Command command, List<Candidate> candidates) {
        for (Option option : command.options()) {
            String key = command.qualified() + option.names(); // names of one option show as one entry
            for (String name : option.names()) {
                candidates.add(new Candidate(name, name, null, option.description(), null, key, true));
            }
        }
    }
}
