package org.townbrain.platform.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.townbrain.platform.scope.OutOfScopeException;

/**
 * Turns exceptions into answers: RFC 9457 problem details for the JSON API, a friendly page
 * with the right status for people. Never echoes an unexpected exception's message.
 */
@ControllerAdvice
class ErrorAnswers {

    private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

    private final MessageSource messages;

    ErrorAnswers(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({NotFoundException.class, OutOfScopeException.class, NoResourceFoundException.class,
            NoHandlerFoundException.class})
    Object notFound(Exception e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, text("error.notFound"), Map.of());
    }

    @ExceptionHandler({ConflictException.class, OptimisticLockingFailureException.class})
    Object conflict(RuntimeException e, HttpServletRequest request) {
        String detail = e instanceof ConflictException ? e.getMessage() : text("error.conflict");
        return answer(request, HttpStatus.CONFLICT, detail, Map.of());
    }

    @ExceptionHandler(RejectedException.class)
    Object rejected(RejectedException e, HttpServletRequest request) {
        Map<String, Object> extra = e.field() == null ? Map.of() : Map.of("field", e.field());
        return answer(request, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), extra);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    Object invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                messages.getMessage(f, LocaleContextHolder.getLocale())));
        return answer(request, HttpStatus.BAD_REQUEST, text("error.invalid"), Map.of("errors", errors));
    }

    @ExceptionHandler({ConstraintViolationException.class, MethodArgumentTypeMismatchException.class,
            IllegalArgumentException.class, org.springframework.http.converter.HttpMessageNotReadableException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class,
            org.springframework.web.multipart.MultipartException.class})
    Object badRequest(Exception e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, text("error.badRequest"), Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(Exception e, HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, text("error.tooLarge"), Map.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    Object integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Refused a write that breaks a database constraint: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return answer(request, HttpStatus.CONFLICT, text("error.integrity"), Map.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    Object denied(Exception e, HttpServletRequest request) throws Exception {
        // let Spring Security decide between 401 (not logged in) and 403
        throw e;
    }

    static boolean wantsJson(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String accept = request.getHeader("Accept");
        return uri.startsWith(request.getContextPath() + "/api/")
                || (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/html"));
    }

    private Object answer(HttpServletRequest request, HttpStatus status, String detail, Map<String, Object> extra) {
        if (wantsJson(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(status.getReasonPhrase());
            problem.setInstance(URI.create(request.getRequestURI()));
            extra.forEach(problem::setProperty);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        page.addAllObjects(extra);
        return page;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
