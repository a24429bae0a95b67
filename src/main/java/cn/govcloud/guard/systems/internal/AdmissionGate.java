package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.Verification.Item;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.Protections.Measure;
import cn.govcloud.guard.systems.internal.Protections.Protection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admission gate checks beyond "every item accepted" (issue 17 point 8): a gate that only counts ticks lets
 * an expired certificate through. Checked on the admission date, each refusal names the rule:
 * <ul>
 * <li>A11.2 (核验《网络安全等级保护测评证书》): the certificate is valid on the admission date, its conclusion is not
 * 差, and it was issued for the system's own protection level (a certificate that does not state its level
 * cannot be compared, so it is refused too);</li>
 * <li>A11.2, after the 等级保护 filing a level-2-or-higher system must have with the public-security organ: a
 * system at level ≥ 2 needs its filing number (备案号);</li>
 * <li>A7.1: the minimum protections — firewall, IDS/IPS, endpoint protection, commercial cryptography, local
 * and off-site backup — are declared present.</li>
 * </ul>
 */
final class AdmissionGate {
    /** The 等保 conclusions that fail (GB/T 28448 grades 优 / 良 / 中 / 差). */
    static final List<String> FAILING_CONCLUSIONS = List.of("差");
    /** From this level on a system is filed with the public-security organ (等级保护备案) and has a filing number. */
    static final int FILING_FROM_LEVEL = 2;

    private AdmissionGate() {
    }

    static Optional<RuleViolation> refusal(HostedSystem system, Map<ItemKind, Item> items, Map<Measure, Protection> protections, LocalDate today) {
        Item cert = items.get(ItemKind.MLPS_CERTIFICATE);
        if (cert != null) {
            if (cert.validUntil() != null && cert.validUntil().isBefore(today)) {
                return refuse("A11.2", "A11.2-admission-check：等级保护测评证书已于 " + cert.validUntil() + " 过期，准入日 " + today
                        + " 无效，不予准入 (MLPS certificate expired on the admission date)");
            }
            if (cert.conclusion() != null && FAILING_CONCLUSIONS.contains(cert.conclusion().strip())) {
                return refuse("A11.2", "A11.2-admission-check：等级保护测评结论为「" + cert.conclusion().strip()
                        + "」，未达到安全合规要求，不予准入 (MLPS conclusion 差)");
            }
            if (cert.certLevel() == null) {
                return refuse("A11.2", "A11.2-admission-check：等级保护测评证书未注明保护等级，无法与系统定级（第" + system.mlpsLevel()
                        + "级）核对，请重新上传并填写证书等级 (certificate level not stated)");
            }
            if (cert.certLevel() != system.mlpsLevel()) {
                return refuse("A11.2", "A11.2-admission-check：等级保护测评证书为第" + cert.certLevel() + "级，与系统定级第"
                        + system.mlpsLevel() + "级不符，不予准入 (certificate level differs from the system's)");
            }
        }
        if (system.mlpsLevel() >= FILING_FROM_LEVEL && (system.filingNumber() == null || system.filingNumber().isBlank())) {
            return refuse("A11.2", "A11.2-admission-check：第" + system.mlpsLevel()
                    + "级系统须有公安机关等级保护备案号，未登记备案号不予准入 (no filing number at level ≥ 2)");
        }
        List<Measure> missing = Arrays.stream(Measure.values())
                .filter(m -> protections.get(m) == null || !protections.get(m).present()).toList();
        if (!missing.isEmpty()) {
            return refuse("A7.1", "A7.1-protection-declaration：以下最低安全防护措施未声明具备："
                    + String.join("、", missing.stream().map(AdmissionGate::name).toList()) + "，不予准入 (A7.1 minimum protections not declared)");
        }
        return Optional.empty();
    }

    private static Optional<RuleViolation> refuse(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }

    private static String name(Measure m) {
        return switch (m) {
            case FIREWALL -> "防火墙";
            case IDS_IPS -> "入侵检测/防御";
            case ENDPOINT -> "终端防护";
            case CRYPTO -> "商用密码";
            case LOCAL_BACKUP -> "本地备份";
            case OFFSITE_BACKUP -> "异地备份";
        };
    }
}
