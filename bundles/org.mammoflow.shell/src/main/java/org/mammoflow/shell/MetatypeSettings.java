package org.mammoflow.shell;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Mammoflow's settings as their Metatype describes them: the one place that types a setting and checks
 * it against its type and range, for {@code mammo:config} and for configurations from any other source.
 */
final class MetatypeSettings {

    private final BundleContext context;
    private final MetaTypeService metatype;

    MetatypeSettings(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    /** The Metatype definitions of the Mammoflow bundles, by PID. */
    Map<String, ObjectClassDefinition> definitions() {
        Map<String, ObjectClassDefinition> found = new TreeMap<>();
        for (MetaTypeInformation information : informations()) {
            for (String pid : information.getPids()) {
                found.put(pid, information.getObjectClassDefinition(pid, null));
            }
        }
        return found;
    }

    /** The definition of one PID, found without describing every other (it runs on each configuration's delivery). */
    Optional<ObjectClassDefinition> definition(String pid) {
        for (MetaTypeInformation information : informations()) {
            if (Arrays.asList(information.getPids()).contains(pid)) {
                return Optional.of(information.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    private List<MetaTypeInformation> informations() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.mammoflow."))
                .map(metatype::getMetaTypeInformation).filter(Objects::nonNull).toList();
    }

    static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> attributes = new TreeMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.put(ad.getID(), ad);
        }
        return attributes;
    }

    /**
     * Why the stored configuration's settings are refused, by key: values outside their range or not of
     * their type. Keys the definition does not know are left alone (service properties, targets).
     */
    static Map<String, String> problems(ObjectClassDefinition ocd, Dictionary<String, ?> properties) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (AttributeDefinition ad : attributes(ocd).values()) {
            Object value = properties.get(ad.getID());
            if (value == null) {
                continue;
            }
            for (String text : texts(value)) {
                String problem = problem(ad, text);
                if (problem != null) {
                    problems.put(ad.getID(), problem);
                    break;
                }
            }
        }
        return problems;
    }

    /** Why {@code text} is not a valid value of the setting, naming the value, its type and range; null if it is. */
    static String problem(AttributeDefinition ad, String text) {
        String problem = ad.validate(text);
        if (problem == null || problem.isEmpty()) {
            return null;
        }
        return ad.getID() + "=" + text + " refused: " + problem.replaceFirst("^%", "") + " (" + ad.getID() + ": "
                + typeName(ad) + ", " + ad.getDescription() + ")";
    }

    /** The value of a {@code key=value} setting in the attribute's type (an array for a list setting). */
    static Object typed(String pid, AttributeDefinition ad, String text) {
        try {
            if (ad.getCardinality() == 0) {
                return scalar(ad.getType(), text.trim());
            }
            String[] parts = text.split(",");
            Object array = Array.newInstance(scalar(ad.getType(), parts[0].trim()).getClass(), parts.length);
            for (int i = 0; i < parts.length; i++) {
                Array.set(array, i, scalar(ad.getType(), parts[i].trim()));
            }
            return array;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(pid + " " + ad.getID() + ": '" + text + "' is not " + typeName(ad), e);
        }
    }

    static String typeName(AttributeDefinition ad) {
        String name = switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> "int";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.CHARACTER -> "char";
            default -> "string";
        };
        return ad.getCardinality() == 0 ? name : name + "[]";
    }

    private static List<String> texts(Object value) {
        if (value.getClass().isArray()) {
            return java.util.stream.IntStream.range(0, Array.getLength(value))
                    .mapToObj(i -> String.valueOf(Array.get(value, i))).toList();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static Object scalar(int type, String text) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.SHORT -> Short.valueOf(text);
            case AttributeDefinition.BYTE -> Byte.valueOf(text);
            case AttributeDefinition.DOUBLE -> Double.valueOf(text);
            case AttributeDefinition.FLOAT -> Float.valueOf(text);
            case AttributeDefinition.BOOLEAN -> parseBoolean(text);
            case AttributeDefinition.CHARACTER -> text.charAt(0);
            default -> text;
        };
    }

    private static Boolean parseBoolean(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new NumberFormatException(text);
        }
        return Boolean.valueOf(text);
    }
}
