package cn.govcloud.guard.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Issue 23 points 4 and 12: every action code the platform writes to the audit log has a sentence in both bundles, so
 * the audit page never shows a record only as machine text. The codes are read from the sources: each
 * {@code AuditEvent.of(…)}/{@code success(…)}/{@code new AuditEvent(…)}'s first argument — a literal, a choice of
 * literals, or a literal prefix with a choice; a code built any other way must be listed in {@link #BUILT}, so a new one
 * fails here until someone names it.
 */
class AuditActionLabelsUnitTests {
    private static final Pattern CALL = Pattern.compile("(?:AuditEvent\\.(?:of|success)|new AuditEvent)\\(");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern CHOICE = Pattern.compile("\\w+ \\? \"([^\"]+)\" : \"([^\"]+)\"");
    private static final Pattern PREFIXED_CHOICE = Pattern.compile("\"([^\"]+)\" \\+ \\(\\w+ \\? \"([^\"]+)\" : \"([^\"]+)\"\\)");

    /** The codes built at run time, by the expression that builds them (the values they take, as of this writing). */
    private static final Map<String, List<String>> BUILT = Map.ofEntries(
            Map.entry("action", List.of("identity.user.mobile.change", "identity.user.mobile.changeOwn")), // MobileNumberService
            Map.entry("action + \".\" + verb", outbound("siem.destination", "ticketing.desk")), // OutboundEndpoints
            Map.entry("request.list() + \".export\"", List.of("hazards.export", "access.channels.export", "identity.users.export")),
            Map.entry("kind.action()", List.of("scheduling.close", "inspection.complete")), // FiledReports: Closing, Completion
            Map.entry("CalendarManagement.AUDIT_ACTION", List.of("calendar.year.load")),
            Map.entry("AUDIT_ACTION", List.of("calendar.year.load")),
            Map.entry("\"incident.report.\" + kind.name().toLowerCase(Locale.ROOT)",
                    List.of("incident.report.initial", "incident.report.progress", "incident.report.final")),
            Map.entry("\"systems.\" + action.name().toLowerCase()", lifecycle()),
            Map.entry("\"ticketing.callback.\" + event.event().toLowerCase(Locale.ROOT)",
                    List.of("ticketing.callback.acknowledged", "ticketing.callback.feedback", "ticketing.callback.status")),
            Map.entry("\"http.\" + request.getMethod().toLowerCase(Locale.ROOT) + \" \" + (pattern != null ? pattern : path)",
                    List.of("http.post /systems/{id}", "http.delete /x")));

    private final AuditActionLabels labels = new AuditActionLabels(messages());

    @Test
    void everyWrittenActionCodeHasASentenceInBothLanguages() throws IOException {
        Map<String, String> codes = writtenCodes();
        assertThat(codes).hasSizeGreaterThan(150).containsKeys("identity.user.create", "auth.login", "access.visit.sign-in",
                "hazards.acknowledge", "systems.suspend", "audit.verify");
        List<String> missing = new ArrayList<>();
        for (var code : codes.entrySet()) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                if (!labels.explains(code.getKey(), locale)) {
                    missing.add(code.getKey() + " (" + locale + ", written in " + code.getValue() + ")");
                }
            }
        }
        assertThat(missing).as("audit.say.<code> missing in messages/audit*.properties").isEmpty();
    }

    @Test
    void aRecordReadsAsAChineseSentenceWithTheTargetInWords() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(labels.sentence("identity.user.create", "user:42", "bob in organisation 3", zh)).isEqualTo("创建用户 42");
        assertThat(labels.sentence("access.visit.sign-in", "visit:7", null, zh)).isEqualTo("来访 7签到");
        assertThat(labels.sentence("notify.channel.create", "channel:5", null, zh)).isEqualTo("创建通知渠道 5");
        assertThat(labels.sentence("access.channel.open", "channel:5", null, zh)).isEqualTo("开通远程运维通道 5");
        assertThat(labels.sentence("calendar.year.load", "calendar_year:2027", "added 2027", zh)).isEqualTo("载入2027 年的节假日安排");
        assertThat(labels.sentence("intake.triage.dismiss", "finding:9", "误报，已核实", zh)).isEqualTo("驳回扫描发现 9：误报，已核实");
        assertThat(labels.sentence("http.post /systems/{id}", "/systems/3", "status=403", zh))
                .isEqualTo("提交请求 /systems/3，服务器答复 403");
        assertThat(labels.sentence("hazards.export", "list:hazards", "12 rows", zh)).isEqualTo("导出清单：隐患");
        assertThat(labels.sentence("identity.user.create", "user:42", null, Locale.ENGLISH)).isEqualTo("Created user 42");
        assertThat(labels.sentence("auth.login", "user:nobody-at-all", "unknown user", zh)).isEqualTo("登录（用户）");
        assertThat(labels.sentence("identity.users.export", "list:identity.users", "rows=1", zh)).isEqualTo("导出清单：账户与权限 · 用户");
    }

    @Test
    void aCodeNobodyNamedStillReadsAsItsWordsAndTarget() {
        assertThat(labels.sentence("hazards.unheard-of", "hazard:3", "x", Locale.SIMPLIFIED_CHINESE)).isEqualTo("隐患 · unheard-of：隐患 3");
        assertThat(labels.sentence("x.y", "thing:1", null, Locale.SIMPLIFIED_CHINESE)).isEqualTo("x · y：thing:1");
    }

    /** code → the first file that writes it. */
    static Map<String, String> writtenCodes() throws IOException {
        Map<String, String> codes = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = read(file);
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    if (file.endsWith("AuditEvent.java")) {
                        continue; // the record's own constructor calls
                    }
                    String argument = firstArgument(source, call.end()).replaceAll("\\s+", " ").strip();
                    List<String> found = codes(argument);
                    if (found == null) {
                        unknown.add(file.getFileName() + ": " + argument);
                    } else {
                        found.forEach(c -> codes.putIfAbsent(c, file.getFileName().toString()));
                    }
                }
            }
        }
        assertThat(unknown).as("audit action codes built at run time: list their values in AuditActionLabelsUnitTests.BUILT")
                .isEmpty();
        return codes;
    }

    private static List<String> codes(String argument) {
        Matcher m;
        if ((m = LITERAL.matcher(argument)).matches()) {
            return List.of(m.group(1));
        }
        if ((m = CHOICE.matcher(argument)).matches()) {
            return List.of(m.group(1), m.group(2));
        }
        if ((m = PREFIXED_CHOICE.matcher(argument)).matches()) {
            return List.of(m.group(1) + m.group(2), m.group(1) + m.group(3));
        }
        return BUILT.get(argument);
    }

    private static String firstArgument(String source, int from) {
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                i = source.indexOf('"', i + 1);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return source.substring(from, i);
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return source.substring(from, i);
            }
        }
        throw new IllegalStateException("unbalanced call at " + from);
    }

    private static List<String> outbound(String... actions) {
        List<String> codes = new ArrayList<>();
        for (String action : actions) {
            for (String verb : List.of("create", "update", "delete")) {
                codes.add(action + "." + verb);
            }
        }
        return codes;
    }

    /** Every step of a system's lifecycle ({@code systems.<step>}), read from the enum so a new step needs its sentence. */
    private static List<String> lifecycle() {
        try {
            Object[] steps = Class.forName("cn.govcloud.guard.systems.internal.Lifecycle").getEnumConstants();
            return Arrays.stream(steps).map(s -> "systems." + ((Enum<?>) s).name().toLowerCase(Locale.ROOT)).toList();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("messages/audit");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
