package dev.ocspwatch.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads typed configuration records from YAML files under {@code config/}, Boulder-style:
 * unknown keys are errors, every error names the file and the key path
 * ({@code config/lab.yaml: cas[1].key: ...}), and a configuration either loads whole or not at all.
 *
 * <p>Environment overrides: a variable {@code <PREFIX>_<A>__<B>} sets key {@code a.b} (path
 * segments separated by two underscores, each matched to an existing key case-insensitively
 * with single underscores and dashes ignored), so {@code OCSPWATCH_KAFKA__BOOTSTRAP_SERVERS}
 * sets {@code kafka.bootstrapServers}. Only keys that exist in the file can be overridden, and
 * an override that names no key is an error, so a typo never passes silently.
 */
public final class ConfigFiles {
    /** The prefix of every ocspwatch environment override. */
    public static final String ENV_PREFIX = "OCSPWATCH";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

    private ConfigFiles() {
    }

    public static <T> T load(Path file, Class<T> type) throws ConfigException {
        return load(file, type, null, Map.of());
    }

    /**
     * @param envPrefix e.g. {@code OCSPWATCH}; null for no overrides
     * @param environment usually {@code System.getenv()}; tests pass their own
     */
    public static <T> T load(Path file, Class<T> type, String envPrefix, Map<String, String> environment)
            throws ConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys at the top level");
        }
        if (envPrefix != null) {
            applyOverrides((ObjectNode) tree, envPrefix, environment, file);
        }
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            // A record's own check (a required key) can fire before Jackson reports an unknown key;
            // a misspelt required key is a typo, and the typo is what the user must hear about.
            String unknown = unknownKey(tree, YAML.constructType(type), "");
            throw new ConfigException(file + ": " + (unknown != null ? unknown : describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void applyOverrides(ObjectNode root, String prefix, Map<String, String> environment, Path file)
            throws ConfigException {
        String start = prefix + "_";
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            if (!variable.getKey().startsWith(start)) {
                continue;
            }
            String[] segments = variable.getKey().substring(start.length()).split("__");
            ObjectNode node = root;
            for (int i = 0; i < segments.length; i++) {
                String key = matchKey(node, segments[i]);
                if (key == null) {
                    throw new ConfigException(file + ": environment variable " + variable.getKey()
                            + " names no key (no '" + segments[i].toLowerCase(Locale.ROOT) + "' under "
                            + (i == 0 ? "the top level" : String.join(".", List.of(segments).subList(0, i)).toLowerCase(Locale.ROOT)) + ")");
                }
                if (i == segments.length - 1) {
                    node.set(key, TextNode.valueOf(variable.getValue()));
                } else if (node.get(key) instanceof ObjectNode child) {
                    node = child;
                } else {
                    throw new ConfigException(file + ": environment variable " + variable.getKey()
                            + ": '" + key + "' is not a mapping");
                }
            }
        }
    }

    private static String matchKey(ObjectNode node, String segment) {
        String wanted = normalize(segment);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (normalize(name).equals(wanted)) {
                return name;
            }
        }
        return null;
    }

    private static String normalize(String key) {
        // Dots too: a Kafka property such as sasl.jaas.config is SASL_JAAS_CONFIG in the environment.
        return key.replace("_", "").replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
    }

    /** The first key in {@code node} that {@code type} does not have, described; null if none. */
    private static String unknownKey(JsonNode node, JavaType type, String path) {
        if (node == null || type == null) {
            return null;
        }
        if (node.isArray() && type.isContainerType() && type.getContentType() != null) {
            for (int i = 0; i < node.size(); i++) {
                String found = unknownKey(node.get(i), type.getContentType(), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject() || type.isAbstract() || type.isInterface() || type.isMapLikeType() || type.isContainerType()
                || type.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        BeanDescription description = YAML.getDeserializationConfig().introspect(type);
        Map<String, BeanPropertyDefinition> properties = new TreeMap<>();
        description.findProperties().forEach(property -> properties.put(property.getName(), property));
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            BeanPropertyDefinition property = properties.get(field.getKey());
            if (property == null) {
                return (path.isEmpty() ? "" : path + ": ") + "unknown key '" + field.getKey() + "' (known keys: "
                        + String.join(", ", properties.keySet()) + ")";
            }
            String found = unknownKey(field.getValue(), property.getPrimaryType(), key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** "cas[1].key: unknown key 'kee' (known: ...)" rather than Jackson's paragraph. */
    static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        String where = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            known.sort(String::compareTo);
            String parent = path(e.getPath().subList(0, e.getPath().size() - 1));
            return (parent.isEmpty() ? "" : parent + ": ") + "unknown key '" + unknown.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known keys: " + String.join(", ", known) + ")");
        }
        if (e instanceof InvalidTypeIdException invalid) {
            return where + "unknown kind '" + invalid.getTypeId() + "'";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return where + e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Cannot map `null`")) {
            return where + "is required";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return where + "expected " + friendly(mismatch.getTargetType()) + ": " + firstLine(e.getOriginalMessage());
        }
        return where + firstLine(e.getOriginalMessage());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String friendly(Class<?> type) {
        if (type == java.time.Duration.class) {
            return "a duration such as PT20S or PT15M";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "one of " + String.join(", ", names);
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
