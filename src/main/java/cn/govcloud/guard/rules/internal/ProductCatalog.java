package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.BackupMinimum;
import cn.govcloud.guard.rules.RuleCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog shipped with the product ({@code rules/catalog.yaml}), before any district overlay. */
public record ProductCatalog(RuleCatalog.Version version, List<CatalogEntry> entries, List<BackupMinimum> backupMinimums,
                             cn.govcloud.guard.rules.AssessmentModel assessment, List<cn.govcloud.guard.rules.Parameter> parameters) {

    public ProductCatalog {
        entries = List.copyOf(entries);
        backupMinimums = List.copyOf(backupMinimums);
        parameters = List.copyOf(parameters);
    }

    public ProductCatalog(RuleCatalog.Version version, List<CatalogEntry> entries, List<BackupMinimum> backupMinimums,
                          cn.govcloud.guard.rules.AssessmentModel assessment) {
        this(version, entries, backupMinimums, assessment, List.of());
    }

    public ProductCatalog(RuleCatalog.Version version, List<CatalogEntry> entries) {
        this(version, entries, List.of());
    }

    public ProductCatalog(RuleCatalog.Version version, List<CatalogEntry> entries, List<BackupMinimum> backupMinimums) {
        this(version, entries, backupMinimums, cn.govcloud.guard.rules.AssessmentModel.none());
    }

    public Optional<CatalogEntry> entry(String id) {
        return entries.stream().filter(e -> e.rule().id().equals(id)).findFirst();
    }

    Map<String, CatalogEntry> byId() {
        Map<String, CatalogEntry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.rule().id(), e));
        return byId;
    }
}
