package org.townbrain.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.ObjectMapper;

/** The channels that speak HTTP: webhook, DingTalk robot, WeCom robot. */
final class HttpChannels {

    private HttpChannels() {
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String post(String url, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** POSTs {@code {title, text, reference}} as JSON. */
    static final class Webhook implements Channel {
        private final ObjectMapper json;

        Webhook(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.WEBHOOK;
        }

        @Override
        public void deliver(String target, String secret, Message message) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", message.title());
            body.put("text", message.text());
            body.put("reference", message.reference());
            post(target, json.writeValueAsString(body));
        }
    }

    /**
     * A DingTalk group robot: with a secret, the URL gets {@code timestamp} (ms) and
     * {@code sign} = Base64(HmacSHA256(secret, timestamp + "\n" + secret)), URL-encoded;
     * the body is a Markdown message; DingTalk answers {@code errcode} 0 when it took it.
     */
    static final class DingTalk implements Channel {
        private final ObjectMapper json;
        private final Clock clock;

        DingTalk(ObjectMapper json, Clock clock) {
            this.json = json;
            this.clock = clock;
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.DINGTALK;
        }

        static String sign(long timestampMillis, String secret) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        }

        @Override
        public void deliver(String target, String secret, Message message) throws Exception {
            String url = target;
            if (secret != null && !secret.isBlank()) {
                long timestamp = clock.millis();
                url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign(timestamp, secret);
            }
            Map<String, Object> body = Map.of("msgtype", "markdown",
                    "markdown", Map.of("title", message.title(), "text", "### " + message.title() + "\n\n" + message.text()));
            checkErrcode(post(url, json.writeValueAsString(body)), json);
        }
    }

    /** A WeCom group robot: the key is in the URL; the body is a Markdown message. */
    static final class WeCom implements Channel {
        private final ObjectMapper json;

        WeCom(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.WECOM;
        }

        @Override
        public void deliver(String target, String secret, Message message) throws Exception {
            Map<String, Object> body = Map.of("msgtype", "markdown",
                    "markdown", Map.of("content", "### " + message.title() + "\n" + message.text()));
            checkErrcode(post(target, json.writeValueAsString(body)), json);
        }
    }

    static void checkErrcode(String answer, ObjectMapper json) {
        if (answer == null || answer.isBlank()) {
            return;
        }
        Object parsed = json.readValue(answer, Object.class);
        if (parsed instanceof Map<?, ?> map && map.get("errcode") instanceof Number code && code.intValue() != 0) {
            throw new IllegalStateException("robot answered errcode " + code);
        }
    }
}
