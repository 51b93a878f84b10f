package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds the handler of the public check-in without a walk through the application's 250 request
 * mappings. Spring MVC looks a path with a variable in it ({@code /api/checkin/{code}}) up by
 * trying every mapping in turn, and that walk cost each check-in about a sixth of its time in the
 * application. This mapping is asked first and answers only {@link PublicCheckinSecurity#isPublicCheckin
 * the public check-in}, from a Spring mapping of {@link CheckinApi} alone, so everything after the
 * look-up (argument binding, the consumes check, exception handlers, error answers) is Spring's own.
 * It carries none of the page interceptors (locale switch, htmx), which a JSON check-in never uses.
 */
@Component
@ConditionalOnWebApplication
class PublicCheckinMapping implements HandlerMapping, Ordered, ApplicationContextAware, InitializingBean {

    private final RequestMappingHandlerMapping checkinApi = new RequestMappingHandlerMapping() {

        @Override
        protected boolean isHandler(Class<?> beanType) {
            return CheckinApi.class.isAssignableFrom(beanType);
        }
    };

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        return PublicCheckinSecurity.isPublicCheckin(request) ? checkinApi.getHandler(request) : null;
    }

    @Override
    public boolean usesPathPatterns() {
        return checkinApi.usesPathPatterns();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        checkinApi.setApplicationContext(context);
    }

    @Override
    public void afterPropertiesSet() {
        checkinApi.afterPropertiesSet();
    }
}
