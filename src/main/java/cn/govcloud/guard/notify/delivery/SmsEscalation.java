package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.identity.MobileNumbers;
import cn.govcloud.guard.identity.MobileNumbers.Reachable;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.OnCallPhones;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A10.1 "unacknowledged alerts escalate", from the inbox to SMS (issue 21 point 4): a CRITICAL notice that a
 * person it is for has not read in the inbox within the catalog's {@code A10.1-sms-escalation-after} (30 minutes
 * in the product) sends that person one SMS. Run by the db-scheduler task {@code notify-escalation} on any node:
 * the primary key of {@code notify_escalation} (notice, person) decides each escalation once across nodes, and
 * the SMS is an ordinary delivery — retried, FAILED after the last attempt, shown on 送达记录. Notices raised
 * before the SMS gateway was switched on are not escalated.
 *
 * <p>Issue 22 point 2 ("escalations and the SMS path use the roster"): when nobody the notice is for has read it by
 * then, the unit's 7×24 on-call phone ({@link OnCallPhones}, the roster module) is sent one SMS as well — once per
 * notice across nodes (the primary key of {@code notify_escalation_on_call}), an ordinary delivery like the others.
 */
@Component
public class SmsEscalation {
    private static final Logger log = LoggerFactory.getLogger(SmsEscalation.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final GatewayService gateways;
    private final MobileNumbers mobiles;
    private final PersonalDeliveries people;
    private final DeliverySender sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<OnCallPhones> onCallPhones;

    SmsEscalation(JdbcClient jdbc, GatewayService gateways, MobileNumbers mobiles, PersonalDeliveries people, DeliverySender sender,
                  TransactionTemplate tx, Clock clock, ObjectProvider<OnCallPhones> onCallPhones) {
        this.onCallPhones = onCallPhones;
        this.jdbc = jdbc;
        this.gateways = gateways;
        this.mobiles = mobiles;
        this.people = people;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
    }

    private record Due(long id, Notice notice, boolean allRoles) {
    }

    /** Escalates what is due now. @return SMS deliveries added */
    public int escalateDue() {
        var sms = gateways.activeSms();
        if (sms.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(gateways.escalationAfter());
        int added = 0;
        while (true) {
            List<Due> due = jdbc.sql("""
                            select id, notice_key, org_id, all_roles, message_key, args, link, severity, created_at from notify_notice
                             where severity = 'CRITICAL' and escalation_checked_at is null and delivered_at <= :cutoff and delivered_at >= :since
                             order by delivered_at, id limit :batch""")
                    .param("cutoff", utc(cutoff)).param("since", utc(sms.get().enabledAt())).param("batch", BATCH)
                    .query((rs, i) -> new Due(rs.getLong("id"), new Notice(rs.getString("notice_key"), rs.getLong("org_id"), Set.of(),
                            rs.getString("message_key"), JSON.readValue(rs.getString("args"), STRINGS), rs.getString("link"),
                            Notice.Severity.valueOf(rs.getString("severity")), rs.getObject("created_at", OffsetDateTime.class).toInstant()),
                            rs.getBoolean("all_roles"))).list();
            for (Due d : due) {
                try {
                    Integer n = tx.execute(status -> escalate(d, now));
                    added += n == null ? 0 : n;
                } catch (RuntimeException e) {
                    log.warn("escalating notice {} failed; the next run tries again", d.notice().key(), e);
                    return added;
                }
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        if (added > 0) {
            sender.soon();
        }
        return added;
    }

    private int escalate(Due d, Instant now) {
        Set<Role> roles = d.allRoles() ? Set.of() : jdbc.sql("select role from notify_notice_role where notice_id = :id")
                .param("id", d.id()).query(String.class).list().stream().map(Role::valueOf).collect(Collectors.toSet());
        int added = 0;
        for (Reachable person : mobiles.reachable(d.notice().orgId(), roles)) {
            boolean read = jdbc.sql("select count(*) from notify_receipt where notice_id = :id and user_id = :user")
                    .param("id", d.id()).param("user", person.userId()).query(Long.class).single() > 0;
            if (read) {
                continue;
            }
            int first = jdbc.sql("insert into notify_escalation (notice_id, user_id, created_at) values (:id, :user, :now) on conflict do nothing")
                    .param("id", d.id()).param("user", person.userId()).param("now", utc(now)).update();
            if (first == 1 && people.enqueueSms(d.notice(), person)) {
                added++;
            }
        }
        added += escalateToOnCall(d, now);
        jdbc.sql("update notify_notice set escalation_checked_at = :now where id = :id and escalation_checked_at is null")
                .param("now", utc(now)).param("id", d.id()).update();
        return added;
    }

    /** The unit's 7×24 on-call phone, when nobody the notice is for has read it (issue 22 point 2); once per notice. */
    private int escalateToOnCall(Due d, Instant now) {
        OnCallPhones phones = onCallPhones.getIfAvailable();
        Optional<OnCallPhones.OnCall> onCall = phones == null ? Optional.empty() : phones.onCallOf(d.notice().orgId());
        if (onCall.isEmpty()) {
            return 0;
        }
        boolean read = jdbc.sql("select count(*) from notify_receipt where notice_id = :id").param("id", d.id()).query(Long.class).single() > 0;
        if (read) {
            return 0;
        }
        int first = jdbc.sql("insert into notify_escalation_on_call (notice_id, created_at) values (:id, :now) on conflict do nothing")
                .param("id", d.id()).param("now", utc(now)).update();
        return first == 1 && people.enqueueOnCallSms(d.notice(), onCall.get()) ? 1 : 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
