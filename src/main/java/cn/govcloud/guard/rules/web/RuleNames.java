package cn.govcloud.guard.rules.web;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A rule as pages name it: by its title in the page's language (「账号与权限季度复核」), never by its id
 * ({@code A7.3-access-review}), which stays in links and the API (issue 23 point 4). Templates:
 * {@code ${@ruleNames.title(d.ruleId)}}; an id the catalog does not know (a rule an overlay removed) is shown as it is.
 */
@Component("ruleNames")
public class RuleNames {
    private final RuleCatalog catalog;

    RuleNames(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    public String title(String ruleId) {
        if (ruleId == null) {
            return null;
        }
        return catalog.rule(ruleId).map(RuleNames::titleOf).orElse(ruleId);
    }

    /** The rule's title in the page's language; the catalog page's rows say it the same way. */
    static String titleOf(Rule rule) {
        return english() ? rule.titleEn() : rule.title();
    }

    static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
