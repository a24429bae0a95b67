package cn.govcloud.guard.demo;

import cn.govcloud.guard.platform.PlatformRegisters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The demo city's platform registers (A5.1, A5.5, A6), made through the platform module's API as
 * the provider: hardware with a mixed 信创 share, the BC/DR plan and last DR test, three external
 * lines (one still without a firewall: a finding on the supervisor's view), two interfaces, and
 * an SBOM of the platform's management software with one component assessed and the rest queued.
 */
@DemoComponent
@org.springframework.core.annotation.Order(100)
record DemoPlatform(PlatformRegisters platform, DemoSeeding city) implements DemoStep {

    static final String SBOM = """
            {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
             "metadata":{"component":{"type":"application","name":"政务云管理平台","version":"3.2"}},
             "components":[
              {"type":"library","group":"org.springframework","name":"spring-core","version":"6.2.1","purl":"pkg:maven/org.springframework/spring-core@6.2.1","licenses":[{"license":{"id":"Apache-2.0"}}]},
              {"type":"library","group":"com.fasterxml.jackson.core","name":"jackson-databind","version":"2.18.2","purl":"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.18.2","licenses":[{"license":{"id":"Apache-2.0"}}]},
              {"type":"library","group":"org.apache.logging.log4j","name":"log4j-core","version":"2.14.1","purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1","licenses":[{"license":{"id":"Apache-2.0"}}]},
              {"type":"library","name":"nginx","version":"1.24.0","purl":"pkg:generic/nginx@1.24.0","licenses":[{"license":{"id":"BSD-2-Clause"}}]},
              {"type":"application","name":"达梦数据库","version":"8.1","supplier":{"name":"武汉达梦数据库股份有限公司"}}
             ]}""";

    @Override
    public void seed() {
        LocalDate today = city.today();
        city.as("provider", () -> {
            platform.registerDevices("SERVER", "华为", "TaiShan 200 (鲲鹏 920)", "云主机计算节点", "包头云计算中心 A 机房", 120, true,
                    "安全可靠测评结果公告（鲲鹏 920）");
            platform.registerDevices("SERVER", "某国外厂商", "x86 通用服务器", "存量计算节点（计划 2027 年替换）", "包头云计算中心 A 机房", 40, false, null);
            platform.registerDevices("NETWORK", "新华三", "S12500", "核心交换机", "包头云计算中心 A 机房", 4, true, "关键网络设备安全认证");
            platform.registerDevices("SECURITY", "奇安信", "网神 SecGate 3600", "边界防火墙", "包头云计算中心 A 机房", 6, true, "网络关键设备和网络安全专用产品安全认证");
            platform.registerDevices("STORAGE", "华为", "OceanStor Dorado", "块存储", "包头云计算中心 B 机房", 8, true, "安全可靠测评结果公告");
            platform.registerDevices("CRYPTO", "三未信安", "SJJ1988 服务器密码机", "数据加密与签名", "包头云计算中心 A 机房", 2, true,
                    "商用密码产品认证证书");
            platform.recordContinuity("PLAN", "政务云业务连续性与灾备计划 V2.1", today.minusMonths(8), null, null, null, "灾备计划.pdf",
                    city.paper("政务云业务连续性与灾备计划 V2.1", "明确灾备等级、恢复时间目标（RTO）与恢复点目标（RPO），以及切换、回切和演练安排。"));
            platform.recordContinuity("DR_TEST", "2026 年度同城灾备切换测试", today.minusMonths(2), "成功", 18, 5, "灾备切换测试报告.pdf",
                    city.paper("2026 年度同城灾备切换测试报告", "测试结果：成功；切换用时 18 分钟，数据丢失 5 分钟以内。"));
            long internet = platform.registerLine("互联网出口（电信）", "INTERNET", "中国电信包头分公司", "10Gbps", "云服务商（互联网出口）", true, true);
            long extranet = platform.registerLine("电子政务外网接入", "GOV_EXTRANET", "中国联通包头分公司", "2Gbps", "市大数据中心", true, true);
            platform.registerLine("人社部门专网", "DEPARTMENT_PRIVATE", "中国移动包头分公司", "100Mbps", "包头市人力资源和社会保障局", false, true);
            platform.registerInterface(internet, "互联网出口 NAT 与负载均衡", "202.99.0.10-202.99.0.20", "政务网站对外发布", "王云", "0472-5100001",
                    today.minusDays(20), "李安全");
            platform.registerInterface(extranet, "政务外网数据共享交换接口", "10.1.0.0/24", "跨部门数据共享交换", "赵接口", "0472-5100002", null, null);
            try {
                platform.importSbom("政务云管理平台-sbom.json", new ByteArrayInputStream(SBOM.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            platform.assessComponent("pkg:maven/org.springframework/spring-core@6.2.1", "低", "可以使用", null, "李安全");
        });
    }
}
