package cn.govcloud.guard.web.internal;

import java.util.Arrays;
import java.util.Collection;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * {@link TextPolicy} and whole numbers for JSON bodies (issue 20 point 10): every JSON string goes
 * through the policy, and {@code 2.7} for a whole-number field is refused instead of stored as 2. While
 * a request body is read, each problem is noted on its field in {@link InputProblems} and reading goes
 * on, so one answer names every invalid field; outside a request body they fail as before, as
 * {@code MismatchedInputException}s carrying the field's path, which {@link ApiProblems} names.
 */
@Configuration(proxyBeanMethods = false)
class JsonTextPolicy {

    @Bean
    JsonMapperBuilderCustomizer wholeNumbersAndCleanText() {
        SimpleModule module = new SimpleModule("govguard-text-policy");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) {
                String value = super.deserialize(p, ctxt);
                String why = TextPolicy.violation(value);
                if (why != null && !InputProblems.note(p, why)) {
                    throw ctxt.weirdStringException("", String.class, why);
                }
                return why == null ? value : null;
            }
        });
        whole(module, Integer.class, int.class);
        whole(module, Long.class, long.class);
        whole(module, Short.class, short.class);
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).addModule(module).addHandler(new NoteAndReadOn());
    }

    @SuppressWarnings("unchecked")
    private static <T> void whole(SimpleModule module, Class<T> wrapper, Class<?> primitive) {
        module.addDeserializer(wrapper, new WholeNumber<>((ValueDeserializer<T>) NumberDeserializers.find(wrapper)));
        module.addDeserializer((Class<T>) primitive, new WholeNumber<>((ValueDeserializer<T>) NumberDeserializers.find(primitive)));
    }

    /** Jackson's own whole-number reader, except that a fraction is noted on its field rather than failing the whole body. */
    private static final class WholeNumber<T> extends ValueDeserializer<T> {
        private final ValueDeserializer<T> standard;

        WholeNumber(ValueDeserializer<T> standard) {
            this.standard = standard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ValueDeserializer<?> contextual = standard.createContextual(ctxt, property);
            return contextual == standard ? this : new WholeNumber<>((ValueDeserializer<T>) contextual);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT && InputProblems.note(p, "must be a whole number")) {
                return (T) standard.getNullValue(ctxt);
            }
            return standard.deserialize(p, ctxt);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return standard.getNullValue(ctxt);
        }

        @Override
        public Class<?> handledType() {
            return standard.handledType();
        }

        @Override
        public tools.jackson.databind.type.LogicalType logicalType() {
            return standard.logicalType();
        }
    }

    /** A value of the wrong kind while a request body is read: noted on its field, a placeholder read in its place. */
    private static final class NoteAndReadOn extends DeserializationProblemHandler {
        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> target, String value, String failureMsg) {
            return InputProblems.note(ctxt.getParser(), expected(target)) ? placeholder(target) : NOT_HANDLED;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> target, Number value, String failureMsg) {
            return InputProblems.note(ctxt.getParser(), expected(target)) ? placeholder(target) : NOT_HANDLED;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType target, JsonToken token, JsonParser p, String failureMsg) {
            if (!InputProblems.note(p, expected(target.getRawClass()))) {
                return NOT_HANDLED;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
            return placeholder(target.getRawClass());
        }

        static String expected(Class<?> type) {
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                    || type == short.class || type == Short.class) {
                return "must be a whole number";
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
                return "has the wrong type (expected a number)";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "has the wrong type (expected true or false)";
            }
            if (type.isEnum()) {
                return "must be one of " + Arrays.toString(type.getEnumConstants());
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "has the wrong type (expected a list)";
            }
            return type == String.class ? "has the wrong type (expected text)" : "has the wrong type";
        }

        static Object placeholder(Class<?> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            if (type == boolean.class) {
                return false;
            }
            if (type == char.class) {
                return '\0';
            }
            return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f
                    : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : 0;
        }
    }
}
