package cn.govcloud.guard.shared;

import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Puts a service's refusal onto the form that caused it, so the person sees the reason next to the
 * field and keeps what they typed, instead of landing on an error page. It lives in the shared kernel
 * because every module's form controllers need it and none of them may depend on {@code web}.
 * Messages may be bundle keys or plain text; Spring resolves keys when the form is rendered.
 */
public final class FormErrors {

    private FormErrors() {
    }

    /** Each field error on its field (or as a form-wide error if the form has no such field). */
    public static void reject(BindingResult form, InvalidInput e) {
        Map<String, String> fields = e.fieldErrors();
        fields.forEach((field, message) -> {
            if (hasField(form, field)) {
                form.addError(new FieldError(form.getObjectName(), field, null, false,
                        new String[] {message}, null, message));
            } else {
                form.addError(new ObjectError(form.getObjectName(), new String[] {message}, null, message));
            }
        });
        if (fields.isEmpty()) {
            form.addError(new ObjectError(form.getObjectName(), new String[] {e.getMessage()}, null, e.getMessage()));
        }
    }

    /** A form-wide error naming the rule, e.g. "A11.1". */
    public static void reject(BindingResult form, RuleViolation e) {
        form.addError(new ObjectError(form.getObjectName(), new String[] {e.getMessage(), "rule." + e.rule()},
                new Object[] {e.rule()}, e.getMessage() + " (" + e.rule() + ")"));
    }

    private static boolean hasField(BindingResult form, String field) {
        Object target = form.getTarget();
        if (target == null) {
            return false;
        }
        if (target.getClass().isRecord()) {
            for (var component : target.getClass().getRecordComponents()) {
                if (component.getName().equals(field)) {
                    return true;
                }
            }
            return false;
        }
        return org.springframework.beans.PropertyAccessorFactory.forBeanPropertyAccess(target).isReadableProperty(field);
    }
}
