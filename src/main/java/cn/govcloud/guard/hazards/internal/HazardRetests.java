package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.SystemDataGrades;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-test (复测) as a closing step of a hazard (A10.2, issue 17 point 4). Whether it is asked is the
 * catalog's: the parameter {@code A10.2-retest-required} (off as the product ships; a district turns it
 * on, for every hazard or under conditions on the hazard's severity, the system's level and data grade
 * and who warned). When asked, the warner closes only after recording a passed re-test of the current
 * feedback: who tested, when, the result.
 */
@Component
public class HazardRetests {
    static final String PARAMETER = "A10.2-retest-required";
    public static final List<String> RESULTS = List.of("PASS", "FAIL");

    /** One re-test; {@code feedbackId} is the feedback it tested. */
    public record Retest(long id, long hazardId, Long feedbackId, String testedBy, Instant testedAt, String result, String note,
                         String recordedBy, Instant recordedAt) {
        public boolean passed() {
            return "PASS".equals(result);
        }
    }

    private final JdbcClient jdbc;
    private final RuleCatalog catalog;
    private final Systems systems;
    private final ObjectProvider<SystemDataGrades> dataGrades;
    private final Clock clock;

    HazardRetests(JdbcClient jdbc, RuleCatalog catalog, Systems systems, ObjectProvider<SystemDataGrades> dataGrades, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.systems = systems;
        this.dataGrades = dataGrades;
        this.clock = clock;
    }

    /** Whether the catalog in force asks a re-test before this hazard is closed. */
    @Transactional(readOnly = true)
    public boolean required(HazardView h, String warnerKind) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("severity", h.severity().name());
        facts.put("warnerKind", warnerKind);
        facts.put("mlpsLevel", systems.find(h.systemId()).map(Systems.SystemRef::mlpsLevel).orElse(0));
        facts.put("cii", systems.criticalInfrastructure(h.systemId()));
        SystemDataGrades grades = dataGrades.getIfAvailable();
        facts.put("dataGrade", grades == null ? "general" : grades.gradeOf(h.systemId()));
        return catalog.parameter(PARAMETER).requiredFor(facts);
    }

    /** A10.2 (issue 17 point 4): 409 when a re-test is asked and the current feedback has no passed one. */
    void checkBeforeClose(HazardView h, String warnerKind) {
        if (required(h, warnerKind) && current(h.id()).filter(Retest::passed).isEmpty()) {
            throw new RuleViolation("A10.2", "hazards.refused.retestRequired");
        }
    }

    /** The latest re-test of the latest feedback, if any. */
    @Transactional(readOnly = true)
    public Optional<Retest> current(long hazardId) {
        return all(hazardId).stream().filter(r -> r.feedbackId() != null && r.feedbackId().equals(latestFeedback(hazardId))).findFirst();
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<Retest> all(long hazardId) {
        return jdbc.sql("select * from hazards_retest where hazard_id = :h order by id desc").param("h", hazardId)
                .query((rs, n) -> {
                    long f = rs.getLong("feedback_id");
                    Long feedbackId = rs.wasNull() ? null : f;
                    return new Retest(rs.getLong("id"), rs.getLong("hazard_id"), feedbackId, rs.getString("tested_by"),
                            HazardRepository.instant(rs, "tested_at"), rs.getString("result"), rs.getString("note"), rs.getString("recorded_by"),
                            HazardRepository.instant(rs, "recorded_at"));
                }).list();
    }

    private Long latestFeedback(long hazardId) {
        return jdbc.sql("select max(id) from hazards_feedback where hazard_id = :h").param("h", hazardId).query(Long.class).optional().orElse(null);
    }

    /** Checks and stores a re-test of the current feedback; the caller has checked that the actor is the warner. */
    Retest record(HazardView h, Actor actor, String testedBy, Instant testedAt, String result, String note) {
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        if (testedBy == null || testedBy.isBlank() || testedBy.strip().length() > 100) {
            errors.put("testedBy", "hazards.retest.error.testedBy");
        }
        if (testedAt == null || testedAt.isAfter(now.plus(Duration.ofMinutes(5))) || (h.feedbackAt() != null && testedAt.isBefore(h.feedbackAt()))) {
            errors.put("testedAt", "hazards.retest.error.testedAt");
        }
        if (result == null || !RESULTS.contains(result)) {
            errors.put("result", "hazards.retest.error.result");
        }
        if (note != null && note.length() > 2000) {
            errors.put("note", "hazards.retest.error.note");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_retest (hazard_id, feedback_id, tested_by, tested_at, result, note, recorded_by, recorded_at) "
                        + "values (:h, :f, :by, :at, :result, :note, :recordedBy, :now)")
                .param("h", h.id()).param("f", latestFeedback(h.id())).param("by", testedBy.strip()).param("at", HazardRepository.ts(testedAt))
                .param("result", result).param("note", note == null || note.isBlank() ? null : note.strip())
                .param("recordedBy", actor.username()).param("now", HazardRepository.ts(now)).update(key, "id");
        return all(h.id()).stream().filter(r -> r.id() == key.getKey().longValue()).findFirst().orElseThrow();
    }
}
