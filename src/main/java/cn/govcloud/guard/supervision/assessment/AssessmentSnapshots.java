package cn.govcloud.guard.supervision.assessment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The finalised years (A12): the scores the regulators received, with the catalog version and weights used. */
@Repository
class AssessmentSnapshots {
    private final JdbcClient jdbc;

    AssessmentSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the year's snapshot with this ranking (in the caller's transaction). */
    void store(Ranking ranking, Instant at, String by) {
        int year = ranking.year();
        jdbc.sql("delete from supervision_assessment_score where assessment_year = :y").param("y", year).update();
        jdbc.sql("delete from supervision_assessment_total where assessment_year = :y").param("y", year).update();
        jdbc.sql("delete from supervision_assessment_year where assessment_year = :y").param("y", year).update();
        jdbc.sql("insert into supervision_assessment_year (assessment_year, catalog_version, weights, finalised_at, finalised_by) values (:y, :v, :w, :at, :by)")
                .param("y", year).param("v", ranking.catalogVersion()).param("w", ranking.weights())
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("by", by).update();
        for (UnitScore unit : ranking.units()) {
            jdbc.sql("insert into supervision_assessment_total (assessment_year, org_id, org_name, total, rank_no) values (:y, :o, :n, :t, :r)")
                    .param("y", year).param("o", unit.orgId()).param("n", unit.orgName()).param("t", unit.total()).param("r", unit.rank()).update();
            for (ItemScore item : unit.items()) {
                jdbc.sql("""
                                insert into supervision_assessment_score (assessment_year, org_id, org_name, item_id, item_kind, item_title, weight, numerator,
                                  denominator, deduction, score, explanation) values (:y, :o, :n, :i, :k, :t, :w, :num, :den, :d, :s, :e)""")
                        .param("y", year).param("o", unit.orgId()).param("n", unit.orgName()).param("i", item.itemId()).param("k", item.kind())
                        .param("t", item.title()).param("w", item.weight()).param("num", item.numerator()).param("den", item.denominator())
                        .param("d", item.deduction()).param("s", item.score()).param("e", truncate(item.detail(), 1000)).update();
            }
        }
    }

    /** The snapshot of a finalised year, ranked as it was finalised; the provider's record is not part of it (pass it in). */
    boolean finalised(int year) {
        return jdbc.sql("select count(*) from supervision_assessment_year where assessment_year = :y").param("y", year).query(Long.class).single() > 0;
    }

    Optional<Ranking> find(int year, List<ProviderRecord> providers) {
        record Header(String version, String weights, Instant at, String by) {
        }
        Optional<Header> header = jdbc.sql("select catalog_version, weights, finalised_at, finalised_by from supervision_assessment_year where assessment_year = :y")
                .param("y", year).query((rs, i) -> new Header(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4))).optional();
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<ItemScore>> items = new LinkedHashMap<>();
        jdbc.sql("select org_id, item_id, item_kind, item_title, weight, numerator, denominator, deduction, score, explanation "
                        + "from supervision_assessment_score where assessment_year = :y order by org_id")
                .param("y", year).query((rs, i) -> {
                    long den = rs.getLong("denominator");
                    long num = rs.getLong("numerator");
                    String kind = rs.getString("item_kind");
                    boolean empty = "INCIDENTS".equals(kind) ? num == 0 : den == 0;
                    items.computeIfAbsent(rs.getLong("org_id"), o -> new ArrayList<>()).add(new ItemScore(rs.getString("item_id"), kind,
                            rs.getString("item_title"), rs.getString("item_title"), rs.getInt("weight"), num, den,
                            rs.getBigDecimal("deduction"), rs.getBigDecimal("score"), rs.getString("explanation"), empty, Set.of()));
                    return 1;
                }).list();
        List<String> order = List.of(header.get().weights().split(";")).stream().map(w -> w.split("=")[0]).toList();
        items.values().forEach(list -> list.sort(java.util.Comparator.comparing(i -> order.indexOf(i.itemId()))));
        List<UnitScore> units = jdbc.sql("select org_id, org_name, total, rank_no from supervision_assessment_total where assessment_year = :y order by rank_no")
                .param("y", year).query((rs, i) -> new UnitScore(rs.getLong(1), rs.getString(2), items.getOrDefault(rs.getLong(1), List.of()),
                        rs.getBigDecimal(3).setScale(2), rs.getInt(4), null, null)).list();
        Header h = header.get();
        return Optional.of(new Ranking(year, h.version(), h.weights(), units, providers, h.at(), h.at(), h.by()));
    }

    private static String truncate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }
}
