package cn.govcloud.guard.demo;

import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.NewSystem;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo city's hosted systems, registered and admitted through the same service the units and
 * the supervisor use: most admitted with internet access, one awaiting verification, one suspended.
 */
@DemoComponent
@org.springframework.core.annotation.Order(20)
record DemoSystems(Systems systems, DemoSeeding city) implements DemoStep {

    enum Fate { ADMITTED_INTERNET, ADMITTED_EXCHANGE, ADMITTED_INTRANET, AWAITING_VERIFICATION, SUSPENDED }

    record Demo(String unit, NewSystem system, Fate fate) {
    }

    static final List<Demo> SYSTEMS = List.of(
            new Demo("unit1", new NewSystem("教育局招生考试系统", "中考、高考报名与成绩查询", 3, "15020041001-26001", "刘芳", "13847200004",
                    List.of("INTERNET", "GOV_EXTRANET"), List.of("10.31.1.10", "10.31.1.0/26", "zs.jyj.baotou.gov.cn")), Fate.ADMITTED_INTERNET),
            new Demo("unit1", new NewSystem("教育局门户网站", "政策发布与办事指南", 2, "15020041001-26002", "杨洋", "13847200007",
                    List.of("INTERNET"), List.of("10.31.2.20", "jyj.baotou.gov.cn")), Fate.ADMITTED_INTERNET),
            new Demo("unit1", new NewSystem("校园安全视频监控平台", "中小学校园视频汇聚", 2, "15020041001-26003", "刘芳", "13847200004",
                    List.of("DEPARTMENT_PRIVATE"), List.of("10.31.8.0/24")), Fate.AWAITING_VERIFICATION),
            new Demo("unit2", new NewSystem("卫健委全民健康信息平台", "区域健康档案与电子病历共享", 3, "15020041002-26001", "陈静", "13847200005",
                    List.of("INTERNET", "GOV_EXTRANET"), List.of("10.32.1.0/24", "qmjk.wjw.baotou.gov.cn")), Fate.ADMITTED_EXCHANGE),
            new Demo("unit2", new NewSystem("卫健委预约挂号服务系统", "市属医院预约挂号", 2, "15020041002-26002", "陈静", "13847200005",
                    List.of("INTERNET"), List.of("10.32.5.15", "gh.wjw.baotou.gov.cn")), Fate.SUSPENDED),
            new Demo("unit3", new NewSystem("人社局社保经办系统", "社会保险登记、缴费与待遇核定", 3, "15020041003-26001", "黄磊", "13847200008",
                    List.of("INTERNET", "GOV_EXTRANET", "DEPARTMENT_PRIVATE"), List.of("10.33.1.0/24", "sbjb.rsj.baotou.gov.cn")), Fate.ADMITTED_EXCHANGE),
            new Demo("unit3", new NewSystem("人社局公共就业服务网", "招聘信息发布与求职登记", 2, "15020041003-26002", "黄磊", "13847200008",
                    List.of("INTERNET"), List.of("10.33.3.30", "jy.rsj.baotou.gov.cn")), Fate.ADMITTED_INTERNET));

    private static final String[] ITEMS = {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"};
    private static final String[][] PROTECTIONS = {{"FIREWALL", "云平台边界防火墙 + 主机安全组"}, {"IDS_IPS", "平台入侵防御系统"},
            {"ENDPOINT", "主机防病毒与终端防护"}, {"CRYPTO", "SM2/SM3/SM4 云密码机（商用密码产品认证证书 GM003312220230001）"},
            {"LOCAL_BACKUP", "每日本地备份"}, {"OFFSITE_BACKUP", "每日异地备份至鄂尔多斯灾备中心"}};

    @Override
    public void seed() {
        LocalDate today = city.today();
        for (Demo demo : SYSTEMS) {
            long id = city.by(demo.unit(), () -> {
                long registered = systems.register(demo.system());
                systems.uploadAgreement(registered, "BTZWY-XY-" + demo.system().filingNumber(), demo.system().responsibleName(), "王建国", today.minusMonths(2), "安全责任协议.pdf",
                        city.paper("政务信息系统上云安全责任协议", "甲方：包头市大数据中心；乙方：系统所属单位。双方依照《包头市政务云安全管理办法》明确各自的安全责任。"));
                for (String kind : ITEMS) {
                    boolean mlps = kind.equals("MLPS_CERTIFICATE");
                    systems.uploadItem(registered, kind, mlps ? "DJCP-" + demo.system().filingNumber() : null, mlps ? today.minusMonths(5) : null,
                            mlps ? "良" : null, mlps ? today.minusMonths(5).plusYears(1) : null, mlps ? demo.system().mlpsLevel() : null,
                            kind.toLowerCase() + ".pdf", city.paper(PAPER_TITLES.get(kind), "系统上云材料（演示）。"));
                }
                // A7.1: the minimum protections, declared before admission (issue 17 point 8)
                for (String[] m : PROTECTIONS) {
                    systems.declareProtection(registered, m[0], true, m[1]);
                }
                // A2 (issue 22 point 3): the unit declares the system 非涉密 before it asks for admission
                systems.declareNonClassified(registered, demo.system().responsibleName());
                systems.requestAdmission(registered);
                return registered;
            });
            if (demo.fate() == Fate.AWAITING_VERIFICATION) {
                continue;
            }
            city.as("supervisor", () -> {
                for (String kind : ITEMS) {
                    systems.reviewItem(id, kind, true, null);
                }
                systems.admit(id);
                // issue 22 point 3: one 关基 system in the demo city, identified by its protection department
                if (CII.containsKey(demo.system().name())) {
                    systems.identifyCriticalInfrastructure(id, CII.get(demo.system().name()));
                }
                if (demo.fate() != Fate.ADMITTED_INTRANET) {
                    systems.setInternetAccess(id, true);
                }
                if (demo.fate() == Fate.ADMITTED_EXCHANGE) {
                    systems.setExternalExchange(id, true);
                }
                if (demo.fate() == Fate.SUSPENDED) {
                    systems.suspend(id, "高危漏洞（远程代码执行）通报后逾期未整改，存在重大安全隐患");
                }
            });
            // issue 17 point 6: the provider has executed the admission and switch orders at its firewalls; the suspension's
            // order stays open, so the provider's work-order list and the system page show one awaiting execution
            city.as("provider", () -> {
                List<Long> open = systems.openWorkOrders(id);
                for (long order : demo.fate() == Fate.SUSPENDED ? open.subList(0, open.size() - 1) : open) {
                    systems.confirmWorkOrder(order, "王建国", city.now(), "已按工单在边界防火墙配置访问策略并核验生效");
                }
            });
        }
    }

    /** The demo's 关基 systems and their protection departments (issue 22 point 3). */
    private static final java.util.Map<String, String> CII = java.util.Map.of("人社局社保经办系统", "内蒙古自治区人力资源和社会保障厅");

    private static final java.util.Map<String, String> PAPER_TITLES = java.util.Map.of("MLPS_CERTIFICATE", "网络安全等级保护测评报告",
            "CRYPTO_PLAN", "商用密码应用安全性评估方案", "SECURITY_TEST", "安全检测报告", "PENETRATION_TEST", "渗透测试报告");
}
