package cn.govcloud.guard.siem;

/** How a destination is reached. */
public enum Kind {
    /** RFC 5424 over TLS with octet-counting framing (RFC 5425); the standard port is 6514. */
    SYSLOG_TLS,
    /** The same framing over plain TCP, for a collector inside the same protected network. */
    SYSLOG_TCP,
    /** One message per datagram (RFC 5426): fire and forget, the peer cannot acknowledge. */
    SYSLOG_UDP,
    /** JSON lines POSTed to an HTTP(S) URL; the batch counts as delivered on a 2xx answer. */
    WEBHOOK;

    public boolean syslog() {
        return this != WEBHOOK;
    }
}
