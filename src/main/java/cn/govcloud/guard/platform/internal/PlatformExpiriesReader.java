package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.PlatformExpiries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The platform registers' answer to {@link PlatformExpiries}: a superseded report does not count, only the latest of each kind. */
@Component
class PlatformExpiriesReader implements PlatformExpiries {
    private final JdbcClient jdbc;

    PlatformExpiriesReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Expiring> expiringBy(LocalDate until) {
        List<Expiring> out = new ArrayList<>();
        out.addAll(jdbc.sql("select c.provider_org_id, c.kind, c.report_number, c.agency, c.valid_until from platform_certification c "
                        + "where c.valid_until <= :until and not exists (select 1 from platform_certification n where "
                        + "n.provider_org_id = c.provider_org_id and n.kind = c.kind and (n.issue_date > c.issue_date "
                        + "or (n.issue_date = c.issue_date and n.id > c.id)))")
                .param("until", until)
                .query((rs, n) -> new Expiring(rs.getLong(1), rs.getString(2), rs.getString(3) + " · " + rs.getString(4),
                        rs.getObject(5, LocalDate.class))).list());
        out.addAll(jdbc.sql("select provider_org_id, name, agreement_counterparty, agreement_valid_until from platform_supply_item "
                        + "where agreement_valid_until is not null and agreement_valid_until <= :until and removed_at is null")
                .param("until", until)
                .query((rs, n) -> new Expiring(rs.getLong(1), "SUPPLY_AGREEMENT",
                        rs.getString(2) + (rs.getString(3) == null ? "" : " · " + rs.getString(3)), rs.getObject(4, LocalDate.class))).list());
        out.sort(Comparator.comparing(Expiring::validUntil));
        return out;
    }
}
