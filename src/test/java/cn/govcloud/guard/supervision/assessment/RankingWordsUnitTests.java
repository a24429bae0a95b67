package cn.govcloud.guard.supervision.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 23 point 4: the assessment report printed 「duties=40;hazards=30…」; a reader gets the model in words. */
class RankingWordsUnitTests {

    private static ItemScore item(String id, String title, int weight) {
        return new ItemScore(id, "DUTIES", title, id, weight, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, "", false, java.util.Set.of());
    }

    @Test
    void a12_theModelsWeightsReadInChineseWithTheItemsTitlesAndTheDeductionsWords() {
        var unit = new UnitScore(1, "市财政局", List.of(item("duties", "按期履行职责", 40), item("incidents", "安全事件", 20)),
                BigDecimal.TEN, 1, null, null);
        var ranking = new Ranking(2026, "2026.1", "duties=40;incidents=20(I=20,II=10,III=5,IV=0,late=5,missing=10,concealed=20);extra=5",
                List.of(unit), List.of(), Instant.EPOCH, null, null);
        assertThat(ranking.weightsInWords()).isEqualTo("按期履行职责 40 分；安全事件 20 分（每起扣分：Ⅰ级事件 20，Ⅱ级事件 10，Ⅲ级事件 5，"
                + "Ⅳ级事件 0，迟报 5，漏报 10，瞒报 20）；extra 5 分");
    }
}
