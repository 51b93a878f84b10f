package org.townbrain.checkin;

import org.townbrain.platform.throttle.Throttle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The fast lane of the busiest request in the application: a returning visitor's check-in,
 * {@code POST /api/checkin/{code}} with {@code X-Visitor-Token} and no phone number. It answers
 * that one case before the security chain, the metrics observation and Spring MVC, which were
 * four fifths of the application's time per check-in (JFR: request mapping and argument
 * resolution, request attributes, the firewall's patterns, observations). The answer is byte for
 * byte the one {@link CheckinApi} gives, with the headers the security chain would add.
 *
 * <p>It takes only what it fully understands: JSON content, a small body that is empty or an
 * object with at most {@code phone} (null or blank) and {@code consent} (true, false or null), a
 * well-formed token and venue code, a client within its rate limit, a known venue and visitor.
 * Anything else — a first visit, a bad body, an unknown venue or token, a flood, a database
 * error — goes on unchanged (the body replayed) to {@link CheckinApi}, which answers it as before;
 * the rate limit is then not counted twice.
 */
class ReturningCheckinFilter extends OncePerRequestFilter {

    /** Set when this request's check-in was already counted against the client's rate limit. */
    static final String COUNTED = ReturningCheckinFilter.class.getName() + ".counted";

    private static final int MAX_BODY = 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final ReturningCheckins checkins;
    private final Throttle limiter;
    private final Timer answered;
    private final MeterRegistry meters;

    ReturningCheckinFilter(ReturningCheckins checkins, Throttle limiter, MeterRegistry meters) {
        this.checkins = checkins;
        this.limiter = limiter;
        this.meters = meters;
        this.answered = Timer.builder("townbrain.checkin.returning")
                .description("returning visitors' check-ins answered by the fast lane").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader("X-Visitor-Token") == null || !PublicCheckinSecurity.isPublicCheckin(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        if (!isJson(request.getContentType()) || request.getContentLengthLong() > MAX_BODY) {
            declined("content", request, response, chain);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        HttpServletRequest replayed = new Replayed(request, body);
        Optional<VenueCode> code = VenueCode.parse(request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1));
        String token = request.getHeader("X-Visitor-Token");
        if (body.length > MAX_BODY || code.isEmpty() || !VisitorToken.wellFormed(token) || !withoutPhone(body)) {
            declined("request", replayed, response, chain);
            return;
        }
        try {
            limiter.acquire(PublicCheckinSecurity.LIMIT, request.getRemoteAddr());
        } catch (Throttle.Exceeded e) {
            declined("flood", replayed, response, chain); // not counted: CheckinApi asks again and answers 429
            return;
        }
        replayed.setAttribute(COUNTED, Boolean.TRUE);
        Optional<Checkins.Returning> done;
        try {
            done = checkins.checkIn(code.get(), token);
        } catch (DataAccessException e) {
            declined("database", replayed, response, chain); // answered, with its error, by the ordinary path
            return;
        }
        if (done.isEmpty()) {
            declined("unknown", replayed, response, chain);
            return;
        }
        // counted before the answer leaves: a client that has its answer sees it counted (tests read the count)
        answered.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        answer(request, response, done.get(), token);
    }

    /** Hands the request to the ordinary path, counting why (the fast lane's share is worth watching). */
    private void declined(String why, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        meters.counter("townbrain.checkin.returning.declined", "reason", why).increment();
        chain.doFilter(request, response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    /** True for an empty body or an object with nothing but a null or blank phone and a boolean or null consent. */
    static boolean withoutPhone(byte[] body) {
        if (body.length == 0) {
            return true;
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                boolean understood = switch (name) {
                    case "phone" -> value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_STRING && parser.getString().isBlank();
                    case "consent" -> value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
                    default -> false;
                };
                if (!understood) {
                    return false;
                }
            }
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** What {@link CheckinApi} answers a returning visitor, with the headers the security chain adds to every answer. */
    private static void answer(HttpServletRequest request, HttpServletResponse response, Checkins.Returning done, String token)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeNumberProperty("checkinId", done.checkinId());
            json.writeStringProperty("visitorToken", token);
            json.writeBooleanProperty("sameVisit", done.sameVisit());
            json.writeStringProperty("venue", done.venueName());
            json.writeEndObject();
        }
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"); // as Spring Security's default
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(out.size());
        out.writeTo(response.getOutputStream());
    }

    /** The request with the bytes already read put back in front of whatever is left of the body. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final ServletInputStream in;

        Replayed(HttpServletRequest request, byte[] read) throws IOException {
            super(request);
            InputStream rest = request.getInputStream();
            InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(read), rest);
            this.in = new ServletInputStream() {

                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = all.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = all.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return in;
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.Charset.forName(
                    getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8")));
        }
    }
}
