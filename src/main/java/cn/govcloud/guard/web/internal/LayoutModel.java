package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.web.Navigation;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * Gives every page, including Spring Boot's error pages, what the layout needs (who is signed in,
 * their navigation, demo mode), so no controller has to remember it.
 */
@ControllerAdvice
class LayoutModel {

    private final boolean demo;
    private final ObjectProvider<Inbox> inbox; // absent in web slice tests

    LayoutModel(@Value("${govguard.demo.enabled:false}") boolean demo, ObjectProvider<Inbox> inbox) {
        this.demo = demo;
        this.inbox = inbox;
    }

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actor.current().orElse(null);
    }

    @ModelAttribute("navItems")
    List<Navigation.Item> navItems() {
        return Actor.current().map(Navigation::visibleTo).orElse(List.of());
    }

    /**
     * The navigation's unread badge: counted only when a page's layout shows it (lazy), so API calls
     * and fragments cost nothing; a failure leaves the badge out rather than breaking the page.
     */
    @ModelAttribute("inboxUnread")
    LazyContextVariable<Long> inboxUnread() {
        Actor actor = Actor.current().filter(a -> !a.machine()).orElse(null);
        Inbox available = inbox.getIfAvailable();
        return new LazyContextVariable<>() {
            @Override
            protected Long loadValue() {
                if (actor == null || available == null) {
                    return null;
                }
                try {
                    return available.unreadCount(actor.userId());
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(LayoutModel.class).warn("Unread count for the navigation failed: {}", e.toString());
                    return null;
                }
            }
        };
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }
}
