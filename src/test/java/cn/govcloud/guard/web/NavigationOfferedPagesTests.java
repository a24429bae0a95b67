package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23 point 7: the navigation never offers a page its reader would be refused, for every role of
 * the demo city; every page sits in exactly one of the task groups (or above them), and the groups
 * count the duties waiting as the duty list does.
 */
@AppTest
class NavigationOfferedPagesTests {
    static final List<String> DEMO = List.of("sysadmin", "secadmin", "auditor", "supervisor", "regulator", "provider", "unit1", "unit1staff");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Navigation navigation;

    @Test
    void everyPageTheNavigationOffersOpensForTheRoleItIsOfferedTo() throws Exception {
        List<String> refused = new ArrayList<>();
        for (String user : DEMO) {
            Actor actor = DemoActors.actor(jdbc, user);
            for (Navigation.Item item : navigation.visibleTo(actor)) {
                int status = mvc.perform(get(item.path()).with(authentication(DemoActors.authentication(jdbc, user)))
                        .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getStatus();
                if (status >= 400) {
                    refused.add(user + " " + item.path() + " → " + status);
                }
            }
        }
        assertThat(refused).isEmpty();
    }

    /** Issue 18 point 4: the menu reads who may open a page from the page's handler, so each entry has one. */
    @Test
    void everyEntryTakesItsRolesFromItsHandlersAllow() {
        assertThat(navigation.items()).extracting(Navigation.Item::key)
                .containsExactlyElementsOf(Navigation.PAGES.stream().map(Navigation.Page::key).toList());
        Navigation.Item systems = navigation.items().stream().filter(i -> i.key().equals("systems")).findFirst().orElseThrow();
        // the handler lets the provider in (under a unit's grant, A8.1) but the menu does not offer it the list
        assertThat(systems.roles()).contains(cn.govcloud.guard.shared.Role.UNIT_STAFF, cn.govcloud.guard.shared.Role.SUPERVISOR)
                .doesNotContain(cn.govcloud.guard.shared.Role.PROVIDER_OPERATOR);
        assertThat(navigation.items().stream().filter(i -> i.key().equals("audit")).findFirst().orElseThrow().roles())
                .containsExactly(cn.govcloud.guard.shared.Role.AUDIT_ADMIN);
    }

    @Test
    void everyPageIsInOneGroupAndTheSupervisorsGroupsAreTheSeven() {
        List<String> placed = new ArrayList<>(Navigation.TOP);
        Navigation.GROUPS.forEach(g -> placed.addAll(g.itemKeys()));
        assertThat(placed).doesNotHaveDuplicates();
        assertThat(placed).containsExactlyInAnyOrderElementsOf(navigation.items().stream().map(Navigation.Item::key).toList());
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        assertThat(navigation.groupsOf(supervisor, Map.of()).stream().map(Navigation.ShownGroup::key))
                .containsExactly("overview", "systems", "hazards", "access", "data", "platform", "admin");
    }

    @Test
    void rulesWaitInTheGroupOfTheirArticle() {
        assertThat(Navigation.groupOfArticle("A5.4")).isEqualTo("platform");
        assertThat(Navigation.groupOfArticle("A6.1")).isEqualTo("platform");
        assertThat(Navigation.groupOfArticle("A7.2")).isEqualTo("systems");
        assertThat(Navigation.groupOfArticle("A7.3")).isEqualTo("access");
        assertThat(Navigation.groupOfArticle("A9.2")).isEqualTo("access");
        assertThat(Navigation.groupOfArticle("A8.2")).isEqualTo("data");
        assertThat(Navigation.groupOfArticle("A10.2")).isEqualTo("hazards");
        assertThat(Navigation.groupOfArticle("A11.1")).isEqualTo("systems");
        assertThat(Navigation.groupOfArticle("A11.3")).isEqualTo("overview");
        assertThat(Navigation.groupOfArticle("A12")).isEqualTo("overview");
        assertThat(Navigation.groupOfArticle("A14")).isEqualTo("admin");
    }
}
