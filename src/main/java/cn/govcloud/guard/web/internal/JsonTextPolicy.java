package cn.govcloud.guard.web.internal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * {@link TextPolicy} and whole numbers for JSON bodies (issue 20 point 10): every JSON string goes
 * through the policy, and {@code 2.7} for a whole-number field is refused instead of stored as 2.
 * Both fail as {@code MismatchedInputException}s carrying the field's path, which {@link ApiProblems}
 * turns into a 400 naming the field.
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
                if (why != null) {
                    throw ctxt.weirdStringException("", String.class, why);
                }
                return value;
            }
        });
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).addModule(module);
    }
}
