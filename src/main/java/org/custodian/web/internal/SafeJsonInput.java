package org.custodian.web.internal;

import java.time.LocalDate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * What JSON text and dates the API takes (issue 22, finding 8): a NUL character or an unpaired
 * surrogate in a string, or a date outside the years 1 to 9999, is refused at parsing with a 400
 * that names the field, rather than reaching PostgreSQL and failing as a 500.
 */
@Configuration(proxyBeanMethods = false)
class SafeJsonInput {

    /** A refusal whose message is ours (it quotes nothing that was sent) and can be shown. */
    static final class UnsafeInput extends MismatchedInputException {
        UnsafeInput(JsonParser p, String message, Class<?> type) {
            super(p, message, type);
        }
    }

    @Bean
    JacksonModule safeJsonInputModule() {
        SimpleModule module = new SimpleModule("custodian-safe-input");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
                String s = super.deserialize(p, ctxt);
                String problem = TextRules.problem(s);
                if (problem != null) {
                    throw new UnsafeInput(p, problem, String.class);
                }
                return s;
            }
        });
        module.addDeserializer(LocalDate.class, new tools.jackson.databind.deser.std.StdDeserializer<LocalDate>(LocalDate.class) {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
                LocalDate d = LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
                if (d != null && (d.getYear() < 1 || d.getYear() > 9999)) {
                    throw new UnsafeInput(p, "a date as YYYY-MM-DD between 0001-01-01 and 9999-12-31", LocalDate.class);
                }
                return d;
            }
        });
        return module;
    }

    /** Rules every text of a request keeps: no NUL (PostgreSQL refuses it), no unpaired surrogate (not Unicode). */
    static final class TextRules {
        private TextRules() {
        }

        static String problem(String s) {
            if (s == null) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    return "text must not contain a NUL (\\u0000) character";
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return "text must not contain an unpaired surrogate (not valid Unicode)";
                }
                if (Character.isLowSurrogate(c)) {
                    return "text must not contain an unpaired surrogate (not valid Unicode)";
                }
            }
            return null;
        }
    }
}
