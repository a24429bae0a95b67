package cn.govcloud.guard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 23 point 11 / issue 18: the one reader of a list's query string — every reader, refused never ignored, all named at once. */
class ListParametersUnitTests {
    enum Colour { RED, GREEN }

    private static ListParameters of(String... nameValue) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            raw.put(nameValue[i], nameValue[i + 1]);
        }
        return ListParameters.of(raw);
    }

    private static Map<String, String> refusals(ListParameters p) {
        try {
            p.check();
            return Map.of();
        } catch (InvalidInput e) {
            assertThat(e.getMessage()).isEqualTo("list.error.invalid");
            return e.fieldErrors();
        }
    }

    @Test
    void issue23_11_everyReaderReadsWhatItKnows_trimmed_blanksAreAbsent() {
        ListParameters p = of("q", "  门户 ", "unit", "12", "year", "2026", "colour", "green", "kind", "b", "open", "true", "state", "open",
                "from", "2026-12-01", "to", "2026-12-08", "month", "2026-12", "page", "3", "size", "50", "blank", "  ");
        assertThat(p.keyword("q")).isEqualTo("门户");
        assertThat(p.id("unit")).isEqualTo(12L);
        assertThat(p.number("year", 2000, 2100)).isEqualTo(2026);
        assertThat(p.choice("colour", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(p.choice("kind", List.of("A", "B"))).isEqualTo("B");
        assertThat(p.flag("open")).isTrue();
        assertThat(p.flag("state", "open", "closed")).isTrue();
        LocalDate from = p.date("from");
        LocalDate to = p.date("to");
        assertThat(from).isEqualTo(LocalDate.of(2026, 12, 1));
        p.range("from", from, "to", to);
        assertThat(p.month("month")).isEqualTo(YearMonth.of(2026, 12));
        assertThat(p.page()).isEqualTo(3);
        assertThat(p.size(20, 0)).isEqualTo(50);
        assertThat(p.text("blank")).isNull();
        assertThat(p.id("absent")).isNull();
        assertThat(refusals(p)).isEmpty();
        // what was read, in order, for the links: page left out (each link names its own), size kept when not the default
        assertThat(p.given()).containsExactly(Map.entry("q", "门户"), Map.entry("unit", "12"), Map.entry("year", "2026"),
                Map.entry("colour", "green"), Map.entry("kind", "b"), Map.entry("open", "true"), Map.entry("state", "open"),
                Map.entry("from", "2026-12-01"), Map.entry("to", "2026-12-08"), Map.entry("month", "2026-12"), Map.entry("size", "50"));
    }

    @Test
    void issue23_11_absentPageAndSize_readAsTheirDefaults_andTheDefaultSizeIsNotRepeatedInLinks() {
        ListParameters p = of("size", "20");
        assertThat(p.page()).isZero();
        assertThat(p.size(20, 0)).isEqualTo(20);
        assertThat(p.given()).isEmpty();
        assertThat(ListParameters.of(null).size(50, 200)).isEqualTo(50);
    }

    @Test
    void issue23_11_everyBadParameterIsRefused_allNamedAtOnce_neverReadAsAny() {
        ListParameters p = of("q", "长".repeat(ListParameters.MAX_KEYWORD + 1), "unit", "abc", "year", "1999", "colour", "blue", "kind", "c",
                "open", "yes", "from", "2026-13-01", "to", "yesterday", "month", "2026-1", "page", "-1", "size", "7000");
        assertThat(p.keyword("q")).hasSize(ListParameters.MAX_KEYWORD + 1);
        assertThat(p.id("unit")).isNull();
        assertThat(p.number("year", 2000, 2100)).isNull();
        assertThat(p.choice("colour", Colour.class)).isNull();
        assertThat(p.choice("kind", List.of("A", "B"))).isNull();
        assertThat(p.flag("open")).isNull();
        assertThat(p.date("from")).isNull();
        assertThat(p.date("to")).isNull();
        assertThat(p.month("month")).isNull();
        assertThat(p.page()).isZero();
        assertThat(p.size(20, 0)).isEqualTo(20);
        assertThat(refusals(p)).containsOnly(Map.entry("q", "list.error.q"), Map.entry("unit", "list.error.number"),
                Map.entry("year", "list.error.number"), Map.entry("colour", "list.error.choice"), Map.entry("kind", "list.error.choice"),
                Map.entry("open", "list.error.choice"), Map.entry("from", "list.error.date"), Map.entry("to", "list.error.date"),
                Map.entry("month", "list.error.month"), Map.entry("page", "list.error.page"), Map.entry("size", "list.error.size"));
    }

    @Test
    void issue23_11_aRangeEndingBeforeItStarts_theApiSizeBounds_andAListsOwnCheck() {
        ListParameters p = of("size", "201", "x", "1");
        p.range("from", LocalDate.of(2026, 2, 1), "to", LocalDate.of(2026, 1, 1));
        assertThat(p.size(50, 200)).isEqualTo(50);
        p.refuse("x", "hazards.error.own");
        assertThat(refusals(p)).containsOnly(Map.entry("to", "list.error.range"), Map.entry("size", "list.error.sizeApi"),
                Map.entry("x", "hazards.error.own"));
        assertThat(of("size", "200").size(50, 200)).isEqualTo(200);
        assertThat(refusals(of("size", "0"))).isEmpty(); // nothing read, nothing refused
        ListParameters zero = of("size", "0");
        zero.size(50, 200);
        assertThatThrownBy(zero::check).isInstanceOf(InvalidInput.class);
    }

    @Test
    void issue23_11_href_encodesTheParameters_andNamesOnlyAPageAfterTheFirst() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", "门户 & 网站");
        params.put("state", "OPEN");
        assertThat(ListParameters.href("/hazards", params, 0))
                .isEqualTo("/hazards?q=%E9%97%A8%E6%88%B7%20%26%20%E7%BD%91%E7%AB%99&state=OPEN");
        assertThat(ListParameters.href("/hazards", params, 2)).endsWith("&state=OPEN&page=2");
        assertThat(ListParameters.href("/hazards", new HashMap<>(), 0)).isEqualTo("/hazards");
    }
}
