package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.systems.Systems.Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Exposure drift (暴露面漂移, issue 22 point 1, A10.1, A7.1): a scan that finds a port open on an address of a system whose
 * asset and exposure inventory does not list it raises a finding for the system's unit — one per (address, port) while it
 * stands (the finding's identity is {@link #SCANNER} + {@link #PLUGIN} + address + port, so a later scan only counts
 * another sighting). It is resolved when the unit lists the port in its inventory (the next scan import dismisses it with
 * that reason) or when the provider or supervisor dismisses it in triage; seen again after that, it is opened again.
 */
@Repository
class ExposureDrift {
    static final String SCANNER = "GOVGUARD";
    static final String PLUGIN = "exposure-drift";
    static final String LISTED_REASON = "已列入资产清单（资产与暴露面）";

    private final JdbcClient jdbc;

    ExposureDrift(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one drift seen by this import; true when it is new or opened again. */
    boolean record(Address system, String host, int port, String protocol, String seenAs, long importId, Instant now) {
        String portText = port + "/" + protocol.toLowerCase(java.util.Locale.ROOT);
        Optional<String> state = jdbc.sql("select state from intake_finding where scanner = :sc and plugin_id = :pl and host = :h and port = :p")
                .param("sc", SCANNER).param("pl", PLUGIN).param("h", host).param("p", portText).query(String.class).optional();
        String name = "暴露面漂移：" + host + ":" + portText + " 开放但未列入资产清单 (exposure drift: port not in the inventory)";
        String detail = "扫描发现 " + host + " 的 " + portText + " 端口开放（" + Columns.clip(seenAs, 300) + "），该系统的资产与暴露面清单未列出此端口。"
                + "请核实：如属正常业务，在系统的资产与暴露面清单中登记（登记后下次扫描导入时自动关闭）；否则关闭该端口。";
        if (state.isEmpty()) {
            jdbc.sql("insert into intake_finding (scanner, plugin_id, host, port, name, severity, detail, system_id, org_id, state, first_seen, "
                            + "last_seen, first_import_id, last_import_id) values (:sc, :pl, :h, :p, :name, 'MEDIUM', :detail, :s, :o, 'OPEN', :at, :at, "
                            + ":imp, :imp)")
                    .param("sc", SCANNER).param("pl", PLUGIN).param("h", host).param("p", portText).param("name", name).param("detail", detail)
                    .param("s", system.systemId()).param("o", system.orgId()).param("at", Columns.utc(now)).param("imp", importId).update();
            return true;
        }
        boolean reopen = "DISMISSED".equals(state.get());
        jdbc.sql("update intake_finding set last_seen = :at, last_import_id = :imp, seen_count = seen_count + 1, system_id = :s, org_id = :o"
                        + (reopen ? ", state = 'OPEN', dismiss_reason = null, triaged_by = null, triaged_at = null, name = :name, detail = :detail" : "")
                        + " where scanner = :sc and plugin_id = :pl and host = :h and port = :p and last_import_id <> :imp")
                .param("sc", SCANNER).param("pl", PLUGIN).param("h", host).param("p", portText).param("name", name).param("detail", detail)
                .param("s", system.systemId()).param("o", system.orgId()).param("at", Columns.utc(now)).param("imp", importId).update();
        return reopen;
    }

    /** Open drift findings whose port the unit has since listed in its inventory: dismissed, with that reason. */
    int resolveListed(AddressMatcher matcher, Instant now) {
        record Open(long id, long systemId, String host, String port) {
        }
        List<Open> open = jdbc.sql("select id, system_id, host, port from intake_finding where scanner = :sc and plugin_id = :pl "
                        + "and state in ('OPEN', 'TRIAGE') and system_id is not null")
                .param("sc", SCANNER).param("pl", PLUGIN)
                .query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
        int resolved = 0;
        for (Open o : open) {
            if (matcher.inventoried(o.systemId()) && !matcher.drift(o.systemId(), o.host(), o.port())) {
                resolved += jdbc.sql("update intake_finding set state = 'DISMISSED', dismiss_reason = :r, triaged_by = 'system', triaged_at = :at "
                                + "where id = :id")
                        .param("r", LISTED_REASON).param("at", Columns.utc(now)).param("id", o.id()).update();
            }
        }
        return resolved;
    }
}
