package cn.govcloud.guard.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requirement ids of REQUIREMENTS.md with their short titles, kept as data
 * ({@code rules/requirements.txt}): a rule's article must be one of them, so a typo such as
 * {@code A5.7} is refused at start-up instead of producing findings that cite nothing.
 */
public final class Requirements {
    static final String RESOURCE = "rules/requirements.txt";

    /** One requirement id and its titles. */
    public record Requirement(String id, String title, String titleEn) {
    }

    private final Map<String, Requirement> byId;

    Requirements(Map<String, Requirement> byId) {
        this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    public static Requirements load() {
        try (InputStream in = Requirements.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Requirements parse(String text) {
        Map<String, Requirement> ids = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|");
            if (parts.length != 3) {
                throw new IllegalStateException(RESOURCE + ": '" + line + "' is not 'id | 中文 | English'");
            }
            Requirement r = new Requirement(parts[0].strip(), parts[1].strip(), parts[2].strip());
            ids.put(r.id(), r);
        }
        return new Requirements(ids);
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public Optional<Requirement> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
