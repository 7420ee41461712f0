package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.training.TrainingScheduler;

/** help and Tab completion over a real gogo command processor, commands registered as the shell bundle does. */
class HelpAndCompletionTest {

    /** Commands shaped like the shell's: a hyphenated one behind a proxy, options, flags, paths. */
    public static class Commands {
        @Descriptor("train the patch classifier. In 3 stages")
        public String train_patch(CommandSession session,
                @Descriptor("epochs per stage") @Parameter(names = { "-e", "--epochs" }, absentValue = "3,10,37") String epochs,
                @Descriptor("wait for the job") @Parameter(names = { "--wait" }, presentValue = "true", absentValue = "false") boolean wait,
                @Descriptor("patch dataset folder") String patches,
                @Descriptor("run folder") String run) {
            return patches + " " + run;
        }

        @Descriptor("list training jobs")
        public String jobs() {
            return "none";
        }
    }

    @TempDir
    Path folder;
    private CommandProcessorImpl processor;
    private CommandSession session;
    private LineReader reader;

    @BeforeEach
    void session() throws Exception {
        processor = new CommandProcessorImpl();
        Commands commands = new Commands();
        processor.addCommand("mammo", new CommandProxy(commands, "train_patch"), "train-patch");
        processor.addCommand("mammo", commands, "jobs");
        processor.addCommand("mammo", new HelpCommand(), "help");
        processor.addCommand("other", new Object() {
            @SuppressWarnings("unused")
            @Descriptor("print the words")
            public String echo(String... words) {
                return String.join(" ", words);
            }
        }, "echo");
        session = processor.createSession(System.in, System.out, System.err);
        Console.prepare(session);
        session.currentDir(folder);
        reader = LineReaderBuilder.builder().terminal(new DumbTerminal(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream())).build();
    }

    @AfterEach
    void close() {
        session.close();
        processor.stop();
    }

    @Test
    void helpListsEveryCommandUnderTheNameItIsTypedWith() throws Exception {
        String help = (String) session.execute("help");
        assertTrue(help.contains("mammo:train-patch  train the patch classifier."), help);
        assertFalse(help.contains("train_patch"), "the Java method's name is not a command: " + help);
        assertTrue(help.contains("mammo:jobs         list training jobs"), help);
        assertTrue(help.contains("scope other:\n  other:echo"), "every scope's commands, Mammoflow's first: " + help);
        assertTrue(help.indexOf("mammo:jobs") < help.indexOf("other:echo"), help);
    }

    @Test
    void helpOnACommandGivesItsUsageOptionsAndArguments() throws Exception {
        for (String name : List.of("train-patch", "mammo:train-patch")) {
            String help = (String) session.execute("help " + name);
            assertTrue(help.startsWith("mammo:train-patch - train the patch classifier. In 3 stages\n"), help);
            assertTrue(help.contains("usage: mammo:train-patch [OPTIONS] PATCHES RUN"), help);
            assertTrue(help.contains("-e, --epochs EPOCHS") && help.contains("epochs per stage (default: 3,10,37)"), help);
            assertTrue(help.contains("--wait ") && !help.contains("(default: false)"), "a flag has no value: " + help);
            assertTrue(help.contains("PATCHES") && help.contains("patch dataset folder"), help);
            assertFalse(help.contains("SESSION"), "gogo passes the session itself: " + help);
        }
        assertTrue(((String) session.execute("help other:echo")).contains("usage: other:echo [WORDS...]"));
        Exception unknown = assertThrows(IllegalArgumentException.class, () -> session.execute("help train_patch"));
        assertEquals("no command train_patch ('help' lists them)", unknown.getMessage());
    }

    @Test
    void theFirstWordCompletesToCommandNames() {
        List<String> names = complete("mammo:train-p");
        assertTrue(names.contains("mammo:train-patch") && names.contains("train-patch"), names.toString());
        assertTrue(names.contains("other:echo") && names.contains("echo"), "a bare name where it is unique: " + names);
        assertFalse(names.stream().anyMatch(n -> n.contains("_")), names.toString());
    }

    @Test
    void theWordAfterHelpCompletesToCommandNames() {
        List<String> names = complete("help train-p");
        assertTrue(names.contains("train-patch") && names.contains("mammo:train-patch"), names.toString());
    }

    @Test
    void jobIdsSamplerAndHeadNamesCompleteWhereTheRuntimeKnowsThem() {
        KnownValues known = (command, option) -> option == null
                ? (command.endsWith("cancel") ? List.of("job-1", "job-2") : command.endsWith("sampler") ? List.of("s", "s10") : List.of())
                : option.equals("--head") ? List.of("resnet", "vgg") : List.of();
        assertEquals(List.of("job-1", "job-2"), complete("mammo:cancel ", known));
        assertEquals(List.of("s", "s10"), complete("sampler ", known));
        assertEquals(List.of("resnet", "vgg"), complete("train-whole --head ", known));
        assertFalse(complete("train-whole -e 1,1 ", known).contains("resnet"), "other options' values: files");
    }

    @Test
    void precisionsCompleteWhateverServicesRun() {
        assertEquals(List.of("fp32", "bf16"), complete("predict --precision ", KnownValues.of((TrainingScheduler) null, null)));
        assertEquals(List.of("fp32", "bf16"), complete("mammo:train-patch --precision ", KnownValues.of((TrainingScheduler) null,
                null)));
    }

    @Test
    void aWordWithADashCompletesToTheCommandsOptions() {
        assertEquals(List.of("--epochs", "--wait", "-e"), complete("train-patch --e").stream().sorted().toList());
        assertEquals(List.of(), complete("jobs -"), "a command without options offers none");
    }

    @Test
    void otherWordsCompleteToFilesAndFolders() throws Exception {
        Files.createDirectories(folder.resolve("patches-a"));
        Files.createFile(folder.resolve("best.npz"));
        List<String> words = complete("train-patch --wait pat");
        assertTrue(words.contains("patches-a/"), words.toString());
        assertTrue(complete("train-patch -e 1,1,1 ").containsAll(List.of("patches-a/", "best.npz")));
    }

    private List<String> complete(String line) {
        return complete(line, KnownValues.NONE);
    }

    private List<String> complete(String line, KnownValues known) {
        List<Candidate> candidates = new ArrayList<>();
        new CommandCompleter(session, known).complete(reader, new Parser().parse(line, line.length(), ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
