package cn.govcloud.guard.systems.ledger.internal;

import java.util.List;

/**
 * The four recurring assessments of A7.2 ("等级保护测评、渗透测试、安全风险评估、商用密码应用安全性评估"), each with the
 * catalog rules whose yearly duty a filing of it fulfils and the evidence slot of those rules' forms.
 */
public enum AssessmentKind {
    MLPS("等保测评", List.of("A7.2-mlps-assessment", "A7.2-mlps-assessment-level2")),
    CRYPTO("商用密码应用安全性评估", List.of("A7.2-crypto-assessment")),
    PENETRATION_TEST("渗透测试", List.of("A7.2-penetration-test")),
    RISK_ASSESSMENT("安全风险评估", List.of("A7.2-risk-assessment"));

    /** The document slot of each A7.2 rule's form. */
    public static final String REPORT_SLOT = "report";
    /** A penetration test's conclusions; 通过 means every high-risk finding was fixed (the rule's allFixed). */
    public static final List<String> PENETRATION_CONCLUSIONS = List.of("通过", "不通过");

    private final String label;
    private final List<String> ruleIds;

    AssessmentKind(String label, List<String> ruleIds) {
        this.label = label;
        this.ruleIds = ruleIds;
    }

    public String label() {
        return label;
    }

    public List<String> ruleIds() {
        return ruleIds;
    }

    public static java.util.Optional<AssessmentKind> ofRule(String ruleId) {
        for (AssessmentKind k : values()) {
            if (k.ruleIds.contains(ruleId)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
