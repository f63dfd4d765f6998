package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as RFC 9457 problem details. A client's mistake names the parameter or
 * field and the rule it broke; anything unexpected is a bare 500 whose detail never carries SQL,
 * stack traces or PHI.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /**
     * Dates in query parameters and paths: ISO (YYYY-MM-DD) in years 1 to 9999. java.time reads years
     * up to ±999,999,999, and arithmetic on such a date ("the 30 days before {@code to}") overflowed
     * into a 500 (ApiFuzzIT: {@code /api/coding/productivity?to=-999999999-01-01}); refused here, it is
     * a 400 naming the parameter, for every endpoint at once.
     */
    @org.springframework.web.bind.annotation.InitBinder
    void dates(org.springframework.web.bind.WebDataBinder binder) {
        binder.registerCustomEditor(java.time.LocalDate.class, new java.beans.PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || text.isBlank()) {
                    setValue(null);
                    return;
                }
                java.time.LocalDate date;
                try {
                    date = java.time.LocalDate.parse(text.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("expected a date as YYYY-MM-DD");
                }
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    throw new IllegalArgumentException("a date in the years 1 to 9999");
                }
                setValue(date);
            }
        });
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return invalid(e.getMessage());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraint(ConstraintViolationException e) {
        List<String> problems = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> problems.add(v.getPropertyPath() + ": " + v.getMessage()));
        return invalid(String.join("; ", problems));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security answers these, and audits them
        }
        // Exception messages can quote patient data; the log gets the type and where it was thrown.
        log.error("Unexpected error on {} {}: {} at {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Custodian could not complete the request. The error was logged.");
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage())));
        return handleExceptionInternal(ex, invalid(String.join("; ", problems)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(error.getField() + ": " + error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> problems.add(error.getDefaultMessage()));
        return handleExceptionInternal(ex, invalid(String.join("; ", problems)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type == null ? "a valid value"
                : Number.class.isAssignableFrom(type) || type == long.class || type == int.class ? "a whole number"
                : type.getSimpleName().equals("LocalDate") ? "a date as YYYY-MM-DD"
                : type.getSimpleName().equals("Instant") ? "a date-time as 2026-01-31T00:00:00Z"
                : "a valid " + type.getSimpleName();
        return handleExceptionInternal(ex, invalid(name + ": expected " + expected), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && String.valueOf(t.getMessage()).startsWith("request body larger than")) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "request body: larger than this endpoint accepts");
                problem.setTitle("Content too large");
                return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        // The parser's message can quote the body (PHI); say only where the problem is and, for our
        // own refusals and type mismatches, what was expected.
        return handleExceptionInternal(ex, invalid("request body: " + whereAndWhat(ex)), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    private static String whereAndWhat(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.databind.exc.MismatchedInputException m) {
                StringBuilder path = new StringBuilder();
                for (var ref : m.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                String what = m instanceof SafeJsonInput.UnsafeInput ? m.getOriginalMessage()
                        : m.getTargetType() == null ? "not a valid value"
                        : m.getTargetType().isEnum() ? "expected one of " + java.util.Arrays.toString(m.getTargetType().getEnumConstants())
                        : m.getTargetType() == java.time.LocalDate.class ? "expected a date as YYYY-MM-DD"
                        : "expected " + m.getTargetType().getSimpleName();
                return (path.isEmpty() ? "" : "field '" + path + "': ") + what;
            }
        }
        return "not valid JSON for this request";
    }

    @Override
    protected ResponseEntity<Object> handleErrorResponseException(org.springframework.web.ErrorResponseException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof org.springframework.web.server.ResponseStatusException rse && rse.getReason() != null
                && status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rse.getReason());
            problem.setTitle("Content too large");
            return handleExceptionInternal(ex, problem, headers, status, request);
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    private static ProblemDetail invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return problem;
    }
}
