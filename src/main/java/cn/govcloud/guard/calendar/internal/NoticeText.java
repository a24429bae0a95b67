package cn.govcloud.guard.calendar.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the State Council's yearly notice (国务院办公厅关于××年部分节假日安排的通知) as it is published,
 * pasted as text, into a year's holidays and make-up working days for the security administrator to check
 * before loading: so nobody writes JSON by hand. Each numbered item names a festival and says which days
 * are off ("1月1日（周四）至3日（周六）放假调休", "4月5日放假", "4月7日（星期一）补休") and which weekend days
 * are working days ("1月4日（周日）上班", "2月14日（周六）、2月28日（周六）上班"). Both full-width and ASCII
 * punctuation are read; a date of another year (an 元旦 that starts on 30 December) is left out and said.
 * What it cannot read is reported, never guessed: the preview shows it, and validation decides.
 */
public final class NoticeText {

    /** What was read: the entry to preview and load, and what the reader should look at. */
    public record Reading(YearEntry entry, List<String> notes) {
    }

    /** An item: "一、元旦：…" or "1. 元旦：…" up to the next item. */
    private static final Pattern ITEM = Pattern.compile("(?m)^\\s*(?:[一二三四五六七八九十]+|\\d+)\\s*[、.．]\\s*([^：:\\s]{1,10})\\s*[：:](.*)$");
    /** 年 optional, 月 optional (a range's end may give only the day), then 日; a bracket after it (the weekday, the lunar date) skipped. */
    private static final String DAY = "(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日(?:\\s*[（(][^）)]*[）)])?";
    private static final Pattern RANGE_OFF = Pattern.compile(DAY + "\\s*(?:至|—|-|~|－)\\s*" + DAY + "\\s*(?:放假|休息)");
    private static final Pattern ONE_DAY_OFF = Pattern.compile(DAY + "\\s*(?:放假|补休|休息)");
    private static final Pattern SINGLE = Pattern.compile(DAY);
    private static final Pattern TOTAL = Pattern.compile("共\\s*(\\d+)\\s*天");

    private NoticeText() {
    }

    public static Reading read(int year, String text) {
        Map<LocalDate, String> holidays = new LinkedHashMap<>();
        Map<LocalDate, String> workdays = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Matcher item = ITEM.matcher(text == null ? "" : text.replace('\u3000', ' '));
        int items = 0;
        while (item.find()) {
            items++;
            String festival = item.group(1).strip();
            String body = item.group(2);
            // the sentences of the item: the days off come before "上班" sentences, each ends with 。 or ；
            for (String sentence : body.split("[。；;]")) {
                if (sentence.contains("上班")) {
                    String before = sentence.substring(0, sentence.indexOf("上班"));
                    Matcher d = SINGLE.matcher(before);
                    int[] month = {0};
                    while (d.find()) {
                        put(workdays, inYear(year, date(year, d, 0, month, festival, notes), festival, notes), festival);
                    }
                    continue;
                }
                String rest = sentence;
                Matcher range = RANGE_OFF.matcher(rest);
                int taken = 0;
                while (range.find()) {
                    int[] month = {0};
                    LocalDate from = date(year, range, 0, month, festival, notes);
                    LocalDate to = date(year, range, 3, month, festival, notes);
                    if (from != null && to != null && !to.isBefore(from) && from.plusDays(40).isAfter(to)) {
                        int days = 0;
                        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                            put(holidays, inYear(year, d, festival, notes), festival);
                            days++;
                        }
                        Matcher total = TOTAL.matcher(rest.substring(range.end()));
                        if (total.find() && Integer.parseInt(total.group(1)) != days) {
                            notes.add(festival + "：通知写“共" + total.group(1) + "天”，读出 " + days + " 天，请核对。");
                        }
                    } else {
                        notes.add(festival + "：无法读出“" + range.group() + "”的起止日期，请手工补录。");
                    }
                    taken = range.end();
                }
                Matcher one = ONE_DAY_OFF.matcher(rest.substring(taken));
                while (one.find()) {
                    put(holidays, inYear(year, date(year, one, 0, new int[] {0}, festival, notes), festival, notes), festival);
                }
            }
        }
        if (items == 0) {
            notes.add("没有读到“一、元旦：……”这样的条目。请粘贴通知正文中从“一、元旦”到“七、国庆节”的部分。");
        }
        return new Reading(new YearEntry(null, days(holidays), days(workdays)), notes);
    }

    /** Groups 1–3 (or 4–6) of a DAY pattern: 年, 月, 日; a range's end without 月 takes the start's month. */
    private static LocalDate date(int year, Matcher m, int offset, int[] month, String festival, List<String> notes) {
        String y = m.group(offset + 1);
        String mo = m.group(offset + 2);
        String d = m.group(offset + 3);
        if (mo != null) {
            month[0] = Integer.parseInt(mo);
        }
        if (month[0] == 0) {
            notes.add(festival + "：“" + m.group() + "”没有月份，请核对。");
            return null;
        }
        int onYear = y != null ? Integer.parseInt(y) : year;
        try {
            return LocalDate.of(onYear, month[0], Integer.parseInt(d));
        } catch (DateTimeException e) {
            notes.add(festival + "：“" + m.group() + "”不是有效日期，请核对。");
            return null;
        }
    }

    /** The date if it is in {@code year}; a date of another year (元旦 from 30 December) is left out and said. */
    private static LocalDate inYear(int year, LocalDate date, String festival, List<String> notes) {
        if (date != null && date.getYear() != year) {
            notes.add(festival + "：" + date + " 属于 " + date.getYear() + " 年，未列入 " + year + " 年的安排。");
            return null;
        }
        return date;
    }

    private static void put(Map<LocalDate, String> into, LocalDate date, String name) {
        if (date != null) {
            into.putIfAbsent(date, name);
        }
    }

    private static List<YearEntry.Day> days(Map<LocalDate, String> map) {
        List<YearEntry.Day> list = new ArrayList<>();
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> list.add(new YearEntry.Day(e.getKey().toString(), e.getValue())));
        return list;
    }
}
