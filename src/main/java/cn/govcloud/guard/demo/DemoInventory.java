package cn.govcloud.guard.demo;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import cn.govcloud.guard.systems.inventory.AssetInventory;
import cn.govcloud.guard.systems.inventory.AssetInventory.NewAsset;
import java.util.List;

/**
 * The asset and exposure inventories of a few demo systems (A7.1, issue 22 point 1), kept by their units. Seeded before the
 * demo scan: the scan finds SSH (22/tcp) open on the admissions system's web server, which its inventory does not list —
 * exposure drift for 教育局 — and the portal's public address 203.0.113.31:443 resolves through its NAT mapping.
 */
@DemoComponent
@org.springframework.core.annotation.Order(60)
record DemoInventory(AssetInventory inventory, Systems systems, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        city.as("unit1", () -> {
            long zs = id(systems, "教育局招生考试系统");
            add(inventory, zs, host("zs-web-01", "麒麟 Kylin Server", "V10 SP3", "10.31.1.10"), host("zs-db-01", "openEuler", "22.03 LTS SP2", "10.31.1.12"),
                    nat("203.0.113.30", 443, "10.31.1.10", 443), port("10.31.1.10", 443, "https", "nginx 1.24.0"),
                    port("10.31.1.12", 5236, "dm", "达梦 DM8"),
                    new NewAsset("DOMAIN", "zs.jyj.baotou.gov.cn", null, null, null, null, null, null, null, null, "蒙ICP备05001234号-3", null),
                    middleware("Nginx", "1.24.0", "10.31.1.10"), middleware("Apache Struts", "2.5.30", "10.31.1.10"),
                    middleware("达梦数据库 DM8", "8.1.3.100", "10.31.1.12"));
            long portal = id(systems, "教育局门户网站");
            add(inventory, portal, host("jyj-portal-01", "统信 UOS Server", "20 1070e", "10.31.2.20"), nat("203.0.113.31", 443, "10.31.2.20", 443),
                    port("10.31.2.20", 443, "https", "Tomcat 9.0.85"),
                    new NewAsset("DOMAIN", "jyj.baotou.gov.cn", null, null, null, null, null, null, null, null, "蒙ICP备05001234号-1", null),
                    middleware("Apache Tomcat", "9.0.85", "10.31.2.20"));
        });
        city.as("unit2", () -> {
            long qmjk = id(systems, "卫健委全民健康信息平台");
            add(inventory, qmjk, host("qmjk-app-01", "麒麟 Kylin Server", "V10 SP3", "10.32.1.21"), host("qmjk-app-02", "麒麟 Kylin Server", "V10 SP3", "10.32.1.23"),
                    nat("203.0.113.40", 8443, "10.32.1.21", 443), port("10.32.1.21", 443, "https", "东方通 TongWeb 7.0"),
                    new NewAsset("DOMAIN", "qmjk.wjw.baotou.gov.cn", null, null, null, null, null, null, null, null, "蒙ICP备05002345号-2", null),
                    middleware("东方通 TongWeb", "7.0.4.9", "10.32.1.21"), middleware("Redis", "6.2.14", "10.32.1.23"));
        });
    }

    private static long id(Systems systems, String name) {
        List<SystemRef> own = systems.ofOrganisation(Actor.require().orgId());
        return own.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().id();
    }

    private static void add(AssetInventory inventory, long systemId, NewAsset... assets) {
        for (NewAsset a : assets) {
            inventory.add(systemId, a);
        }
    }

    private static NewAsset host(String name, String os, String version, String ip) {
        return new NewAsset("HOST", name, os, version, ip, null, null, null, null, null, null, null);
    }

    private static NewAsset nat(String publicIp, int publicPort, String ip, int port) {
        return new NewAsset("NAT", null, null, null, ip, port, publicIp, publicPort, "TCP", null, null, null);
    }

    private static NewAsset port(String ip, int port, String service, String version) {
        return new NewAsset("PORT", null, null, version, ip, port, null, null, "TCP", service, null, null);
    }

    private static NewAsset middleware(String product, String version, String ip) {
        return new NewAsset("MIDDLEWARE", null, product, version, ip, null, null, null, null, null, null, null);
    }
}
