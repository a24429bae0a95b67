package cn.govcloud.guard.rules.web;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.internal.CatalogEntry;
import cn.govcloud.guard.rules.internal.CatalogSnapshot;
import cn.govcloud.guard.rules.internal.RuleCatalogService;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The catalog page's rows and the rule page's sections, in words, each overridden value beside its product value. */
@Component
class RuleViews {
    private final RuleCatalogService catalog;
    private final RuleTexts texts;

    RuleViews(RuleCatalogService catalog, RuleTexts texts) {
        this.catalog = catalog;
        this.texts = texts;
    }

    /**
     * One line of the table. A {@code …Base} value is the product catalog's, set only where the
     * overlay changed it, so the page can show both.
     */
    record Row(String id, String article, String title, String party, String appliesTo, String trigger, String due,
               String dueBase, String reminders, String remindersBase, String escalation, String escalationBase,
               boolean conditionsOverridden, boolean overridden) {
    }

    record FieldView(String name, String type, boolean required, boolean requiredOverridden, String label, String labelEn,
                     String options) {
    }

    record DocumentView(String name, boolean required, boolean requiredOverridden, String label, String labelEn) {
    }

    record Detail(Row row, Rule rule, String source, String note, String requirement, List<String> conditions,
                  String conditionsBase, List<FieldView> fields, List<DocumentView> documents, Set<String> overridden) {
    }

    /** Rules of one party (null: all) whose article starts with the prefix (case-insensitive; blank: all). */
    List<Row> rows(CatalogSnapshot snapshot, Rule.Party party, String articlePrefix) {
        String prefix = articlePrefix == null ? "" : articlePrefix.strip().toUpperCase(Locale.ROOT);
        return snapshot.rules().stream()
                .filter(r -> party == null || r.party() == party)
                .filter(r -> prefix.isEmpty() || r.article().toUpperCase(Locale.ROOT).startsWith(prefix)
                        || r.id().toUpperCase(Locale.ROOT).startsWith(prefix))
                .map(this::row).toList();
    }

    Row row(Rule rule) {
        Rule base = base(rule);
        Set<String> o = rule.overridden();
        boolean due = o.contains("due.kind") || o.contains("due.amount");
        boolean reminders = o.contains("reminders");
        boolean escalation = o.contains("escalation.after") || o.contains("escalation.parties");
        return new Row(rule.id(), rule.article(), RuleNames.titleOf(rule), texts.party(rule.party()), texts.subject(rule.appliesTo()),
                texts.trigger(rule.trigger()),
                texts.due(rule.due(), rule.trigger()), due ? texts.due(base.due(), base.trigger()) : null,
                texts.reminders(rule.reminders()), reminders ? texts.reminders(base.reminders()) : null,
                texts.escalation(rule.escalation()), escalation ? texts.escalation(base.escalation()) : null,
                o.contains("conditions"), !o.isEmpty());
    }

    Detail detail(Rule rule) {
        Rule base = base(rule);
        String requirement = catalog.requirements().get(rule.article())
                .map(r -> rule.article() + " " + (texts.english() ? r.titleEn() : r.title())).orElse(rule.article());
        List<FieldView> fields = rule.evidence().fields().stream().map(f -> new FieldView(f.name(), texts.fieldType(f.type()),
                f.required(), rule.overridden().contains("evidence.fields." + f.name() + ".required"), f.label(), f.labelEn(),
                String.join(" / ", f.options()))).toList();
        List<DocumentView> documents = rule.evidence().documents().stream().map(d -> new DocumentView(d.name(), d.required(),
                rule.overridden().contains("evidence.documents." + d.name() + ".required"), d.label(), d.labelEn())).toList();
        String conditionsBase = rule.overridden().contains("conditions")
                ? base.conditions().stream().map(Rule.Condition::toString).collect(Collectors.joining("; ")) : null;
        return new Detail(row(rule), rule, rule.source(), note(rule.id()), requirement,
                rule.conditions().stream().map(Rule.Condition::toString).toList(), conditionsBase, fields, documents, rule.overridden());
    }

    /** The catalog's note in the reader's language: Chinese, or the English text when the page is in English and has one. */
    String note(String id) {
        return catalog.product().entry(id).map(e -> texts.english() && e.noteEn() != null ? e.noteEn() : e.note()).orElse(null);
    }

    Rule base(Rule rule) {
        return catalog.product().entry(rule.id()).map(CatalogEntry::rule).orElse(rule);
    }
}
