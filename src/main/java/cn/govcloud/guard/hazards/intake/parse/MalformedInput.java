package cn.govcloud.guard.hazards.intake.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.context.MessageSource;

/**
 * The only exception the intake parsers throw for bad input (a hostile, truncated, oversized or
 * wrongly encoded file, a wrong root element, a missing field). It says what is wrong and, where
 * known, where (line or result number), as a message key of {@code messages/intake*.properties} with
 * its arguments, so the uploader reads it in the UI's language (issue 24 point 9); an argument may
 * itself be a {@link Part} ("result 12 (line 40)"). {@link #getMessage()} is the English text, for
 * logs, the audit trail and the fuzz tests, which assert that nothing else escapes a parser.
 */
public class MalformedInput extends RuntimeException {
    private static final Properties ENGLISH = english();

    private final String key;
    private final List<Object> args;

    /** A piece of a message that is itself translated, e.g. where in the file. */
    public record Part(String key, List<Object> args) {
        public Part(String key, Object... args) {
            this(key, List.of(args));
        }
    }

    public MalformedInput(Part reason) {
        this(reason, null);
    }

    public MalformedInput(Part reason, Throwable cause) {
        super(english(reason), cause);
        this.key = reason.key();
        this.args = reason.args();
    }

    /** The reason in English ({@code key} then stands for it); kept for callers outside the parsers. */
    public MalformedInput(String message) {
        this(message, (Throwable) null);
    }

    public MalformedInput(String message, Throwable cause) {
        super(message, cause);
        this.key = null;
        this.args = List.of(message);
    }

    public static MalformedInput of(String key, Object... args) {
        return new MalformedInput(new Part(key, args));
    }

    public static MalformedInput of(Throwable cause, String key, Object... args) {
        return new MalformedInput(new Part(key, args), cause);
    }

    /** The message key, or null for a plain English text. */
    public String key() {
        return key;
    }

    /** The reason in {@code locale}, through the platform's messages. */
    public String render(MessageSource messages, Locale locale) {
        return key == null ? getMessage() : render(new Part(key, args), messages, locale);
    }

    private static String render(Part part, MessageSource messages, Locale locale) {
        Object[] values = part.args().stream().map(a -> a instanceof Part p ? render(p, messages, locale) : a).toArray();
        return messages.getMessage(part.key(), values, part.key(), locale);
    }

    private static String english(Part part) {
        Object[] values = part.args().stream().map(a -> a instanceof Part p ? english(p) : a).toArray();
        String pattern = ENGLISH.getProperty(part.key());
        return pattern == null ? part.key() : new MessageFormat(pattern, Locale.ENGLISH).format(values);
    }

    private static Properties english() {
        Properties p = new Properties();
        try (InputStream in = MalformedInput.class.getResourceAsStream("/messages/intake_en.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the keys themselves stand in
        }
        return p;
    }
}
