package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Issue 23 point 3, post/redirect/get everywhere: every POST handler of a page controller ({@code *Pages}, found by
 * reflection over the {@code @Controller} classes) answers with {@code redirect:} once the work is done, so a refresh
 * never asks to resubmit; refusals are flashed to the page the form came from.
 *
 * <p>It is a static check of the handler's source: each {@code return} of the handler (and of the helpers in its module it
 * returns through, e.g. {@code view.act(…)}) is classified as a redirect or a rendered view. A handler must redirect, and
 * may render only if it is in {@link #VALIDATION_RE_RENDERS} — standard PRG practice keeps re-rendering a form with field
 * errors and the user's input on the POST (nothing was saved, so a refresh re-validates the same input).
 */
class PostRedirectGetUnitTests {

    /**
     * The handlers that re-render their form on the POST when the input is invalid (InvalidInput / field errors; nothing
     * saved). Everything else they do ends in a redirect. Key: Class#method.
     */
    static final Map<String, String> VALIDATION_RE_RENDERS = new TreeMap<>(Map.ofEntries(
            // identity: the create forms keep what was typed (never a password); the TOTP code form says the code was wrong
            Map.entry("AccountPages#passwordPage", "password change: field errors (the passwords are not echoed)"),
            Map.entry("AccountPages#secondFactorPage", "TOTP enrolment: a wrong code beside the field (the secret lives in the session)"),
            Map.entry("ApiTokenPages#page", "new token form: field errors + input (the secret itself is shown once on a GET)"),
            Map.entry("OrganisationPages#page", "new organisation form: field errors + input"),
            Map.entry("RolePages#page", "role assignment: the refused combination (三权分立) beside the ticked roles"),
            Map.entry("UserPages#page", "new user form: field errors + input"),
            // access: the create forms
            Map.entry("AccessAccountPages#register", "new account form: field errors + input"),
            Map.entry("GrantPages#request", "grant request form: field errors + input"),
            Map.entry("RemoteChannelPages#request", "channel request form: field errors + input"),
            Map.entry("VisitPages#authorise", "visit form with visitor rows: field errors + input"),
            // data
            Map.entry("DataPages#importFile", "catalog import: each rejected row listed beside the upload"),
            Map.entry("DataPages#create", "dataset form: field errors + input"),
            Map.entry("DataPages#update", "dataset form: field errors + input"),
            Map.entry("DataPages#setPolicy", "backup policy form: field errors + input"),
            Map.entry("DataPages#backup", "backup record form: field errors + input"),
            Map.entry("DataPages#restoreTest", "restore test form: field errors + input"),
            Map.entry("TransferPages#register", "transfer form: field errors + input"),
            Map.entry("TransferPages#updateTransfer", "transfer row form: field errors"),
            // duties, hazards, incidents (rule refusals there are flashed; only field errors re-render)
            Map.entry("DutyPages#submit", "duty evidence form: field errors + input"),
            Map.entry("DutyPages#review", "duty review form: a return without a comment beside the field (nothing decided)"),
            Map.entry("DutyPages#waive", "duty waiver form: a missing reason beside the field (nothing waived)"),
            Map.entry("IntakePages#upload", "scanner report upload: the file's errors beside the upload"),
            Map.entry("HazardPages#raise", "new hazard form: field errors + input"),
            Map.entry("HazardPages#step", "hazard step forms (acknowledge, feedback, retest…): field errors + input"),
            Map.entry("IncidentPages#create", "first report form: field errors + input"),
            Map.entry("PlanAndDrillPages#recordPlan", "plan form: field errors + input"),
            Map.entry("PlanAndDrillPages#recordDrill", "drill form: field errors + input"),
            // notify, rules
            Map.entry("ChannelPages#create", "notification channel form: field errors + input (never the secret)"),
            Map.entry("MessagingPages#show", "SMS / 政务微信 / 政务钉钉 gateway forms: field errors + input (never the secret)"),
            // siem (issue 21 point 2)
            Map.entry("SiemPages#create", "SIEM destination form: field errors + input (never the secret)"),
            // intake's syslog receiver (issue 21 point 3)
            Map.entry("SyslogPages#test", "the mapping test screen: how a pasted sample line maps, shown beside it — nothing is saved"),
            Map.entry("SyslogPages#senders", "allowed senders form: field errors + input"),
            Map.entry("SyslogPages#form", "mapping rule form (new and edit): field errors + input"),
            Map.entry("RulePages#page", "rule overlay: the YAML's errors with line numbers beside the text"),
            // platform: the register forms (PageForms.attempt puts the errors and values on the form; PageForms.save, used by
            // the hardware and network registers, re-renders through a Supplier this check does not follow — same practice)
            Map.entry("CertificationPages#page", "certification form: field errors + input"),
            Map.entry("ExitPages#exits", "provider exit form: field errors + input"),
            Map.entry("ExitPages#exit", "clearance form: field errors + input"),
            Map.entry("SupplyChainPages#register", "SBOM / advisory upload and new item form: field errors + input"),
            Map.entry("SupplyChainPages#item", "assessment and agreement forms of an item: field errors + input"),
            // systems
            Map.entry("LedgerPages#file", "assessment filing form: field errors + input"),
            // issue 22 point 1: the asset and exposure inventory (A7.1)
            Map.entry("AssetPages#save", "inventory row form (add and change): field errors + input"),
            Map.entry("AssetPages#importFile", "inventory import: each refused cell listed by row and column beside the upload"),
            Map.entry("SystemPages#list", "system import: each rejected row listed beside the upload"),
            Map.entry("SystemPages#create", "system form: field errors + input"),
            Map.entry("SystemPages#edit", "system form: field errors + input"),
            Map.entry("SystemPageView#act", "system page forms (agreement, items, contractors…): field errors + input; refusals flashed"),
            Map.entry("WorkOrderPages#show", "work order confirmation: field errors + input; refusals flashed")));

    /**
     * POST handlers that change nothing and only show a computed answer beside the form, so refreshing repeats a dry
     * run instead of repeating an action. Key: Class#method.
     */
    static final Map<String, String> DRY_RUNS = Map.of(
            "SyslogPages#test", "the syslog mapping test screen: how a pasted sample line would map (a line too long for a URL)");

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern RETURN = Pattern.compile("\\breturn\\s+([^;]*);");
    private static final Pattern CALL = Pattern.compile("^(?:[\\w.]+\\.)?(\\w+)\\s*\\(");

    record Outcome(Set<String> redirects, Set<String> renders) {
    }

    @Test
    void A23_3_everyPagePostRedirectsAndOnlyValidationReRendersStayOnThePost() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> usedAllowances = new TreeSet<>();
        int handlers = 0;
        for (Class<?> pages : pageControllers()) {
            for (Method m : pages.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
                if (mapping == null || !List.of(mapping.method()).contains(RequestMethod.POST)) {
                    continue;
                }
                handlers++;
                Outcome outcome = new Outcome(new TreeSet<>(), new TreeSet<>());
                Set<String> renderedBy = new TreeSet<>();
                analyse(pages, m.getName(), outcome, renderedBy, new LinkedHashSet<>());
                String key = pages.getSimpleName() + "#" + m.getName();
                if (outcome.redirects().isEmpty() && !DRY_RUNS.containsKey(key)) {
                    problems.add(key + " never redirects: " + outcome.renders());
                }
                if (!outcome.renders().isEmpty()) {
                    List<String> allowed = renderedBy.stream().filter(VALIDATION_RE_RENDERS::containsKey).toList();
                    if (allowed.size() < renderedBy.size()) {
                        problems.add(key + " renders a view on the POST " + outcome.renders() + " via " + renderedBy);
                    }
                    usedAllowances.addAll(allowed);
                }
            }
        }
        assertThat(handlers).as("page POST handlers found").isGreaterThan(100);
        assertThat(problems).as("POST handlers that leave the browser on the POST URL").isEmpty();
        assertThat(usedAllowances).as("allow-list entries that no longer render (remove them)")
                .containsExactlyInAnyOrderElementsOf(VALIDATION_RE_RENDERS.keySet());
    }

    /** Collects the returns of {@code method} in {@code owner}'s source, following calls to String methods of the module. */
    private void analyse(Class<?> owner, String method, Outcome outcome, Set<String> renderedBy, Set<String> seen) throws IOException {
        String key = owner.getSimpleName() + "#" + method;
        if (!seen.add(key)) {
            return;
        }
        String source = Files.readString(SOURCES.resolve(owner.getName().replace('.', '/') + ".java"));
        for (String body : bodies(source, method)) {
            Matcher r = RETURN.matcher(withoutLambdas(body));
            while (r.find()) {
                String expression = r.group(1).strip();
                if (expression.startsWith("\"redirect:") || expression.matches("(?s).*\\?\\s*\"redirect:.*:\\s*\"redirect:.*")) {
                    outcome.redirects().add(expression);
                } else if (expression.startsWith("\"")) {
                    outcome.renders().add(expression);
                    renderedBy.add(key);
                } else {
                    Matcher call = CALL.matcher(expression);
                    if (call.find()) {
                        Class<?> helper = helperDeclaring(owner, call.group(1));
                        if (helper != null) {
                            analyse(helper, call.group(1), outcome, renderedBy, seen);
                        }
                    }
                }
            }
        }
    }

    /** The class of {@code owner}'s module (same package or a sibling) declaring a String-returning method of that name. */
    private static Class<?> helperDeclaring(Class<?> owner, String name) throws IOException {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getReturnType() == String.class) {
                return owner;
            }
        }
        String pkg = owner.getPackageName();
        String module = pkg.substring(0, pkg.indexOf('.', "cn.govcloud.guard.".length()) < 0 ? pkg.length()
                : pkg.indexOf('.', "cn.govcloud.guard.".length()));
        try (Stream<Path> files = Files.walk(SOURCES.resolve(module.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String className = SOURCES.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                try {
                    Class<?> c = Class.forName(className);
                    for (Method m : c.getDeclaredMethods()) {
                        if (m.getName().equals(name) && m.getReturnType() == String.class && c != owner
                                && !m.isSynthetic() && c.getSimpleName().matches(".*(Pages|View|Forms|Messages)")) {
                            return c;
                        }
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // package-info and the like
                }
            }
        }
        return null;
    }

    /** The bodies of every method called {@code name} (overloads included). */
    static List<String> bodies(String source, String name) {
        List<String> bodies = new ArrayList<>();
        Matcher m = Pattern.compile("\\n\\s*(?:(?:public|private|protected|static|final)\\s+)*[\\w<>\\[\\], ?.]+\\s+" + name
                + "\\s*\\(").matcher(source);
        while (m.find()) {
            int open = source.indexOf('{', m.end());
            int semicolon = source.indexOf(';', m.end());
            if (open < 0 || (semicolon >= 0 && semicolon < open && !source.substring(m.end(), open).contains(")"))) {
                continue;
            }
            bodies.add(source.substring(open, close(source, open) + 1));
        }
        return bodies;
    }

    /** The body with lambda blocks ({@code -> { … }}) removed: their returns answer the lambda, not the handler. */
    static String withoutLambdas(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        Matcher arrow = Pattern.compile("->\\s*\\{").matcher(body);
        while (arrow.find(i)) {
            int open = body.indexOf('{', arrow.start());
            out.append(body, i, arrow.start());
            i = close(body, open) + 1;
        }
        return out.append(body.substring(i)).toString();
    }

    private static int close(String s, int open) {
        int depth = 0;
        boolean string = false;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' && s.charAt(j - 1) != '\\') {
                string = !string;
            } else if (!string && c == '{') {
                depth++;
            } else if (!string && c == '}' && --depth == 0) {
                return j;
            }
        }
        return s.length() - 1;
    }

    private static List<Class<?>> pageControllers() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition d : scanner.findCandidateComponents("cn.govcloud.guard")) {
            if (d.getBeanClassName().endsWith("Pages")) {
                try {
                    found.add(Class.forName(d.getBeanClassName()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }
}
