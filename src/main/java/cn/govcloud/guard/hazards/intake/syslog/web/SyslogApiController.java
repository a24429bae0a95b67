package cn.govcloud.guard.hazards.intake.syslog.web;

import cn.govcloud.guard.hazards.intake.syslog.SyslogAdmin;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.ReceiverView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.RuleView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.SenderView;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.SendersBody;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.TestBody;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.TestOutcome;
import cn.govcloud.guard.hazards.intake.syslog.web.SyslogDto.UnmappedView;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The syslog receiver's configuration (issue 21 point 3), the security administrator's: mapping rules, allowed senders,
 * the counts per sender, the last unmapped lines and the test of a pasted line. Every change is audited; a refused
 * field comes back as a problem detail naming it.
 */
@RestController
@RequestMapping("/api/v1/intake/syslog")
class SyslogApiController {
    private final SyslogAdmin admin;
    private final SyslogViews views;

    SyslogApiController(SyslogAdmin admin, SyslogViews views) {
        this.admin = admin;
        this.views = views;
    }

    @GetMapping
    @Allow(Role.SECURITY_ADMIN)
    ReceiverView receiver() {
        return views.receiver();
    }

    @GetMapping("/rules")
    @Allow(Role.SECURITY_ADMIN)
    List<RuleView> rules() {
        return admin.rules().stream().map(RuleView::of).toList();
    }

    @GetMapping("/rules/{id}")
    @Allow(Role.SECURITY_ADMIN)
    RuleView rule(@PathVariable long id) {
        return RuleView.of(admin.rule(id));
    }

    @PostMapping("/rules")
    @Allow(Role.SECURITY_ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    RuleView create(@RequestBody SyslogAdmin.RuleInput body) {
        return RuleView.of(admin.create(Actor.require(), body));
    }

    @PutMapping("/rules/{id}")
    @Allow(Role.SECURITY_ADMIN)
    RuleView update(@PathVariable long id, @RequestBody SyslogAdmin.RuleInput body) {
        return RuleView.of(admin.update(Actor.require(), id, body));
    }

    @DeleteMapping("/rules/{id}")
    @Allow(Role.SECURITY_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        admin.delete(Actor.require(), id);
    }

    @GetMapping("/senders")
    @Allow(Role.SECURITY_ADMIN)
    List<SenderView> senders() {
        return views.senders();
    }

    @PutMapping("/senders")
    @Allow(Role.SECURITY_ADMIN)
    List<SenderView> replaceSenders(@RequestBody SendersBody body) {
        admin.replaceSenders(Actor.require(), body == null ? null : body.senders());
        return views.senders();
    }

    @GetMapping("/unmapped")
    @Allow(Role.SECURITY_ADMIN)
    List<UnmappedView> unmapped() {
        return views.unmapped();
    }

    /** How a pasted line would map now; changes nothing. */
    @PostMapping("/test")
    @Allow(Role.SECURITY_ADMIN)
    TestOutcome test(@RequestBody TestBody body) {
        return views.test(body == null ? null : body.line(), body == null ? null : body.sender());
    }
}
