package cn.govcloud.guard.roster.internal;

import cn.govcloud.guard.roster.Rosters.Letter;
import cn.govcloud.guard.roster.Rosters.Person;
import cn.govcloud.guard.roster.Rosters.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The roster's tables (V2026_12_11_0200__roster.sql); unscoped: {@link RosterService} decides who reads what. */
@Repository
class RosterStore {
    /** The associated data the mobiles are sealed under (crypto.FieldEncryption). */
    static final String MOBILE_CONTEXT = "roster_person.mobile";

    private final JdbcClient jdbc;

    RosterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record UnitRow(long orgId, String onCallPhone, Instant updatedAt, String updatedBy) {
    }

    record PersonRow(long orgId, Position position, String name, String post, String officePhone, String mobileSealed, String mobileMasked) {
    }

    Optional<UnitRow> unit(long orgId) {
        return jdbc.sql("select * from roster_unit where org_id = :org").param("org", orgId).query(RosterStore::unitRow).optional();
    }

    Map<Long, UnitRow> units() {
        Map<Long, UnitRow> all = new HashMap<>();
        jdbc.sql("select * from roster_unit").query(RosterStore::unitRow).list().forEach(u -> all.put(u.orgId(), u));
        return all;
    }

    private static UnitRow unitRow(ResultSet rs, int i) throws SQLException {
        return new UnitRow(rs.getLong("org_id"), rs.getString("on_call_phone"), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getString("updated_by"));
    }

    /** Inserts or updates the unit's row (a concurrent first save by two officers: the loser updates). */
    void upsertUnit(long orgId, String onCallPhone, Instant now, String by) {
        if (update(orgId, onCallPhone, now, by) == 1) {
            return;
        }
        try {
            jdbc.sql("insert into roster_unit (org_id, on_call_phone, version, updated_at, updated_by) values (:org, :phone, 1, :now, :by)")
                    .param("org", orgId).param("phone", onCallPhone).param("now", utc(now)).param("by", by).update();
        } catch (DuplicateKeyException raced) {
            update(orgId, onCallPhone, now, by);
        }
    }

    private int update(long orgId, String onCallPhone, Instant now, String by) {
        return jdbc.sql("update roster_unit set on_call_phone = :phone, version = version + 1, updated_at = :now, updated_by = :by where org_id = :org")
                .param("org", orgId).param("phone", onCallPhone).param("now", utc(now)).param("by", by).update();
    }

    void replacePeople(long orgId, List<PersonRow> people) {
        jdbc.sql("delete from roster_person where org_id = :org").param("org", orgId).update();
        for (PersonRow p : people) {
            jdbc.sql("""
                            insert into roster_person (org_id, position, name, post, office_phone, mobile_sealed, mobile_masked)
                            values (:org, :position, :name, :post, :office, :sealed, :masked)""")
                    .param("org", orgId).param("position", p.position().name()).param("name", p.name()).param("post", p.post())
                    .param("office", p.officePhone()).param("sealed", p.mobileSealed()).param("masked", p.mobileMasked()).update();
        }
    }

    Map<Position, PersonRow> personRows(long orgId) {
        Map<Position, PersonRow> rows = new EnumMap<>(Position.class);
        jdbc.sql("select * from roster_person where org_id = :org").param("org", orgId)
                .query((rs, i) -> new PersonRow(rs.getLong("org_id"), Position.valueOf(rs.getString("position")), rs.getString("name"),
                        rs.getString("post"), rs.getString("office_phone"), rs.getString("mobile_sealed"), rs.getString("mobile_masked")))
                .list().forEach(p -> rows.put(p.position(), p));
        return rows;
    }

    List<Person> people(long orgId) {
        return jdbc.sql("select * from roster_person where org_id = :org").param("org", orgId).query(RosterStore::person).list().stream()
                .sorted(java.util.Comparator.comparing(Person::position)).toList();
    }

    /** Every unit's people, by unit, in position order. */
    Map<Long, List<Person>> people() {
        Map<Long, List<Person>> all = new HashMap<>();
        jdbc.sql("select * from roster_person").query((rs, i) -> Map.entry(rs.getLong("org_id"), person(rs, i))).list()
                .forEach(e -> all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        all.values().forEach(l -> l.sort(java.util.Comparator.comparing(Person::position)));
        return all;
    }

    private static Person person(ResultSet rs, int i) throws SQLException {
        return new Person(Position.valueOf(rs.getString("position")), rs.getString("name"), rs.getString("post"), rs.getString("office_phone"),
                rs.getString("mobile_masked"));
    }

    long insertLetter(long orgId, int year, LocalDate signedOn, long documentId, String filename, Long dutyId, Instant at, String by) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into roster_letter (org_id, letter_year, signed_on, document_id, filename, duty_id, uploaded_at, uploaded_by)
                        values (:org, :year, :signed, :doc, :filename, :duty, :at, :by)""")
                .param("org", orgId).param("year", year).param("signed", signedOn).param("doc", documentId)
                .param("filename", filename.length() > 255 ? filename.substring(0, 255) : filename).param("duty", dutyId)
                .param("at", utc(at)).param("by", by).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Names the duty a letter filed before the duty existed has fulfilled. */
    void linkLetter(long id, long dutyId) {
        jdbc.sql("update roster_letter set duty_id = :duty where id = :id").param("duty", dutyId).param("id", id).update();
    }

    Optional<Letter> letter(long id) {
        return jdbc.sql("select * from roster_letter where id = :id").param("id", id).query(RosterStore::letter).optional();
    }

    Optional<Long> letterOrg(long id) {
        return jdbc.sql("select org_id from roster_letter where id = :id").param("id", id).query(Long.class).optional();
    }

    boolean letterForDuty(long dutyId) {
        return jdbc.sql("select count(*) from roster_letter where duty_id = :duty").param("duty", dutyId).query(Long.class).single() > 0;
    }

    /** The newest letter of the year of one unit. */
    Optional<Letter> letterOfYear(long orgId, int year) {
        return jdbc.sql("select * from roster_letter where org_id = :org and letter_year = :year order by id desc")
                .param("org", orgId).param("year", year).query(RosterStore::letter).list().stream().findFirst();
    }

    /** The newest letter of the year of every unit that has one. */
    Map<Long, Letter> lettersOfYear(int year) {
        Map<Long, Letter> newest = new HashMap<>();
        jdbc.sql("select * from roster_letter where letter_year = :year order by id desc").param("year", year)
                .query((rs, i) -> Map.entry(rs.getLong("org_id"), letter(rs, i))).list()
                .forEach(e -> newest.putIfAbsent(e.getKey(), e.getValue()));
        return newest;
    }

    private static Letter letter(ResultSet rs, int i) throws SQLException {
        return new Letter(rs.getLong("id"), rs.getInt("letter_year"), rs.getObject("signed_on", LocalDate.class), rs.getLong("document_id"),
                rs.getString("filename"), (Long) rs.getObject("duty_id", Long.class), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(),
                rs.getString("uploaded_by"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
