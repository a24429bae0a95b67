package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity;
import org.springframework.stereotype.Service;

/**
 * The module's API for other modules (the demo city): each call goes to its use case — the catalog
 * ({@link DataCatalog}), backups ({@link Backups}), the cross-border register ({@link CrossBorder}) —
 * with the same checks as the pages and the API.
 */
@Service
public class DataService implements DataSecurity {
    private final DataCatalog catalog;
    private final Backups backups;
    private final CrossBorder crossBorder;

    DataService(DataCatalog catalog, Backups backups, CrossBorder crossBorder) {
        this.catalog = catalog;
        this.backups = backups;
        this.crossBorder = crossBorder;
    }

    @Override
    public long catalog(NewDataset dataset) {
        return catalog.catalog(dataset);
    }

    @Override
    public long setPolicy(NewPolicy policy) {
        return backups.setPolicy(policy);
    }

    @Override
    public long recordBackup(long policyId, NewBackup backup) {
        return backups.recordBackup(policyId, backup);
    }

    @Override
    public long recordRestoreTest(long policyId, NewRestoreTest test) {
        return backups.recordRestoreTest(policyId, test);
    }

    @Override
    public long registerTransfer(NewTransfer transfer) {
        return crossBorder.registerTransfer(transfer);
    }
}
