package cn.govcloud.guard.calendar.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One year as people send it (the shape of a year in {@code holidays-cn.json}, the API's PUT body and
 * the uploaded file): everything a string, so a bad date becomes a message on its field instead of a
 * parser error. Unknown fields (the file's {@code weekday}) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record YearEntry(String paper, List<Day> holidays, List<Day> workdays) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Day(String date, String name) {
    }
}
