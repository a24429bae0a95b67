package cn.govcloud.guard.calendar;

import cn.govcloud.guard.calendar.internal.LoadedWorkingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 2027 the calendar tests load: plausible, but NOT the real notice (not published when these tests
 * were written). Every festival is named, make-up days fall on Saturday 2027-02-20 and Sunday
 * 2027-09-26. The tests share one database, so each removes 2027 again before and after itself.
 */
public final class CalendarTestYears {
    public static final String YEAR_2027 = """
            {"paper": "test data, not a real notice",
             "holidays": [{"date": "2027-01-01", "name": "元旦"}, {"date": "2027-01-02", "name": "元旦"},
                          {"date": "2027-01-03", "name": "元旦"}, {"date": "2027-02-06", "name": "春节"},
                          {"date": "2027-02-07", "name": "春节"}, {"date": "2027-02-08", "name": "春节"},
                          {"date": "2027-04-05", "name": "清明节"}, {"date": "2027-05-01", "name": "劳动节"},
                          {"date": "2027-06-09", "name": "端午节"}, {"date": "2027-09-15", "name": "中秋节"},
                          {"date": "2027-10-01", "name": "国庆节"}],
             "workdays": [{"date": "2027-02-20", "name": "春节", "weekday": "Sat"}, {"date": "2027-09-26", "name": "国庆节"}]}""";

    private CalendarTestYears() {
    }

    public static void remove2027(JdbcClient jdbc, LoadedWorkingCalendar calendar) {
        jdbc.sql("delete from calendar_day where schedule_year = 2027").update();
        jdbc.sql("delete from calendar_year where schedule_year = 2027").update();
        calendar.refresh();
    }

    static long rows(JdbcClient jdbc, int year) {
        return jdbc.sql("select count(*) from calendar_day where schedule_year = :y").param("y", year).query(Long.class).single()
                + jdbc.sql("select count(*) from calendar_year where schedule_year = :y").param("y", year).query(Long.class).single();
    }

    /** Everything about a year, to show that a refused load changed nothing. */
    static String snapshot(JdbcClient jdbc, int year) {
        return jdbc.sql("select paper, loaded_at, loaded_by, version from calendar_year where schedule_year = :y").param("y", year)
                .query((rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4)).list()
                + " " + jdbc.sql("select calendar_date, kind, name from calendar_day where schedule_year = :y order by calendar_date")
                .param("y", year).query((rs, i) -> rs.getString(1) + rs.getString(2) + rs.getString(3)).list();
    }
}
