package cn.govcloud.guard.demo;

import cn.govcloud.guard.data.DataSecurity;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.NewBackup;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.NewPolicy;
import cn.govcloud.guard.data.DataSecurity.NewRestoreTest;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.data.DataSecurity.Result;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo city's data catalog (A7.1, A8.2, A8.3), made through the data module's services: the
 * education bureau's student register as 重要数据 with a policy meeting the minimum, last night's
 * off-site backup and a successful restore test; its staff files as general data with a weekly,
 * local-only policy (a finding: A7.1 asks for an off-site copy); and a transfer of the register
 * abroad under a standard contract only (a finding: important data needs a security assessment).
 */
@DemoComponent
@org.springframework.core.annotation.Order(80)
record DemoData(DataSecurity data, Systems systems, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        Instant now = city.now();
        city.as("unit1", () -> {
            List<SystemRef> own = systems.ofOrganisation(Actor.require().orgId());
            SystemRef exams = own.stream().filter(s -> s.name().equals("教育局招生考试系统")).findFirst().orElse(own.isEmpty() ? null : own.get(0));
            if (exams == null) {
                return;
            }
            long register = data.catalog(new NewDataset(exams.id(), "中小学学籍信息库", "全市中小学在籍学生的学籍、家庭成员与升学信息", "教育", "约45万条",
                    "政务云 B 区 学籍数据库集群", Grade.IMPORTANT, HarmObject.SOCIAL_ORDER, HarmSeverity.SERIOUS,
                    "全市未成年人信息汇聚，泄露可能严重影响社会秩序",
                    List.of(new Part("学生身份证号", PartKind.SENSITIVE_PERSONAL, Grade.IMPORTANT),
                            new Part("家庭住址与监护人联系方式", PartKind.SENSITIVE_PERSONAL, Grade.IMPORTANT),
                            new Part("姓名与学校班级", PartKind.PERSONAL, Grade.GENERAL_3))));
            long policy = data.setPolicy(new NewPolicy(exams.id(), register, true, true, "呼和浩特政务云灾备中心", 24, 180, 4, 24));
            data.recordBackup(policy, new NewBackup(now.minus(Duration.ofHours(5)), Result.SUCCESS, 48_318_382_080L, Location.OFFSITE,
                    "呼和浩特政务云灾备中心 对象存储", null));
            data.recordRestoreTest(policy, new NewRestoreTest(now.minus(Duration.ofDays(20)), Result.SUCCESS, Location.OFFSITE, 95,
                    "抽取一所学校的学籍数据在灾备环境恢复并核对"));
            long staff = data.catalog(new NewDataset(exams.id(), "教职工人事档案", "教职工基本信息与任职经历", "人事", "约3.2万条", "政务云 B 区 人事库",
                    null, HarmObject.INDIVIDUAL, HarmSeverity.SERIOUS, null,
                    List.of(new Part("教职工身份证号", PartKind.SENSITIVE_PERSONAL, Grade.GENERAL_4))));
            data.setPolicy(new NewPolicy(exams.id(), staff, true, false, null, 168, 30, 24, 168));
            data.registerTransfer(new NewTransfer(register, "某国际教育测评机构", "新加坡", "国际学生能力测评的抽样数据", LegalBasis.STANDARD_CONTRACT,
                    TransferStatus.FILED, null));
        });
    }
}
