package org.mammoflow.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.felix.gogo.jline.Highlighter;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Job;
import org.jline.builtins.Commands;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on a terminal, as Apache Karaf's feels: JLine line editing, a history kept in the
 * runtime's folder and searched with Ctrl-R, Tab completion ({@link CommandCompleter}), gogo syntax
 * read by Gogo JLine's parser and coloured by its highlighter. Ctrl-C clears the line being typed,
 * or stops the command that runs; Ctrl-D or {@code exit} leaves.
 */
final class TerminalConsole {

    /** The session variable holding the terminal (Gogo JLine's name): commands draw progress in place on it. */
    static final String TERMINAL = ".terminal";
    private static final String PROMPT = "mammo> ";
    private static final int HISTORY_LINES = 2000;

    private TerminalConsole() {
    }

    /** Whether the process talks to a person: standard input and output both a terminal. */
    static boolean available() {
        return System.console() != null;
    }

    /** Reads and runs command lines until Ctrl-D or {@code exit}; the history is kept in {@code history}. */
    static void interact(CommandProcessor processor, Path history, KnownValues values, PrintStream err)
            throws IOException {
        try (Terminal terminal = systemTerminal();
                CommandSession session = processor.createSession(terminal.input(), terminal.output(),
                        terminal.output())) {
            Console.prepare(session);
            session.put(TERMINAL, terminal);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("mammoflow")
                    .parser(new Parser()).highlighter(new Highlighter(session))
                    .completer(new CommandCompleter(session, values))
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%M> ")
                    .build();
            reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
            session.put("history", historyCommand(reader));
            terminal.writer().println("Mammoflow shell. 'help' lists commands, Tab completes, Ctrl-R searches the"
                    + " history, 'exit' leaves.");
            loop(session, reader, terminal, err);
            reader.getHistory().save();
        }
    }

    /**
     * The process's terminal. Signals reach the JVM through it, and it ignores them unless a command
     * runs (see execute). JLine finds its terminal providers through the context class loader, which
     * in a framework is not the JLine bundle's.
     */
    private static Terminal systemTerminal() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder().name("mammoflow").system(true).dumb(false).nativeSignals(true)
                    .signalHandler(SignalHandler.SIG_IGN).build();
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static void loop(CommandSession session, LineReader reader, Terminal terminal, PrintStream err) {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: a fresh line, as in bash
            } catch (EndOfFileException e) {
                return;
            }
            if (line.strip().equals("exit")) {
                return;
            }
            if (!line.isBlank()) {
                execute(session, line, terminal, err);
            }
        }
    }

    /**
     * Runs one line; Ctrl-C meanwhile interrupts it (a command following a job stops following). gogo
     * runs a line's commands on threads of its own: the signal interrupts the session's foreground job.
     */
    private static void execute(CommandSession session, String line, Terminal terminal, PrintStream err) {
        SignalHandler previous = terminal.handle(Signal.INT, signal -> {
            Job running = session.foregroundJob();
            if (running != null) {
                running.interrupt();
            }
        });
        try {
            Console.execute(session, line, err);
        } finally {
            terminal.handle(Signal.INT, previous);
        }
    }

    /** {@code history}: the numbered history; JLine's options (-c clears, -d dates, ...). */
    private static Function historyCommand(LineReader reader) {
        return (session, arguments) -> {
            String[] argv = arguments.stream().map(String::valueOf).toArray(String[]::new);
            Commands.history(reader, System.out, System.err, session.currentDir(), argv);
            return null;
        };
    }
}
