package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.DocumentSlot;
import cn.govcloud.guard.rules.Rule.DueRule;
import cn.govcloud.guard.rules.Rule.Escalation;
import cn.govcloud.guard.rules.Rule.Evidence;
import cn.govcloud.guard.rules.Rule.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A district's changes to the product catalog (A13): values only, never who must act or when a
 * duty arises, so a district adapts deadlines without rewriting the Measures.
 *
 * @param basedOn     the product catalog version the district wrote it for
 * @param warnings    things to look at that do not stop it applying (e.g. written for another version)
 * @param versionLine where {@code overlay.version} is, for a problem about the version
 */
public record Overlay(String name, String version, String basedOn, Map<String, RuleChange> changes,
                      Map<String, AssessmentParts.ItemChange> assessment, Map<String, cn.govcloud.guard.rules.Parameter> parameters,
                      List<String> warnings, int versionLine) {

    public Overlay {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        assessment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assessment));
        warnings = List.copyOf(warnings);
    }

    /** The catalog's assessment model (A12) with this overlay's weights and deductions. */
    public cn.govcloud.guard.rules.AssessmentModel apply(cn.govcloud.guard.rules.AssessmentModel model) {
        return AssessmentParts.apply(model, assessment);
    }

    /** The catalog's parameters with this overlay's values (issue 17 point 16), in catalog order. */
    public List<cn.govcloud.guard.rules.Parameter> applyParameters(List<cn.govcloud.guard.rules.Parameter> product) {
        return product.stream().map(p -> parameters.getOrDefault(p.id(), p)).toList();
    }

    /** How the catalog version shows it: {@code 昆都仑区@2026-1}. */
    public String label() {
        return name + "@" + version;
    }

    /** One rule's changes; null means unchanged. */
    public record RuleChange(DueRule due, List<Duration> reminders, Escalation escalation, List<Condition> conditions,
                             Map<String, Boolean> fieldsRequired, Map<String, Boolean> documentsRequired) {
        public RuleChange {
            fieldsRequired = Map.copyOf(fieldsRequired);
            documentsRequired = Map.copyOf(documentsRequired);
        }
    }

    /** The catalog's rules with these changes, each marking the properties whose value changed. */
    public List<Rule> apply(List<Rule> rules) {
        List<Rule> result = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleChange change = changes.get(rule.id());
            result.add(change == null ? rule : apply(rule, change));
        }
        return result;
    }

    static Rule apply(Rule base, RuleChange change) {
        Set<String> overridden = new LinkedHashSet<>(base.overridden());
        DueRule due = base.due();
        if (change.due() != null) {
            mark(overridden, "due.kind", base.due().kind(), change.due().kind());
            mark(overridden, "due.amount", base.due().amount(), change.due().amount());
            due = change.due();
        }
        List<Duration> reminders = base.reminders();
        if (change.reminders() != null) {
            mark(overridden, "reminders", base.reminders(), change.reminders());
            reminders = change.reminders();
        }
        Escalation escalation = base.escalation();
        if (change.escalation() != null) {
            mark(overridden, "escalation.after", base.escalation().after(), change.escalation().after());
            mark(overridden, "escalation.parties", base.escalation().parties(), change.escalation().parties());
            escalation = change.escalation();
        }
        List<Condition> conditions = base.conditions();
        if (change.conditions() != null) {
            mark(overridden, "conditions", base.conditions(), change.conditions());
            conditions = change.conditions();
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : base.evidence().fields()) {
            Boolean required = change.fieldsRequired().get(f.name());
            if (required != null && required != f.required()) {
                overridden.add("evidence.fields." + f.name() + ".required");
                f = new Field(f.name(), f.type(), required, f.label(), f.labelEn(), f.options());
            }
            fields.add(f);
        }
        List<DocumentSlot> documents = new ArrayList<>();
        for (DocumentSlot d : base.evidence().documents()) {
            Boolean required = change.documentsRequired().get(d.name());
            if (required != null && required != d.required()) {
                overridden.add("evidence.documents." + d.name() + ".required");
                d = new DocumentSlot(d.name(), required, d.label(), d.labelEn());
            }
            documents.add(d);
        }
        return new Rule(base.id(), base.article(), base.title(), base.titleEn(), base.source(), base.party(), base.appliesTo(),
                conditions, base.trigger(), due, new Evidence(fields, documents), reminders, escalation, overridden);
    }

    private static void mark(Set<String> overridden, String property, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            overridden.add(property);
        }
    }
}
