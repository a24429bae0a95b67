package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.shared.Actor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

    /** The states a channel list filters by, in the order of its life (as {@link Channel#effectiveStatus()} says them). */
    public static final List<String> STATES = List.of("REQUESTED", "AWAITING_REGULATOR", "READY", "OPEN", "USED", "EXPIRED", "CLOSED", "REFUSED");

    /** Issue 23 point 11: one page of {@link #list}, narrowed by keyword, unit, state and due window. */
    public Page<Channel> search(Actor actor, ListFilter filter) {
        return store.search(actor, filter);
    }

    /** Every channel {@link #search} matches, for the export, streamed a page at a time. */
    public void each(Actor actor, ListFilter filter, int pageSize, Consumer<Channel> row) {
        store.each(actor, filter, pageSize, row);
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
