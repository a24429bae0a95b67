package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.shared.Actor;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the pages and the API read of remote channels, scoped to the actor, with who decides a pending one. */
@Service
@Transactional(readOnly = true)
public class ChannelQueries {
    private final ChannelStore store;
    private final ChannelApprovers approvers;

    ChannelQueries(ChannelStore store, ChannelApprovers approvers) {
        this.store = store;
        this.approvers = approvers;
    }

    /**
     * The channels the actor may see: a unit its own; the provider its own requests and every
     * unit's channel once approved (it opens them and watches the open ones); supervisor and regulators all.
     */
    public List<Channel> list(Actor actor) {
        return store.visibleTo(actor);
    }

    public Channel visible(long id, Actor actor) {
        return store.visible(id, actor);
    }

    /** Who decides on a pending channel (see {@link ChannelApprovers}). */
    public Approver approver(Channel c) {
        return approvers.of(c);
    }

    /** The approver of every pending channel of a list, by channel id (one directory question per unit and requester). */
    public Map<Long, Approver> approvers(List<Channel> channels) {
        return approvers.ofPending(channels);
    }

    /** Whether the actor may approve or refuse the channel now — the pages offer the buttons only then. */
    public boolean mayDecide(Channel c, Actor actor) {
        return "REQUESTED".equals(c.status()) && c.mayBeDecidedBy(actor, approvers.of(c));
    }

    /** The same, with the approver already known (a list). */
    public boolean mayDecide(Channel c, Actor actor, Approver approver) {
        return approver != null && c.mayBeDecidedBy(actor, approver);
    }
}
