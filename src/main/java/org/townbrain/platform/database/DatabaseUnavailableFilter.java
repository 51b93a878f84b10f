package org.townbrain.platform.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * When the database is gone (killed, restarting, unreachable), a request answers 503 with
 * {@code Retry-After} — a problem detail for the JSON API, a short page for people — instead of
 * a 500. It sits before everything else (sessions and security read the database too). The pool
 * gives up on a connection after {@code spring.datasource.hikari.connection-timeout} (3 s) and
 * reconnects by itself when the database is back: no restart.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    /** Seconds a client is asked to wait: about the time an embedded server takes to come back. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final MessageSource messages;
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> locales;

    DatabaseUnavailableFilter(MessageSource messages,
            org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!databaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("The database is unavailable: answered {} {} with 503 ({})", request.getMethod(),
                    request.getRequestURI(), rootCause(e).getClass().getSimpleName());
            answer(request, response);
        }
    }

    /** Whether the failure is the database connection itself (SQL state class 08, server shut down, pool timed out). */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof java.net.ConnectException
                    // commit or rollback failed on a connection the server dropped (Hikari: "Connection is closed")
                    || t instanceof org.springframework.transaction.TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown, cannot connect now
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        // the person's language (the shell's cookie resolver, Chinese by default): this runs before the DispatcherServlet sets it
        java.util.Locale locale = locales.getIfAvailable() == null ? java.util.Locale.SIMPLIFIED_CHINESE
                : locales.getObject().resolveLocale(request);
        String detail = text("error.databaseUnavailable", locale);
        String accept = request.getHeader("Accept");
        boolean json = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || accept != null && accept.contains("json") && !accept.contains("text/html");
        if (json) {
            response.setContentType("application/problem+json");
            write(response, "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
                    + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"retryAfterSeconds\":" + RETRY_AFTER_SECONDS + "}");
        } else {
            // a page with no template, layout or database behind it: those may be what failed
            response.setContentType("text/html");
            String title = HtmlUtils.htmlEscape(text("error.databaseUnavailable.title", locale));
            write(response, "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag()
                    + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<meta http-equiv=\"refresh\" content=\"" + RETRY_AFTER_SECONDS + "\"><title>" + title + "</title></head>"
                    + "<body style=\"font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem\"><h1>" + title
                    + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></body></html>");
        }
        response.flushBuffer();
    }

    /** Through the stream or the writer, whichever the failed request had not taken yet. */
    private static void write(HttpServletResponse response, String body) throws IOException {
        try {
            response.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalStateException writerTaken) {
            response.getWriter().write(body);
        }
    }

    private String text(String key, java.util.Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(MessageSource messages,
                org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> locales) {
            FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseUnavailableFilter(messages, locales));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }
}
