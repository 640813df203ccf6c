package dev.orderpipeline.ops.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as plain maps and lists, with anchors, aliases and merge keys ({@code <<: *anchor}) resolved as Compose and
 * Kubernetes resolve them (SnakeYAML's safe constructor: no arbitrary types).
 */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** Every document of a file in the repository, empty documents skipped. */
    public static List<Map<String, Object>> documents(final String relativePath) {
        final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        final List<Map<String, Object>> result = new ArrayList<>();
        for (final Object document : yaml.loadAll(Repo.read(relativePath))) {
            if (document != null) {
                result.add(asMap(document, relativePath));
            }
        }
        return result;
    }

    /** The only document of a file. */
    public static Map<String, Object> document(final String relativePath) {
        final List<Map<String, Object>> documents = documents(relativePath);
        if (documents.size() != 1) {
            throw new IllegalStateException(relativePath + " has " + documents.size() + " documents, expected 1");
        }
        return documents.get(0);
    }

    /** The map at a path of keys; fails naming the path when a step is missing or not a map. */
    public static Map<String, Object> map(final Map<String, Object> root, final String... keys) {
        Object current = root;
        final StringBuilder where = new StringBuilder();
        for (final String key : keys) {
            where.append('/').append(key);
            current = asMap(current, where.toString()).get(key);
            Objects.requireNonNull(current, () -> "missing " + where);
        }
        return asMap(current, where.toString());
    }

    /** The list at a key, or an empty list. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(final Map<String, Object> map, final String key) {
        final Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalStateException(key + " is not a list: " + value);
        }
        return (List<Object>) value;
    }

    /** The string at a key, or null; numbers and booleans are given as text. */
    public static String string(final Map<String, Object> map, final String key) {
        final Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(final Object value, final String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException(where + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
