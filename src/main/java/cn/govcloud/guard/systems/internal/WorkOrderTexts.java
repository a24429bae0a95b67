package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.internal.HostedSystem.Asset;
import java.util.stream.Collectors;

/** What a work order asks the provider to change, in the words an operator at the firewall reads (issue 17 point 6). */
final class WorkOrderTexts {
    private WorkOrderTexts() {
    }

    static String change(WorkOrders.Kind kind, HostedSystem s, String detail) {
        String name = "「" + s.name() + "」";
        String addresses = s.assets().isEmpty() ? "（未登记地址）"
                : "（地址：" + s.assets().stream().map(Asset::address).collect(Collectors.joining("、")) + "）";
        return switch (kind) {
            case ADMISSION -> "准予准入：为" + name + addresses + "开通政务云内部网络接入；互联网访问和对外数据交换保持关闭，另行下令开通";
            case INTERNET_ACCESS_ON -> "在互联网边界防火墙为" + name + addresses + "开通互联网访问";
            case INTERNET_ACCESS_OFF -> "在互联网边界防火墙关闭" + name + addresses + "的互联网访问";
            case EXTERNAL_EXCHANGE_ON -> "在边界防火墙为" + name + addresses + "开通对外数据交换";
            case EXTERNAL_EXCHANGE_OFF -> "在边界防火墙关闭" + name + addresses + "的对外数据交换";
            case SUSPENSION -> "暂停" + name + "的政务云服务，关闭其互联网访问和对外数据交换" + addresses;
            case RESUMPTION -> "恢复" + name + "的政务云服务" + addresses + "；互联网访问和对外数据交换保持关闭，另行下令开通";
            case EXIT_ORDER -> name + "被责令限期退出：关闭其互联网访问和对外数据交换" + addresses + "，不再为其新增资源"
                    + (s.exitDeadline() == null ? "" : "，退出期限 " + s.exitDeadline());
            case EXIT -> name + "已退出：回收其计算、存储和网络资源，删除其防火墙策略和地址映射" + addresses
                    + (detail == null ? "" : "；数据处置：" + detail);
        };
    }
}
