package org.townbrain.notify;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The channels. */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway loggingSmsGateway() {
        return new LoggingSmsGateway();
    }

    @Bean
    Channel webhookChannel(ObjectMapper json) {
        return new HttpChannels.Webhook(json);
    }

    @Bean
    Channel dingTalkChannel(ObjectMapper json, Clock clock) {
        return new HttpChannels.DingTalk(json, clock);
    }

    @Bean
    Channel weComChannel(ObjectMapper json) {
        return new HttpChannels.WeCom(json);
    }

    @Bean
    Channel smsChannel(SmsGateway gateway) {
        return new Channel() {
            @Override
            public ChannelKind kind() {
                return ChannelKind.SMS;
            }

            @Override
            public void deliver(String target, String secret, Message message) throws Exception {
                gateway.send(target, message.title() + "\n" + message.text());
            }
        };
    }
}
