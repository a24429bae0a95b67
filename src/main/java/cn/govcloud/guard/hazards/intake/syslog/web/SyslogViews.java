package cn.govcloud.guard.hazards.intake.syslog.web;

import cn.govcloud.guard.hazards.intake.syslog.Mapper;
import cn.govcloud.guard.hazards.intake.syslog.SyslogAdmin;
import cn.govcloud.guard.hazards.intake.syslog.SyslogPipeline;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.AlertPreview;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.ReceiverView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.SenderView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.StatView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.TestOutcome;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.UnmappedView;
import cn.govcloud.guard.shared.Actor;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Builds the page's and the API's views of the receiver (one place for both). */
@Component
class SyslogViews {
    private final SyslogAdmin admin;
    private final SyslogPipeline pipeline;
    private final MessageSource messages;

    SyslogViews(SyslogAdmin admin, SyslogPipeline pipeline, MessageSource messages) {
        this.admin = admin;
        this.pipeline = pipeline;
        this.messages = messages;
    }

    ReceiverView receiver() {
        SyslogAdmin.Receiver r = admin.receiver();
        SyslogPipeline.Status p = r.pipeline();
        return new ReceiverView(r.enabled(), r.node(), r.udpPort(), r.tcpPort(), r.tlsPort(), p.queued(), p.capacity(), p.overflow(), p.refused(),
                p.written(), p.lastError(), senders(), admin.stats().stream().map(s -> new StatView(s.sender(), s.received(), s.alerts(),
                s.replayed(), s.unmapped(), s.refused(), s.overflow(), s.firstAt(), s.lastAt())).toList());
    }

    List<SenderView> senders() {
        return admin.senders().stream().map(s -> new SenderView(s.id(), s.cidr(), s.note(), s.updatedAt(), s.updatedBy())).toList();
    }

    List<UnmappedView> unmapped() {
        return admin.unmapped().stream().map(u -> new UnmappedView(u.id(), u.node(), u.sender(), u.receivedAt(), u.reason(), text(u.reason()),
                u.line())).toList();
    }

    TestOutcome test(String line, String sender) {
        Mapper.Outcome o = admin.test(Actor.require(), line, sender);
        AlertPreview alert = null;
        if (o.mapped()) {
            Mapper.Mapped m = o.alert();
            var system = pipeline.match(m);
            alert = new AlertPreview(m.title(), m.severity().name(), m.signature(), m.sourceAddress(), m.destAddress(), m.occurredAt(),
                    system.map(a -> a.systemId()).orElse(null), system.flatMap(a -> pipeline.systemName(a.systemId())).orElse(null));
        }
        return TestOutcome.of(o, alert, this::text);
    }

    String text(String key) {
        return key == null ? null : messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
