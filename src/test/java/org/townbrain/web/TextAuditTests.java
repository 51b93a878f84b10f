package org.townbrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.platform.web.NavItem;
import org.townbrain.support.IntegrationTest;

/**
 * The words a person reads (#19): every demo role walks the pages reachable from the home page
 * and its navigation (same origin, GET only, in Simplified Chinese) and no page shows an enum
 * name or code ({@code FIXED}, {@code ESCALATION}, {@code TIER=}), a category code without its
 * name ({@code E0406}), an unresolved message key ({@code ??cases.x_zh_CN??}) or a year written
 * with a thousands separator ({@code 2,026}). Fails with the page and the text.
 */
@IntegrationTest
class TextAuditTests {

    private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)\"");
    private static final int MAX_PAGES = 150;

    /** Latin words a Chinese office reads as words: abbreviations and units, not enum names. */
    static final Set<String> ALLOWED = Set.of("PDF", "XLSX", "CSV", "API", "QR", "WGS", "GPS", "MQTT", "PM2", "PPM",
            "URL", "HTTP", "HTTPS", "JSON", "SMS", "GB", "KB", "MB", "CGCS2000", "GCJ", "ISO", "IOT", "POI", "AES", "GCM",
            "SM4", "USCC", "PIPL", "OPEN311", "SSO", "TOTP", "IP", "ID", "GDP", "AQI", "COD", "TB", "SVG", "PNG", "UTC",
            "CST", "DEMO", "MPA", "KPA", "NTU", "JPEG", "HTML", "WIFI");

    /** Abbreviations that are fine only next to their words (命中率 POD), never alone. */
    static final Set<String> WITH_WORDS = Set.of("POD", "FAR", "CSI");

    // words of capitals (FIXED, PARTLY_FIXED, TIER=); codes mixing digits (a venue's 10-character code) are not words
    static final Pattern ENUM_LIKE = Pattern.compile("(?<![A-Za-z0-9_./-])[A-Z]{2,}(?:_[A-Z]+)*(?:=)?(?![A-Za-z0-9_-])");
    static final Pattern CATEGORY_CODE = Pattern.compile("(?<![A-Za-z0-9])[A-E]\\d{4}(?![0-9])");
    static final Pattern MESSAGE_KEY = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");
    static final Pattern YEAR_WITH_SEPARATOR = Pattern.compile("(?<![0-9,])(?:1,9|2,0)\\d{2}(?![0-9,])(?:\\s*年|$)");

    @Autowired MockMvc mvc;
    @Autowired List<NavItem> navigation;

    @ParameterizedTest
    @ValueSource(strings = {"county", "meicheng", "shouchang", "grid.meicheng", "inspector", "duty"})
    void noPageShowsCodesOrEnumNames(String user) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        java.util.Map<String, Integer> perShape = new java.util.HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add("/");
        navigation.forEach(n -> queue.add(n.path()));
        Set<String> findings = new TreeSet<>();
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String path = queue.poll().replace("&amp;", "&");
            if (!seen.add(path) || skipped(path)) {
                continue;
            }
            // two pages of each shape (/cases/165, /cases/166, … are one shape) so that every kind of page is read
            if (perShape.merge(path.replaceAll("\\?.*", "").replaceAll("/[A-Za-z0-9]*\\d[A-Za-z0-9]*", "/#"), 1, Integer::sum) > 2) {
                continue;
            }
            MockHttpServletResponse response = mvc.perform(get(path).with(httpBasic(user, "demo")).header("Accept", "text/html"))
                    .andReturn().getResponse();
            String type = response.getContentType();
            if (response.getStatus() != 200 || type == null || !type.startsWith("text/html")) {
                continue;
            }
            String html = response.getContentAsString();
            Set<String> linkedCodes = new java.util.HashSet<>();
            Matcher segments = Pattern.compile("href=\"/[^\"]*?/([A-Z0-9]{6,})[\"/?]").matcher(html);
            while (segments.find()) {
                linkedCodes.add(segments.group(1)); // a venue's or request's own code, linked: what the user works with
            }
            for (String problem : problems(visibleText(html), linkedCodes)) {
                findings.add(path.replaceAll("\\d{5,}", "…") + " : " + problem);
            }
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                queue.add(m.group(1));
            }
        }
        assertThat(seen.size()).as("pages walked by " + user).isGreaterThan(10);
        assertThat(findings).as("text a person reads on the pages of " + user).isEmpty();
    }

    private static boolean skipped(String path) {
        return path.startsWith("/logout") || path.contains("lang=") || path.startsWith("/webjars") || path.startsWith("/css")
                || path.startsWith("/js") || path.startsWith("/img") || path.startsWith("/api") || path.startsWith("/actuator")
                || path.startsWith("/v3/") || path.matches(".*\\.(xlsx|pdf|csv|png|svg|json|geojson|js|css|ico|txt)(\\?.*)?$");
    }

    /** The text nodes and the attributes a person reads (title, placeholder, alt, aria-label). */
    static String visibleText(String html) {
        String body = html.replaceAll("(?is)<(script|style|template)\\b.*?</\\1>", " ").replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("\\s+", " ");
        StringBuilder text = new StringBuilder();
        Matcher attributes = Pattern.compile("(?i)\\s(?:title|placeholder|alt|aria-label)=\"([^\"]*)\"").matcher(body);
        while (attributes.find()) {
            text.append(attributes.group(1)).append('\n');
        }
        // a table row or a line of inline elements reads as one line; blocks break lines
        text.append(body.replaceAll("(?i)</?(td|th|span|b|i|a|strong|em|small|label|code|abbr|time|mark|sup|sub)\\b[^>]*>", " ")
                .replaceAll("(?s)<[^>]*>", "\n"));
        return text.toString().replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
    }

    static List<String> problems(String text, Set<String> linkedCodes) {
        List<String> problems = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            Matcher e = ENUM_LIKE.matcher(l);
            while (e.find()) {
                String token = e.group();
                String word = token.endsWith("=") ? token.substring(0, token.length() - 1) : token;
                boolean named = WITH_WORDS.contains(word) && l.matches(".*\\p{IsHan}.*");
                boolean requestLine = word.matches("GET|POST|PUT|PATCH|DELETE") && l.contains(word + " /"); // the audit log
                // a 代办 request's tracking code (查询码, "DB" + 8 characters) is what resident and staff work with
                boolean trackingCode = word.matches("DB[A-Z0-9]{8}");
                if (requestLine || trackingCode || linkedCodes.contains(word)) {
                    continue;
                }
                if ((word.length() >= 3 || token.endsWith("=")) && !ALLOWED.contains(word) && !named) {
                    problems.add("enum-like " + token + " in «" + shorten(l) + "»");
                }
            }
            Matcher c = CATEGORY_CODE.matcher(l);
            if (c.find() && !l.matches(".*[A-E]\\d{4}\\s*[\\p{IsHan}].*") && !l.matches(".*[\\p{IsHan}].*[A-E]\\d{4}.*")) {
                problems.add("category code without its name in «" + shorten(l) + "»");
            }
            if (MESSAGE_KEY.matcher(l).find()) {
                problems.add("message key in «" + shorten(l) + "»");
            }
            if (YEAR_WITH_SEPARATOR.matcher(l).find()) {
                problems.add("year with a separator in «" + shorten(l) + "»");
            }
        }
        return problems;
    }

    private static String shorten(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
