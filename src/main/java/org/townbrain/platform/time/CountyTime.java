package org.townbrain.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.expression.Temporals;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The county zone and the county clock, configured once ({@code townbrain.zone}).
 */
@Configuration(proxyBeanMethods = false)
class CountyTime {

    /** The county's zone: every "today", working-day deadline and time a person reads follows it. */
    @Bean
    ZoneId countyZone(@Value("${townbrain.zone}") ZoneId zone) {
        return zone;
    }

    /** The one clock; everything that needs "now" gets it injected so that tests can pin it. */
    @Bean
    Clock clock(ZoneId countyZone) {
        return Clock.system(countyZone);
    }

    /**
     * Binds Thymeleaf's {@code #temporals} to the county zone, so that an {@code Instant} on a page
     * reads in county time whatever the server's zone. (Thymeleaf's own {@code #temporals} uses the
     * JVM default zone; the last dialect that offers a name wins.)
     */
    @Bean
    CountyTemporalsDialect countyTemporalsDialect(ZoneId countyZone) {
        return new CountyTemporalsDialect(countyZone);
    }

    /**
     * JSON writes an instant with the county offset ({@code 2026-12-06T09:30:00+08:00}), not in UTC:
     * the same instant, readable by a person and by any ISO-8601 client.
     */
    @Bean
    JacksonModule countyInstants(ZoneId countyZone) {
        SimpleModule module = new SimpleModule("townbrain-county-instants");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator json, SerializationContext context) {
                json.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.atZone(countyZone)));
            }
        });
        return module;
    }

    static final class CountyTemporalsDialect extends AbstractDialect implements IExpressionObjectDialect {

        private final ZoneId zone;

        CountyTemporalsDialect(ZoneId zone) {
            super("townbrain-county-time");
            this.zone = zone;
        }

        @Override
        public IExpressionObjectFactory getExpressionObjectFactory() {
            return new IExpressionObjectFactory() {
                @Override
                public Set<String> getAllExpressionObjectNames() {
                    return Set.of("temporals");
                }

                @Override
                public Object buildObject(IExpressionContext context, String name) {
                    Locale locale = context.getLocale();
                    return "temporals".equals(name) ? new Temporals(locale, zone) : null;
                }

                @Override
                public boolean isCacheable(String name) {
                    return true;
                }
            };
        }
    }
}
