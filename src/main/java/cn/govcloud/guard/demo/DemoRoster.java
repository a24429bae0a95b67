package cn.govcloud.guard.demo;

import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.roster.Rosters.PersonInput;
import cn.govcloud.guard.roster.Rosters.RosterInput;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo city's security-responsibility rosters (issue 22 point 2), entered by each unit's security officer: every
 * unit has its three people and a 7×24 on-call phone; every unit but 包头市卫生健康委员会 (unit2) has uploaded this
 * year's signed 网络安全责任书, so unit2's yearly duty A4-responsibility-letter stays open in the compliance matrix.
 */
@DemoComponent
@org.springframework.core.annotation.Order(140)
record DemoRoster(Rosters rosters, DemoSeeding city) implements DemoStep {

    private record Plan(String officer, String unit, String principal, String leader, String administrator, int n) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("unit1", "教育局", "孙志强", "周玉梅", "刘芳", 1),
            new Plan("unit2", "卫生健康委员会", "吴海涛", "郑红", "陈静", 2),
            new Plan("unit3", "人力资源和社会保障局", "冯立军", "褚晓燕", "黄磊", 3),
            new Plan("unit4", "医疗保障局", "卫国平", "蒋丽华", "马丽", 4),
            new Plan("unit5", "交通运输局", "沈建华", "韩冬梅", "郭伟", 5),
            new Plan("unit6", "民政局", "杨光明", "朱秀英", "何敏", 6),
            new Plan("unit7", "自然资源局", "秦志刚", "尤建芳", "宋涛", 7),
            new Plan("unit8", "住房和城乡建设局", "许国庆", "何玉兰", "韩雪", 8));

    @Override
    public void seed() {
        LocalDate today = city.today();
        LocalDate signed = today.withDayOfYear(1).plusDays(20).isAfter(today) ? today : today.withDayOfYear(1).plusDays(20);
        for (Plan p : PLANS) {
            try {
                city.as(p.officer(), () -> {
                    rosters.save(new RosterInput(
                            new PersonInput(p.principal(), "局长", "0472-51" + String.format("%05d", 100 + p.n()), "1394720" + String.format("%04d", 100 + p.n())),
                            new PersonInput(p.leader(), "副局长", "0472-51" + String.format("%05d", 200 + p.n()), "1394720" + String.format("%04d", 200 + p.n())),
                            new PersonInput(p.administrator(), "网络安全管理员", "0472-51" + String.format("%05d", 300 + p.n()),
                                    "1384720" + String.format("%04d", 3 + p.n())),
                            "1594720" + String.format("%04d", p.n())));
                    if (!p.officer().equals("unit2")) {
                        rosters.fileLetter(today.getYear(), signed, "网络安全责任书-" + p.unit() + "-" + today.getYear() + ".pdf",
                                city.paper(today.getYear() + " 年度网络安全责任书", "包头市" + p.unit() + "主要负责人" + p.principal()
                                        + "签字、单位盖章的网络安全责任书扫描件。"));
                    }
                });
            } catch (RuntimeException e) {
                // a unit the demo city does not have (an older data directory): the others still get their rosters
                org.slf4j.LoggerFactory.getLogger(DemoRoster.class).warn("demo roster of {} skipped: {}", p.officer(), e.getMessage());
            }
        }
    }
}
