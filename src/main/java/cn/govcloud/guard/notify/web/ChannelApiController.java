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
    List<Channel> list(@RequestParam(required = false) Long orgId) {
        return channels.list(Actor.require(), orgId);
    }

    @GetMapping("/channels/{id}")
    Channel get(@PathVariable long id) {
        return channels.get(Actor.require(), id);
    }

    /** {@code {"orgId"?, "kind": "EMAIL|DINGTALK|WECOM|FEISHU", "name", "target", "secret"?, "enabled"?}} */
    @PostMapping("/channels")
    @ResponseStatus(HttpStatus.CREATED)
    Channel create(@RequestBody NewChannel body) {
        return channels.create(Actor.require(), body);
    }

    /** Fields left out (or a blank target / secret) keep their value; {@code "clearSecret": true} removes the secret. */
    @PutMapping("/channels/{id}")
    Channel update(@PathVariable long id, @RequestBody ChannelChange body) {
        return channels.update(Actor.require(), id, body);
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
    TestSent test(@PathVariable long id) {
        Actor actor = Actor.require();
        String key = deliveries.sendTest(actor, id);
        return new TestSent(key, deliveries.recent(actor, key, DeliveryService.MAX_LIST));
    }

    /** The test message's notice key and its deliveries so far. */
    record TestSent(String key, List<DeliveryStatus> deliveries) {
    }

    /** The newest deliveries the caller may see (a unit or the provider its own organisation's, the supervisor all), or one notice's. */
    @GetMapping("/deliveries")
    List<DeliveryStatus> deliveries(@RequestParam(required = false) String key, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > DeliveryService.MAX_LIST) {
            throw new InvalidInput("limit must be between 1 and " + DeliveryService.MAX_LIST, Map.of("limit", "1.." + DeliveryService.MAX_LIST));
        }
        return deliveries.recent(Actor.require(), key, limit);
    }
}
