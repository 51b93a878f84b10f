package org.townbrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class ChannelsTest {

    record Received(String path, String query, String body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    final ObjectMapper json = new ObjectMapper();
    final Clock clock = Clock.fixed(Instant.parse("2026-07-01T02:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/down") ? 503 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void theWebhookPostsTitleTextAndReferenceAsJson() throws Exception {
        new HttpChannels.Webhook(json).deliver(url("/hook"), null, new Message("橙色预警", "MH1 预计 18:20 溢流", "alarm:1"));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).contains("\"title\":\"橙色预警\"").contains("\"reference\":\"alarm:1\"");
        assertThatThrownBy(() -> new HttpChannels.Webhook(json).deliver(url("/down"), null, new Message("t", "x", null)))
                .hasMessageContaining("503");
    }

    @Test
    void dingTalkSignsTimestampAndSecretWithHmacSha256() throws Exception {
        String secret = "SEC0123456789abcdef";
        new HttpChannels.DingTalk(json, clock).deliver(url("/robot/send?access_token=abc"), secret,
                new Message("红色预警", "马上溢流", "alarm:2"));
        Received r = received.get(0);
        assertThat(r.query()).startsWith("access_token=abc&timestamp=" + clock.millis() + "&sign=");
        String sign = URLDecoder.decode(r.query().substring(r.query().indexOf("sign=") + 5), StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((clock.millis() + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        assertThat(sign).isEqualTo(expected);
        assertThat(r.body()).contains("\"msgtype\":\"markdown\"").contains("红色预警");
    }

    @Test
    void aRobotThatAnswersAnErrorCodeIsAFailedDelivery() {
        answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
        assertThatThrownBy(() -> new HttpChannels.WeCom(json).deliver(url("/cgi-bin/webhook/send?key=k"), null,
                new Message("t", "x", null))).hasMessageContaining("310000");
        assertThat(received.get(0).body()).contains("\"content\"");
    }

    @Test
    void phoneNumbersAndRobotUrlsAreMasked() {
        assertThat(SmsGateway.mask("13812341234")).isEqualTo("138****1234");
        assertThat(SmsGateway.mask("123")).isEqualTo("****");
        assertThat(DutyRoster.maskUrl("https://oapi.dingtalk.com/robot/send?access_token=secret"))
                .isEqualTo("https://oapi.dingtalk.com/…");
    }
}
