package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.AccessFigures;
import cn.govcloud.guard.shared.SqlLiterals;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link AccessFigures}: one aggregate query for the channels, one for the visits and their visitors. */
@Repository
@Transactional(readOnly = true)
class AccessFiguresQuery implements AccessFigures {
    private final JdbcClient jdbc;

    AccessFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ChannelCounts channels(Instant from, Instant to) {
        return jdbc.sql("select count(*), sum(case when c.kind = 'SYSTEM' then 1 else 0 end), sum(case when c.kind = 'PLATFORM' then 1 else 0 end), "
                        + "sum(case when c.long_term then 1 else 0 end), sum(case when c.opened_at is not null then 1 else 0 end), "
                        + "sum(case when c.consumed_at is not null then 1 else 0 end), sum(case when c.status = 'REFUSED' then 1 else 0 end) "
                        + "from access_channel c where c.requested_at >= " + SqlLiterals.timestamp(from) + " and c.requested_at < "
                        + SqlLiterals.timestamp(to))
                .query((rs, i) -> new ChannelCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7))).single();
    }

    @Override
    public VisitCounts visits(LocalDate from, LocalDate to) {
        String range = "v.valid_from between " + SqlLiterals.date(from) + " and " + SqlLiterals.date(to);
        long visitors = jdbc.sql("select count(*) from access_visitor p join access_visit v on v.id = p.visit_id where " + range)
                .query(Long.class).single();
        return jdbc.sql("select count(*), sum(case when v.signed_in_at is not null then 1 else 0 end), "
                        + "sum(case when v.status = 'CANCELLED' then 1 else 0 end) from access_visit v where " + range)
                .query((rs, i) -> new VisitCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), visitors)).single();
    }
}
