package cn.govcloud.guard.calendar;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What a page says beside a provisional due date (the {@code fragments/due} mark's tooltip): which
 * year's holiday notice is missing and that Monday to Friday were counted in it. Used from templates as
 * {@code @provisionalNotes.note(date)}.
 */
@Component("provisionalNotes")
public class ProvisionalNotes {
    private final WorkingCalendar calendar;
    private final MessageSource messages;

    ProvisionalNotes(WorkingCalendar calendar, MessageSource messages) {
        this.calendar = calendar;
        this.messages = messages;
    }

    /**
     * The tooltip for a provisional date: the years not loaded among the due date's year and the one
     * before (no deadline of the catalog counts further back than a year), e.g.
     * "2027 年放假安排未加载，暂按周一至周五计算".
     */
    public String note(LocalDate due) {
        if (due == null) {
            return "";
        }
        List<Integer> missing = IntStream.rangeClosed(due.getYear() - 1, due.getYear()).filter(y -> !calendar.isLoaded(y)).boxed().toList();
        return messages.getMessage("calendar.provisional.note", new Object[] {years(missing.isEmpty() ? List.of(due.getYear()) : missing)},
                LocaleContextHolder.getLocale());
    }

    /** Years as a page lists them: "2027、2028" (no thousands separator). */
    public static String years(Collection<Integer> years) {
        return years.stream().map(String::valueOf).collect(Collectors.joining("、"));
    }
}
