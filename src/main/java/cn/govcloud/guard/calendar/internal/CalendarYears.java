package cn.govcloud.guard.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The loaded years in the database ({@code calendar_year}, {@code calendar_day}). Writes take the
 * year's row lock first, so two nodes loading the same year one after the other each leave a whole
 * year, never a mix; inserting a year that another node has just inserted does nothing.
 */
@Repository
public class CalendarYears {
    private final JdbcClient jdbc;

    public CalendarYears(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the list shows of a year. */
    public record Summary(int year, String paper, String source, Instant loadedAt, String loadedBy, int holidays, int workdays) {
    }

    /** A loaded year with its days. */
    public record Stored(Summary summary, YearSchedule schedule) {
    }

    /** The result of storing a year: whether it replaced one, and the replaced year's counts. */
    public record Outcome(boolean replaced, int previousHolidays, int previousWorkdays) {
    }

    /**
     * Changes whenever any node adds or replaces a year: the row count grows on an insert, the sum of
     * versions on a replacement. Read before the data, so a change in between shows at the next check.
     */
    public String fingerprint() {
        return jdbc.sql("select count(*), coalesce(sum(version), 0), max(loaded_at) from calendar_year")
                .query((rs, i) -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getObject(3, OffsetDateTime.class))
                .single();
    }

    public List<YearSchedule> all() {
        Map<Integer, String> papers = new LinkedHashMap<>();
        jdbc.sql("select schedule_year, paper from calendar_year order by schedule_year")
                .query(rs -> {
                    papers.put(rs.getInt(1), rs.getString(2));
                });
        Map<Integer, List<ScheduleDay>> holidays = new LinkedHashMap<>();
        Map<Integer, List<ScheduleDay>> workdays = new LinkedHashMap<>();
        jdbc.sql("select schedule_year, calendar_date, kind, name from calendar_day order by calendar_date")
                .query(rs -> {
                    Map<Integer, List<ScheduleDay>> target = "HOLIDAY".equals(rs.getString(3)) ? holidays : workdays;
                    target.computeIfAbsent(rs.getInt(1), y -> new ArrayList<>())
                            .add(new ScheduleDay(rs.getObject(2, LocalDate.class), rs.getString(4)));
                });
        List<YearSchedule> years = new ArrayList<>();
        papers.forEach((year, paper) -> years.add(new YearSchedule(year, paper, holidays.getOrDefault(year, List.of()),
                workdays.getOrDefault(year, List.of()))));
        return years;
    }

    public List<Summary> list() {
        return jdbc.sql("""
                        select y.schedule_year, y.paper, y.source, y.loaded_at, y.loaded_by,
                               (select count(*) from calendar_day d where d.schedule_year = y.schedule_year and d.kind = 'HOLIDAY'),
                               (select count(*) from calendar_day d where d.schedule_year = y.schedule_year and d.kind = 'WORKDAY')
                          from calendar_year y order by y.schedule_year""")
                .query((rs, i) -> new Summary(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7)))
                .list();
    }

    public Optional<Stored> find(int year) {
        return list().stream().filter(s -> s.year() == year).findFirst().map(summary -> {
            List<ScheduleDay> holidays = days(year, "HOLIDAY");
            List<ScheduleDay> workdays = days(year, "WORKDAY");
            return new Stored(summary, new YearSchedule(year, summary.paper(), holidays, workdays));
        });
    }

    /** Adds the year unless some node already has: true if this call added it. */
    @Transactional
    public boolean insertIfAbsent(YearSchedule schedule, String source, String loadedBy, Instant at) {
        int inserted = jdbc.sql("""
                        insert into calendar_year (schedule_year, paper, source, loaded_at, loaded_by, version)
                        values (:year, :paper, :source, :at, :by, 1) on conflict do nothing""")
                .param("year", schedule.year()).param("paper", schedule.paper()).param("source", cut(source, 4000))
                .param("at", at.atOffset(ZoneOffset.UTC)).param("by", cut(loadedBy, 200))
                .update();
        if (inserted == 1) {
            insertDays(schedule);
        }
        return inserted == 1;
    }

    /** Adds the year, or replaces it whole if it is loaded. */
    @Transactional
    public Outcome store(YearSchedule schedule, String source, String loadedBy, Instant at) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int updated = jdbc.sql("""
                            update calendar_year set paper = :paper, source = :source, loaded_at = :at, loaded_by = :by,
                                   version = version + 1 where schedule_year = :year""")
                    .param("year", schedule.year()).param("paper", schedule.paper()).param("source", cut(source, 4000))
                    .param("at", at.atOffset(ZoneOffset.UTC)).param("by", cut(loadedBy, 200))
                    .update();
            if (updated == 1) { // the row is now locked until commit: the days are ours to swap
                int holidays = countDays(schedule.year(), "HOLIDAY");
                int workdays = countDays(schedule.year(), "WORKDAY");
                jdbc.sql("delete from calendar_day where schedule_year = :year").param("year", schedule.year()).update();
                insertDays(schedule);
                return new Outcome(true, holidays, workdays);
            }
            if (insertIfAbsent(schedule, source, loadedBy, at)) {
                return new Outcome(false, 0, 0);
            }
            // another node inserted it between our update and insert: replace what it inserted
        }
        throw new IllegalStateException("could not store the schedule for " + schedule.year());
    }

    private void insertDays(YearSchedule schedule) {
        for (ScheduleDay day : schedule.holidays()) {
            insertDay(schedule.year(), day, "HOLIDAY");
        }
        for (ScheduleDay day : schedule.workdays()) {
            insertDay(schedule.year(), day, "WORKDAY");
        }
    }

    private void insertDay(int year, ScheduleDay day, String kind) {
        jdbc.sql("insert into calendar_day (calendar_date, schedule_year, kind, name) values (:date, :year, :kind, :name)")
                .param("date", day.date()).param("year", year).param("kind", kind).param("name", day.name())
                .update();
    }

    private int countDays(int year, String kind) {
        return jdbc.sql("select count(*) from calendar_day where schedule_year = :year and kind = :kind")
                .param("year", year).param("kind", kind).query(Integer.class).single();
    }

    private List<ScheduleDay> days(int year, String kind) {
        return jdbc.sql("select calendar_date, name from calendar_day where schedule_year = :year and kind = :kind order by calendar_date")
                .param("year", year).param("kind", kind)
                .query((rs, i) -> new ScheduleDay(rs.getObject(1, LocalDate.class), rs.getString(2)))
                .list();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
