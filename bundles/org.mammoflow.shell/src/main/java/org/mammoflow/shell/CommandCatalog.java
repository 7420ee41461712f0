package org.mammoflow.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * The commands a gogo session knows, each under the name it is typed with and described by its
 * methods' {@link Descriptor} and {@link Parameter} annotations: what {@code help} prints and what
 * the console completes. A command whose name holds '-' runs the method spelled with '_'
 * ({@link HyphenatedCommands}).
 */
final class CommandCatalog {

    /** An option: its names, what it does, whether it is a flag (takes no value), its default. */
    record Option(List<String> names, String description, String value, boolean flag, String absent) {
    }

    /** A positional argument: a name in capitals, what it is, whether it takes any number of words. */
    record Argument(String name, String description, boolean many) {
    }

    /** One way of calling a command (gogo commands may have overloads). */
    record Usage(String description, List<Option> options, List<Argument> arguments) {
    }

    record Command(String scope, String name, List<Usage> usages) {

        String qualified() {
            return scope + ":" + name;
        }

        /** The first usage's description that exists, or "". */
        String description() {
            return usages.stream().map(Usage::description).filter(d -> !d.isEmpty()).findFirst().orElse("");
        }

        List<Option> options() {
            return usages.stream().flatMap(u -> u.options().stream()).distinct().toList();
        }
    }

    private static final String COMMANDS = ".commands";
    private static final Comparator<Command> ORDER = Comparator.comparing((Command c) -> !c.scope().equals("mammo"))
            .thenComparing(Command::scope).thenComparing(Command::name);

    private CommandCatalog() {
    }

    /** Every command of the session, Mammoflow's first, then by scope and name. */
    static List<Command> all(CommandSession session) {
        List<Command> commands = new ArrayList<>();
        for (String qualified : names(session)) {
            describe(session, qualified).ifPresent(commands::add);
        }
        commands.sort(ORDER);
        return commands;
    }

    /** The command a name stands for: {@code scope:name}, or a bare name as the session's SCOPE resolves it. */
    static Optional<Command> find(CommandSession session, String typed) {
        return resolve(session, typed).flatMap(qualified -> describe(session, qualified));
    }

    /** {@code scope:name} of the command a typed name runs. */
    static Optional<String> resolve(CommandSession session, String typed) {
        Set<String> names = names(session);
        if (typed.contains(":")) {
            return names.contains(typed) ? Optional.of(typed) : Optional.empty();
        }
        Object path = session.get("SCOPE");
        for (String scope : (path == null ? "*" : path.toString()).split(":")) {
            for (String qualified : names) {
                if (qualified.endsWith(":" + typed) && (scope.equals("*") || qualified.startsWith(scope + ":"))) {
                    return Optional.of(qualified);
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Set<String> names(CommandSession session) {
        Object names = session.get(COMMANDS);
        return names instanceof Set<?> ? (Set<String>) names : Set.of();
    }

    private static Optional<Command> describe(CommandSession session, String qualified) {
        int colon = qualified.indexOf(':');
        String name = qualified.substring(colon + 1);
        if (name.startsWith("_")) {
            return Optional.empty(); // gogo's convention for internals
        }
        List<Usage> usages = new ArrayList<>();
        Object function = session.get(qualified);
        for (Method method : methods(target(function), name)) {
            usages.add(usage(method));
        }
        release(function);
        usages.sort(Comparator.comparingInt(u -> u.arguments().size()));
        return Optional.of(new Command(qualified.substring(0, colon), name, usages));
    }

    /** The object whose methods run: gogo wraps a command service, and a hyphenated command wraps its target. */
    private static Object target(Object function) {
        Object target = function;
        while (target instanceof CommandProxy proxy) {
            target = proxy.getTarget();
        }
        return target;
    }

    private static void release(Object function) {
        if (function instanceof CommandProxy proxy) {
            proxy.ungetTarget();
        }
    }

    /** The methods gogo would call for the name: NAME, getNAME, setNAME, isNAME ('-' read as '_'). */
    private static List<Method> methods(Object target, String name) {
        if (target == null) {
            return List.of();
        }
        String function = name.replace('-', '_').toLowerCase(Locale.ROOT);
        List<String> accepted = List.of(function, "_" + function, "get" + function, "set" + function, "is" + function);
        List<Method> methods = new ArrayList<>();
        for (Method method : target.getClass().getMethods()) {
            if (accepted.contains(method.getName().toLowerCase(Locale.ROOT)) && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Usage usage(Method method) {
        Descriptor described = method.getAnnotation(Descriptor.class);
        List<Option> options = new ArrayList<>();
        List<Argument> arguments = new ArrayList<>();
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            java.lang.reflect.Parameter parameter = parameters[i];
            if (parameter.getType() == CommandSession.class) {
                continue; // gogo passes the session; the user types nothing for it
            }
            Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
            String text = descriptor == null ? "" : descriptor.value();
            String placeholder = placeholder(parameter);
            Parameter option = parameter.getAnnotation(Parameter.class);
            if (option != null) {
                boolean flag = !option.presentValue().equals(Parameter.UNSPECIFIED);
                options.add(new Option(List.of(option.names()), text, flag ? "" : placeholder, flag,
                        flag ? "" : option.absentValue()));
            } else {
                boolean many = method.isVarArgs() && i == parameters.length - 1 || List.class
                        .isAssignableFrom(parameter.getType());
                arguments.add(new Argument(placeholder, text, many));
            }
        }
        return new Usage(described == null ? "" : described.value(), options, arguments);
    }

    /** A parameter's name in capitals (PATCH_CHECKPOINT), or its type's where the class was compiled without names. */
    private static String placeholder(java.lang.reflect.Parameter parameter) {
        String name = parameter.isNamePresent() ? parameter.getName()
                : parameter.getType().getSimpleName().replace("[]", "");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
