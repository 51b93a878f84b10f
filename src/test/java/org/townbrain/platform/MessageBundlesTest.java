package org.townbrain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every message exists in Chinese and English, and every key a template names exists. */
class MessageBundlesTest {

    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    @Test
    void everyChineseMessageHasAnEnglishOneAndBack() throws IOException {
        for (Resource zh : resources.getResources("classpath*:i18n/*.properties")) {
            if (zh.getFilename().contains("_")) {
                continue;
            }
            Resource en = resources.getResource("classpath:i18n/" + zh.getFilename().replace(".properties", "_en.properties"));
            assertThat(en.exists()).as("English bundle for %s", zh.getFilename()).isTrue();
            assertThat(load(en).stringPropertyNames()).as(zh.getFilename())
                    .containsExactlyInAnyOrderElementsOf(load(zh).stringPropertyNames());
        }
    }

    @Test
    void everyLiteralKeyInATemplateExists() throws IOException {
        Set<String> known = new TreeSet<>();
        for (Resource bundle : resources.getResources("classpath*:i18n/*.properties")) {
            known.addAll(load(bundle).stringPropertyNames());
        }
        Pattern literal = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)(\\(|})");
        Set<String> missing = new TreeSet<>();
        for (Resource template : resources.getResources("classpath*:templates/**/*.html")) {
            String text = new String(template.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = literal.matcher(text);
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    missing.add(template.getFilename() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Properties load(Resource resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource.getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
