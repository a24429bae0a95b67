package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.web.Navigation;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page, including Spring Boot's error pages, what the layout needs (who is signed in,
 * their navigation, demo mode), so no controller has to remember it.
 */
@ControllerAdvice
class LayoutModel {

    private final boolean demo;

    LayoutModel(@Value("${govguard.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actor.current().orElse(null);
    }

    @ModelAttribute("navItems")
    List<Navigation.Item> navItems() {
        return Actor.current().map(Navigation::visibleTo).orElse(List.of());
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }
}
