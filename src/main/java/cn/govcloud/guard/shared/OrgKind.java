package cn.govcloud.guard.shared;

/** The five kinds of organisation the Measures name (A3, A4). */
public enum OrgKind {
    /** 市大数据中心: supervises the government cloud. */
    SUPERVISOR,
    /** 网信办, 公安局 …: oversight, receive incident reports. */
    REGULATOR,
    /** 云服务商: runs the platform. */
    PROVIDER,
    /** 云使用单位: owns systems and data on the cloud. */
    UNIT,
    /** 通信运营商: named on external network lines. */
    CARRIER
}
