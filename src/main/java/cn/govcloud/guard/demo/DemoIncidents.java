package cn.govcloud.guard.demo;

import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewDrill;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.shared.OrgKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo city's incidents and drills (A10.3, A10.4), made through the incidents module's
 * services: a grade-III platform incident confirmed ten minutes before seeding, so the provider
 * sees the 30-minute countdown on its home page, and this half-year's comprehensive drill with
 * the units invited.
 */
@DemoComponent
@org.springframework.core.annotation.Order(40)
record DemoIncidents(Incidents incidents, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        Instant now = city.now();
        LocalDate today = city.today();
        city.as("provider", () -> {
            incidents.report(new NewIncident(null, "云平台出口遭受大流量拒绝服务攻击", "NETWORK_ATTACK", "NETWORK_ATTACK.DOS", "III",
                    now.minus(Duration.ofMinutes(25)), now.minus(Duration.ofMinutes(10)), "互联网出口带宽被占满，部分政务网站访问缓慢或中断",
                    "市政府门户等互联网应用访问中断约40分钟",
                    new Criteria(new BigDecimal("0.7"), new BigDecimal("0.7"), 120000L, null, "NONE", null)));
            List<Long> units = city.ofKind(OrgKind.UNIT);
            incidents.recordDrill(new NewDrill(today, "政务云平台综合应急演练", true, true, true, true, units,
                    "覆盖网络攻击、数据泄露、系统故障、灾备切换四类场景；各单位按预案完成处置，灾备切换用时18分钟。", "王建国"),
                    "综合应急演练总结报告.pdf", city.paper("政务云平台综合应急演练总结报告",
                            "演练日期：" + today + "。覆盖网络攻击、数据泄露、系统故障、灾备切换四类场景；各单位按预案完成处置，灾备切换用时18分钟。"));
        });
    }
}
