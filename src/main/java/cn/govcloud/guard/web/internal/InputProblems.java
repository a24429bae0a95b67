package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;

/**
 * Every invalid field of a request body named in one answer (issue 20 point 10). While Spring reads a
 * {@code @RequestBody}, the JSON policy ({@link JsonTextPolicy}) does not stop at the first bad value:
 * it notes the field and why here and reads on. After the body is read, anything noted is answered as
 * one 400 naming every field — together with the body's Bean Validation errors where the handler asks
 * for them ({@code @Valid}/{@code @Validated}) — and the handler never runs, so nothing is changed.
 * Map-based bodies get the same text, type and whole-number checks for every value in them.
 */
@ControllerAdvice
class InputProblems implements RequestBodyAdvice {
    private static final String NOTED = InputProblems.class.getName() + ".noted";
    private final Validator validator;
    private final AuditLog auditLog;

    InputProblems(Validator validator, AuditLog auditLog) {
        this.validator = validator;
        this.auditLog = auditLog;
    }

    /** The problems noted so far while reading this request's body, or null when no body is being read. */
    @SuppressWarnings("unchecked")
    static Map<String, String> noted() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : (Map<String, String>) request.getAttribute(NOTED, RequestAttributes.SCOPE_REQUEST);
    }

    /** Notes a problem at the parser's current field; false when no body is being read (the caller then throws). */
    static boolean note(JsonParser parser, String why) {
        Map<String, String> noted = noted();
        if (noted == null) {
            return false;
        }
        noted.putIfAbsent(path(parser.streamReadContext()), why);
        return true;
    }

    /** The problems noted while reading the body, no longer collecting; empty if none. */
    static Map<String, String> drain() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Map<String, String> noted = noted();
        if (request != null) {
            request.removeAttribute(NOTED, RequestAttributes.SCOPE_REQUEST);
        }
        return noted == null ? Map.of() : noted;
    }

    static String path(TokenStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                path.insert(0, (path.isEmpty() || path.charAt(0) == '[' ? "" : ".")).insert(0, c.currentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(NOTED, new LinkedHashMap<String, String>(), RequestAttributes.SCOPE_REQUEST);
        }
        return input;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        Map<String, String> errors = new LinkedHashMap<>(drain());
        if (errors.isEmpty()) {
            return body;
        }
        if (body != null && (parameter.hasParameterAnnotation(jakarta.validation.Valid.class)
                || parameter.hasParameterAnnotation(Validated.class))) {
            for (ConstraintViolation<Object> violation : validator.validate(body)) {
                errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
            }
        }
        auditRefusedLogin(body, errors);
        throw new InvalidInput("Some fields are not valid.", errors);
    }

    /** A login refused for its input is still a login attempt, and audited as one (A7.4); the username only if it is clean. */
    private void auditRefusedLogin(Object body, Map<String, String> errors) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        if (!(request.getRequestURI().substring(request.getContextPath().length()).equals("/api/v1/auth/login"))) {
            return;
        }
        String user = "(invalid username)";
        try {
            java.lang.reflect.Method accessor = body == null ? null : body.getClass().getMethod("username");
            if (accessor != null) {
                accessor.setAccessible(true);
            }
            Object name = accessor == null ? null : accessor.invoke(body);
            if (name instanceof String s && !errors.containsKey("username") && TextPolicy.violation(s) == null) {
                user = s;
            }
        } catch (ReflectiveOperationException | RuntimeException unknownShape) {
            // no username to name
        }
        auditLog.record(AuditEvent.of("auth.login", "login", AuditResult.FAILURE, "refused input: " + errors.keySet())
                .by(user, null).from(request.getRemoteAddr()));
    }

    @Override
    public Object handleEmptyBody(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                  Class<? extends HttpMessageConverter<?>> converterType) {
        drain();
        return body;
    }
}
