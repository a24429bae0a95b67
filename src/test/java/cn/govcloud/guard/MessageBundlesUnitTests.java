package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every module's Chinese bundle and its English sibling have the same keys and no empty value, so
 * no page shows a raw key in either language; a new module's bundle is checked without being listed.
 */
class MessageBundlesUnitTests {

    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    @Test
    void everyChineseBundleHasAnEnglishSiblingWithTheSameKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Resource chinese : baseBundles()) {
            String name = chinese.getFilename();
            Resource english = resources.getResource("classpath:messages/" + name.replace(".properties", "_en.properties"));
            if (!english.exists()) {
                problems.add(name + " has no _en sibling");
                continue;
            }
            Set<String> zh = load(chinese).stringPropertyNames();
            Set<String> en = load(english).stringPropertyNames();
            difference(zh, en).forEach(key -> problems.add(name + ": '" + key + "' missing in English"));
            difference(en, zh).forEach(key -> problems.add(name + ": '" + key + "' missing in Chinese"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        List<String> empty = new ArrayList<>();
        for (Resource bundle : resources.getResources("classpath*:messages/*.properties")) {
            Properties messages = load(bundle);
            messages.stringPropertyNames().stream().filter(key -> messages.getProperty(key).isBlank())
                    .forEach(key -> empty.add(bundle.getFilename() + ": " + key));
        }
        assertThat(empty).isEmpty();
    }

    @Test
    void theWebBundlesAreFound() throws IOException {
        assertThat(baseBundles()).extracting(Resource::getFilename).contains("web.properties");
    }

    private List<Resource> baseBundles() throws IOException {
        List<Resource> base = new ArrayList<>();
        for (Resource bundle : resources.getResources("classpath*:messages/*.properties")) {
            if (!bundle.getFilename().contains("_")) {
                base.add(bundle);
            }
        }
        return base;
    }

    private static Properties load(Resource bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(bundle.getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
