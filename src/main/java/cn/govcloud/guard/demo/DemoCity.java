package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.IdentityManagement.NewUser;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 包头市 as a demo city: the big-data centre, two regulators, the cloud provider, a carrier and
 * eight units, with the demo accounts of API.md. Built through {@link IdentityManagement} as the
 * system and security administrators, so it is valid — and audited — by construction.
 */
@DemoComponent
@org.springframework.core.annotation.Order(10)
record DemoCity(IdentityBootstrap bootstrap, IdentityManagement identity, DemoPassword demoPassword) implements DemoStep {
    static final String SUPERVISOR = "包头市大数据中心";

    /** A demo account: who, where, which role. */
    record Account(String username, String displayName, String org, Role role, String mobile) {
    }

    static final Map<String, OrgKind> ORGANISATIONS = new LinkedHashMap<>();

    static {
        List.of("包头市委网信办", "包头市公安局").forEach(name -> ORGANISATIONS.put(name, OrgKind.REGULATOR));
        ORGANISATIONS.put("包头政务云运营服务有限公司", OrgKind.PROVIDER);
        ORGANISATIONS.put("中国联通包头市分公司", OrgKind.CARRIER);
        List.of("包头市教育局", "包头市卫生健康委员会", "包头市人力资源和社会保障局", "包头市医疗保障局", "包头市交通运输局", "包头市民政局",
                "包头市自然资源局", "包头市住房和城乡建设局").forEach(name -> ORGANISATIONS.put(name, OrgKind.UNIT));
    }

    /** The demo accounts of API.md (the three administrators come from the bootstrap), then a few more. */
    static final List<Account> ACCOUNTS = List.of(
            new Account("supervisor", "王建国", SUPERVISOR, Role.SUPERVISOR, "13847200001"),
            new Account("regulator", "李明", "包头市委网信办", Role.REGULATOR, "13847200002"),
            new Account("provider", "张伟", "包头政务云运营服务有限公司", Role.PROVIDER_OPERATOR, "13847200003"),
            new Account("unit1", "刘芳", "包头市教育局", Role.UNIT_SECURITY_OFFICER, "13847200004"),
            new Account("unit2", "陈静", "包头市卫生健康委员会", Role.UNIT_SECURITY_OFFICER, "13847200005"),
            new Account("police", "赵强", "包头市公安局", Role.REGULATOR, "13847200006"),
            new Account("unit1staff", "杨洋", "包头市教育局", Role.UNIT_STAFF, "13847200007"),
            new Account("unit3", "黄磊", "包头市人力资源和社会保障局", Role.UNIT_SECURITY_OFFICER, "13847200008"),
            // issue 22 point 3: the 保密 reviewer, who reads the systems' 非涉密 declarations and 关基 flags only
            new Account("secrecy", "孙保密", SUPERVISOR, Role.SECRECY_REVIEWER, "13847200009"));

    static final List<String> ALL_USERNAMES;

    static {
        var names = new java.util.ArrayList<>(List.of("sysadmin", "secadmin", "auditor"));
        ACCOUNTS.forEach(a -> names.add(a.username()));
        ALL_USERNAMES = List.copyOf(names);
    }

    @Override
    public void seed() {
        String password = demoPassword.value();
        bootstrap.createSeparatedAdministrators(SUPERVISOR, password, true);
        Map<String, Long> orgIds = new LinkedHashMap<>();
        Map<String, Long> userIds = new LinkedHashMap<>();
        bootstrap.runAs("sysadmin", () -> {
            identity.organisations().forEach(o -> orgIds.put(o.name(), o.id()));
            ORGANISATIONS.forEach((name, kind) -> orgIds.put(name, identity.createOrganisation(name, kind)));
            for (Account a : ACCOUNTS) {
                userIds.put(a.username(), identity.createUser(new NewUser(a.username(), a.displayName(), orgIds.get(a.org()), a.mobile(), password)));
            }
        });
        bootstrap.runAs("secadmin", () -> ACCOUNTS.forEach(a -> identity.assignRoles(userIds.get(a.username()), Set.of(a.role()))));
    }
}
