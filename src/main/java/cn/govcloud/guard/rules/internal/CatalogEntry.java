package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Rule;

/**
 * A rule as the product catalog states it, with what the catalog says about it beyond the model:
 * why a value was chosen where the Measures are silent (in Chinese, as the UI shows it, and in English),
 * and the line it starts on.
 */
public record CatalogEntry(Rule rule, String note, String noteEn, int line) {
}
