package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The State Council's notice as published, pasted as text, reads into the year's schedule ("Working days",
 * issue 23 point 10): the 2026 notice (国务院办公厅 2025年11月4日, as 新华社 published it) gives exactly the
 * schedule the product ships for 2026; an older layout (single days, 补休, 与周末连休) reads too.
 */
class NoticeTextUnitTests {
    static final String NOTICE_2026 = """
            各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
            经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
            一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
            二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
            三、清明节：4月4日（周六）至6日（周一）放假，共3天。
            四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
            五、端午节：6月19日（周五）至21日（周日）放假，共3天。
            六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
            七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
            鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。
            国务院办公厅
            2025年11月4日""";

    @Test
    void the2026NoticeReadsAsTheScheduleTheProductShips() {
        NoticeText.Reading reading = NoticeText.read(2026, NOTICE_2026);
        YearSchedule shipped = ScheduleFile.bundled().years().stream().filter(y -> y.year() == 2026).findFirst().orElseThrow();
        assertThat(reading.notes()).isEmpty();
        assertThat(reading.entry().holidays()).extracting(YearEntry.Day::date)
                .containsExactlyElementsOf(shipped.holidays().stream().map(d -> d.date().toString()).toList());
        assertThat(reading.entry().holidays()).extracting(YearEntry.Day::name)
                .containsExactlyElementsOf(shipped.holidays().stream().map(ScheduleDay::name).toList());
        assertThat(reading.entry().workdays()).extracting(YearEntry.Day::date)
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        // and it passes the same validation as any load
        ScheduleValidation.validate(2026, new YearEntry("国办发明电〔2025〕7号", reading.entry().holidays(), reading.entry().workdays()));
    }

    @Test
    void anOlderLayoutWithSingleDaysMakeUpRestAndAsciiPunctuationReadsToo() {
        String old = """
                1. 元旦:1月1日放假1天。
                2. 春节:1月31日至2月6日放假调休,共7天。1月26日(星期日)、2月8日(星期六)上班。
                3. 清明节:4月5日放假,4月7日(星期一)补休。
                4. 劳动节:5月1日至3日放假调休,共3天。5月4日(星期日)上班。
                5. 端午节:6月2日放假,与周末连休。
                6. 中秋节:9月8日放假,与周末连休。
                7. 国庆节:10月1日至7日放假调休,共7天。9月28日(星期日)、10月11日(星期六)上班。""";
        NoticeText.Reading reading = NoticeText.read(2014, old);
        assertThat(reading.notes()).isEmpty();
        assertThat(reading.entry().holidays()).extracting(YearEntry.Day::date).contains("2014-01-01", "2014-01-31", "2014-02-06",
                "2014-04-05", "2014-04-07", "2014-06-02", "2014-10-07").hasSize(1 + 7 + 2 + 3 + 1 + 1 + 7);
        assertThat(reading.entry().workdays()).extracting(YearEntry.Day::date)
                .containsExactly("2014-01-26", "2014-02-08", "2014-05-04", "2014-09-28", "2014-10-11");
    }

    @Test
    void whatCannotBeReadIsSaidNotGuessed() {
        NoticeText.Reading reading = NoticeText.read(2027, "一、元旦：2026年12月31日至2027年1月2日放假调休，共4天。");
        assertThat(reading.notes()).anyMatch(n -> n.contains("2026-12-31 属于 2026 年"));
        assertThat(reading.entry().holidays()).extracting(YearEntry.Day::date).containsExactly("2027-01-01", "2027-01-02");
        assertThat(reading.notes()).anyMatch(n -> n.contains("共4天") && n.contains("读出 3 天"));
        assertThat(NoticeText.read(2027, "明年放假安排另行通知").notes()).singleElement().asString().contains("一、元旦");
        assertThat(NoticeText.read(2027, "").entry().holidays()).isEqualTo(List.of());
    }
}
