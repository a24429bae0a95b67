package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.AdmissionOutcomes;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Repository;

/** {@link AdmissionOutcomes} in SQL: the same four accepted items {@link Verification#verificationPassed} asks for. */
@Transactional(readOnly = true)
@Repository
class AdmissionOutcomeQueries implements AdmissionOutcomes {
    static final String COUNTED = "(s.state in ('ADMITTED','SUSPENDED','EXIT_ORDERED') or s.internet_access = true)";
    static final String AGREEMENT = "exists (select 1 from systems_agreement a where a.system_id = s.id)";
    static final String VERIFIED = "(select count(distinct v.kind) from systems_verification_item v where v.system_id = s.id and v.status = 'ACCEPTED') = "
            + Verification.ItemKind.values().length;

    private final JdbcClient jdbc;

    AdmissionOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tally> tally() {
        return jdbc.sql("select s.org_id, count(*), sum(case when " + AGREEMENT + " and " + VERIFIED + " then 1 else 0 end) "
                        + "from systems_system s where " + COUNTED + " group by s.org_id")
                .query((rs, i) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    @Override
    public List<Outcome> outcomes(long orgId) {
        return jdbc.sql("select s.id, s.name, s.state, s.internet_access, case when " + AGREEMENT + " then 1 else 0 end as agreement, "
                        + "case when " + VERIFIED + " then 1 else 0 end as verified from systems_system s where s.org_id = :org and " + COUNTED
                        + " order by s.name, s.id")
                .param("org", orgId)
                .query((rs, i) -> {
                    boolean agreement = rs.getInt("agreement") == 1;
                    boolean verified = rs.getInt("verified") == 1;
                    return new Outcome(rs.getLong("id"), rs.getString("name"), rs.getString("state"), agreement, verified,
                            rs.getBoolean("internet_access"), agreement && verified);
                }).list();
    }
}
