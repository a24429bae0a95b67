package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.delivery.Channel;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.ChannelService.ChannelChange;
import cn.govcloud.guard.notify.delivery.ChannelService.NewChannel;
import cn.govcloud.guard.notify.delivery.DeliveryService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery channels and delivery status over the API (A10.1). The system administrator configures
 * every organisation's channels; the supervisor, the provider's operators and a unit's security
 * officer their own organisation's (another organisation's channel answers 404). Webhook URLs and
 * secrets are write-only: answers show the URL up to its host.
 */
@RestController
@RequestMapping("/api/v1/notify")
@Allow({Role.SYSTEM_ADMIN, Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
class ChannelApiController {
    private final ChannelService channels;
    private final DeliveryService deliveries;

    ChannelApiController(ChannelService channels, DeliveryService deliveries) {
        this.channels = channels;
        this.deliveries = deliveries;
    }

    @GetMapping("/channels")
    List<Map<String, Object>> list(@RequestParam(required = false) Long orgId) {
        return channels.list(Actor.require(), orgId).stream().map(ChannelApiController::json).toList();
    }

    @GetMapping("/channels/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(channels.get(Actor.require(), id));
    }

    /** {@code {"orgId"?, "kind": "EMAIL|DINGTALK|WECOM|FEISHU", "name", "target", "secret"?, "enabled"?}} */
    @PostMapping("/channels")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody NewChannel body) {
        return json(channels.create(Actor.require(), body));
    }

    /** Fields left out (or a blank target / secret) keep their value; {@code "clearSecret": true} removes the secret. */
    @PutMapping("/channels/{id}")
    Map<String, Object> update(@PathVariable long id, @RequestBody ChannelChange body) {
        return json(channels.update(Actor.require(), id, body));
    }

    /** Retires the channel (its delivery history stays); again: 204 all the same. */
    @DeleteMapping("/channels/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        channels.delete(Actor.require(), id);
    }

    /** Sends a test message to this channel only: {@code {"key", "deliveries": [...]}}; follow it with GET deliveries?key=. */
    @PostMapping("/channels/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> test(@PathVariable long id) {
        Actor actor = Actor.require();
        String key = deliveries.sendTest(actor, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("deliveries", deliveries.recent(actor, key, DeliveryService.MAX_LIST).stream().map(ChannelApiController::json).toList());
        return body;
    }

    /** The newest deliveries the caller may see (a unit or the provider its own organisation's, the supervisor all), or one notice's. */
    @GetMapping("/deliveries")
    List<Map<String, Object>> deliveries(@RequestParam(required = false) String key, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > DeliveryService.MAX_LIST) {
            throw new InvalidInput("limit must be between 1 and " + DeliveryService.MAX_LIST, Map.of("limit", "1.." + DeliveryService.MAX_LIST));
        }
        return deliveries.recent(Actor.require(), key, limit).stream().map(ChannelApiController::json).toList();
    }

    static Map<String, Object> json(Channel c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("orgId", c.orgId());
        m.put("orgName", c.orgName());
        m.put("kind", c.kind());
        m.put("name", c.name());
        m.put("target", c.target());
        m.put("signed", c.signed());
        m.put("enabled", c.enabled());
        m.put("createdAt", c.createdAt());
        m.put("createdBy", c.createdBy());
        m.put("updatedAt", c.updatedAt());
        m.put("updatedBy", c.updatedBy());
        m.put("deletedAt", c.deletedAt());
        return m;
    }

    static Map<String, Object> json(DeliveryStatus d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("noticeKey", d.noticeKey());
        m.put("orgId", d.orgId());
        m.put("channel", d.channel());
        m.put("channelName", d.channelName());
        m.put("target", d.target());
        m.put("state", d.state());
        m.put("attempts", d.attempts());
        m.put("lastError", d.lastError());
        m.put("nextAttemptAt", d.nextAttemptAt());
        m.put("sentAt", d.sentAt());
        m.put("createdAt", d.createdAt());
        return m;
    }
}
