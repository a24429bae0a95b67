package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The in-app inbox on H2 and on PostgreSQL (A10.1): idempotent delivery, targeting, receipts, tenancy, page and API. */
@AppTest
class InboxTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");
    @Autowired Inbox inbox;
    @Autowired InboxService service;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired MockMvc mvc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theSameKeyIsDeliveredOnce() {
        String key = key();
        assertThat(inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "一"))).isTrue();
        assertThat(inbox.deliver(notice(key, orgOf("unit1"), Set.of(Role.UNIT_STAFF), "other.key", "二"))).isFalse();
        assertThat(rows(key)).isEqualTo(1);
        assertThat(jdbc.sql("select message_key from notify_notice where notice_key = :k").param("k", key).query(String.class).single())
                .isEqualTo("home.greeting");
    }

    @Test
    void aDuplicateLeavesTheCallersTransactionUsable() {
        String key = key();
        inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "x"));
        String second = key();
        Boolean duplicate = transactions.execute(tx -> {
            boolean again = inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "x"));
            // on PostgreSQL a failed statement would abort the transaction: these would then fail
            inbox.deliver(notice(second, orgOf("unit1"), Set.of(), "home.greeting", "y"));
            jdbc.sql("select count(*) from notify_notice").query(Long.class).single();
            return again;
        });
        assertThat(duplicate).isFalse();
        assertThat(rows(key)).isEqualTo(1);
        assertThat(rows(second)).isEqualTo(1);
    }

    @Test
    void deliveryJoinsTheCallersTransactionAndRollsBackWithIt() {
        String key = key();
        transactions.executeWithoutResult(tx -> {
            assertThat(inbox.deliver(notice(key, orgOf("unit1"), Set.of(Role.UNIT_STAFF), "home.greeting", "x"))).isTrue();
            tx.setRollbackOnly();
        });
        assertThat(rows(key)).isZero();
        assertThat(inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "x"))).isTrue();
    }

    /** Two application instances deliver the same key at once: one row, no exception for either. */
    @Test
    void concurrentDeliveriesOfOneKeyMakeOneNotice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // deterministic: the second insert runs while the first transaction still holds its uncommitted row
            String key = key();
            CountDownLatch firstInserted = new CountDownLatch(1);
            Future<Boolean> first = pool.submit(() -> transactions.execute(tx -> {
                boolean delivered = inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "first"));
                firstInserted.countDown();
                sleep(400);
                return delivered;
            }));
            assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = pool.submit(() -> transactions.execute(tx ->
                    inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "second"))));
            assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(20, TimeUnit.SECONDS)).isFalse();
            assertThat(rows(key)).isEqualTo(1);

            // a race of eight, all released together
            String raced = key();
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                Callable<Boolean> deliver = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return transactions.execute(tx -> inbox.deliver(notice(raced, orgOf("unit1"), Set.of(), "home.greeting", "r" + n)));
                };
                results.add(pool.submit(deliver));
            }
            int delivered = 0;
            for (Future<Boolean> f : results) {
                delivered += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(delivered).isEqualTo(1);
            assertThat(rows(raced)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rolesDecideWhoInTheOrganisationReceivesIt() {
        Addressee officer = addressee("unit1");
        Addressee staff = addressee("unit1staff");
        Addressee otherUnit = addressee("unit2");
        long officerBefore = service.unreadCount(officer);
        long staffBefore = service.unreadCount(staff);
        long otherBefore = service.unreadCount(otherUnit);

        inbox.deliver(notice(key(), orgOf("unit1"), Set.of(Role.UNIT_STAFF), "home.greeting", "staff only"));
        assertThat(service.unreadCount(staff)).isEqualTo(staffBefore + 1);
        assertThat(service.unreadCount(officer)).isEqualTo(officerBefore);

        inbox.deliver(notice(key(), orgOf("unit1"), Set.of(Role.UNIT_STAFF, Role.UNIT_SECURITY_OFFICER), "home.greeting", "both"));
        inbox.deliver(notice(key(), orgOf("unit1"), Set.of(), "home.greeting", "everyone"));
        assertThat(service.unreadCount(staff)).isEqualTo(staffBefore + 3);
        assertThat(service.unreadCount(officer)).isEqualTo(officerBefore + 2);
        assertThat(service.unreadCount(otherUnit)).isEqualTo(otherBefore);
        assertThat(service.page(otherUnit, false, null, 200, Locale.CHINA).items())
                .extracting(e -> e.args().get(0)).doesNotContain("staff only", "both", "everyone");
    }

    @Test
    void unreadCountOfTheInboxApiIsTheSignedInPersons() {
        Actor unit1 = DemoActors.actor(jdbc, "unit1");
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
        long before = inbox.unreadCount(unit1.userId());
        inbox.deliver(notice(key(), unit1.orgId(), Set.of(Role.UNIT_SECURITY_OFFICER), "home.greeting", "count me"));
        assertThat(inbox.unreadCount(unit1.userId())).isEqualTo(before + 1);
        // another user's count goes through identity, scoped to what the actor may see
        long staffId = DemoActors.actor(jdbc, "unit1staff").userId();
        assertThat(inbox.unreadCount(staffId)).isEqualTo(service.unreadCount(addressee("unit1staff")));
        assertThat(inbox.unreadCount(DemoActors.actor(jdbc, "unit2").userId())).isZero(); // unit1 may not see unit2's user
    }

    @Test
    void receiptsMarkOneOrAllReadForThatPersonOnly() {
        Addressee officer = addressee("unit1");
        Addressee staff = addressee("unit1staff");
        long org = officer.orgId();
        String a = key();
        String b = key();
        String c = key();
        inbox.deliver(notice(a, org, Set.of(), "home.greeting", "a"));
        inbox.deliver(notice(b, org, Set.of(), "home.greeting", "b"));
        long idA = idOf(a);
        long idB = idOf(b);
        long staffBefore = service.unreadCount(staff);

        long before = service.unreadCount(officer);
        service.markRead(officer, idA);
        service.markRead(officer, idA); // again: no change, no error
        assertThat(service.unreadCount(officer)).isEqualTo(before - 1);
        assertThat(service.unreadCount(staff)).isEqualTo(staffBefore);
        assertThat(service.entry(officer, idA, Locale.CHINA).read()).isTrue();
        assertThat(service.entry(staff, idA, Locale.CHINA).read()).isFalse();
        assertThat(service.page(officer, true, null, 200, Locale.CHINA).items()).extracting(e -> e.id()).contains(idB).doesNotContain(idA);

        // "all" up to what the reader was shown: a notice arriving meanwhile stays unread
        inbox.deliver(notice(c, org, Set.of(), "home.greeting", "c"));
        long idC = idOf(c);
        service.markAllRead(officer, idB);
        assertThat(service.entry(officer, idB, Locale.CHINA).read()).isTrue();
        assertThat(service.entry(officer, idC, Locale.CHINA).read()).isFalse();
        assertThat(service.unreadCount(officer)).isEqualTo(1);
        assertThat(service.markAllRead(officer, null)).isEqualTo(1);
        assertThat(service.unreadCount(officer)).isZero();
        assertThat(service.markAllRead(officer, null)).isZero();
    }

    @Test
    void textIsRenderedInTheReadersLanguageAndAMissingKeyShowsItself() {
        Addressee officer = addressee("unit1");
        String known = key();
        String unknown = key();
        inbox.deliver(notice(known, officer.orgId(), Set.of(), "home.greeting", "张三"));
        inbox.deliver(notice(unknown, officer.orgId(), Set.of(), "no.such.message.key", "x"));
        assertThat(service.entry(officer, idOf(known), Locale.SIMPLIFIED_CHINESE).message()).isEqualTo("您好，张三");
        assertThat(service.entry(officer, idOf(known), Locale.ENGLISH).message()).isEqualTo("Hello, 张三");
        assertThat(service.entry(officer, idOf(unknown), Locale.ENGLISH).message()).isEqualTo("no.such.message.key");
    }

    @Test
    void aNoticeMustLinkInsideThePlatform() {
        long org = orgOf("unit1");
        for (String link : List.of("https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil", "/a b")) {
            String key = key();
            assertThatThrownBy(() -> inbox.deliver(new Notice(key, org, Set.of(), "home.greeting", List.of(), link,
                    Notice.Severity.INFO, AT))).as(link).isInstanceOf(IllegalArgumentException.class);
            assertThat(rows(key)).isZero();
        }
    }

    @Test
    void anotherUnitCannotSeeOrMarkTheNotice_A4() throws Exception {
        String key = key();
        inbox.deliver(notice(key, orgOf("unit1"), Set.of(), "home.greeting", "unit1 only"));
        long id = idOf(key);
        String unit2 = ApiClient.bearer(mvc, "unit2");
        mvc.perform(get("/api/v1/inbox/{id}", id).header("Authorization", unit2)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/inbox/{id}/read", id).header("Authorization", unit2)).andExpect(status().isNotFound());
        mvc.perform(post("/inbox/{id}/read", id).with(as("unit2")).with(csrf())).andExpect(status().isNotFound());
        assertThatThrownBy(() -> service.markRead(addressee("unit2"), id)).isInstanceOf(NotFound.class);
        assertThat(jdbc.sql("select count(*) from notify_receipt where notice_id = :id").param("id", id).query(Long.class).single()).isZero();
        String list = mvc.perform(get("/api/v1/inbox").param("limit", "200").header("Authorization", unit2))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("unit1 only").doesNotContain(key);
        // the supervisor oversees records, but an inbox is personal
        mvc.perform(get("/api/v1/inbox/{id}", id).header("Authorization", ApiClient.bearer(mvc, "supervisor")))
                .andExpect(status().isNotFound());

        String unit1 = ApiClient.bearer(mvc, "unit1");
        mvc.perform(get("/api/v1/inbox/{id}", id).header("Authorization", unit1)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/inbox/{id}/read", id).header("Authorization", unit1)).andExpect(status().isOk());
    }

    @Test
    void theApiListsNewestFirstWithACursorAndAnUnreadFilter() throws Exception {
        Actor staff = DemoActors.actor(jdbc, "unit1staff");
        String token = ApiClient.bearer(mvc, "unit1staff");
        mvc.perform(post("/api/v1/inbox/read-all").header("Authorization", token)).andExpect(status().isOk());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(key());
            inbox.deliver(new Notice(keys.get(i), staff.orgId(), Set.of(Role.UNIT_STAFF), "home.greeting", List.of("n" + i),
                    "/duties/" + i, Notice.Severity.WARNING, Instant.parse("2026-11-26T01:00:00Z")));
        }
        JsonNode page1 = json(mvc.perform(get("/api/v1/inbox").param("unread", "true").param("limit", "2").param("lang", "en")
                .header("Authorization", token)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(page1.get("unread").asLong()).isEqualTo(3);
        assertThat(page1.get("items")).hasSize(2);
        JsonNode newest = page1.get("items").get(0);
        assertThat(newest.get("key").asString()).isEqualTo(keys.get(2));
        assertThat(newest.get("message").asString()).isEqualTo("Hello, n2");
        assertThat(newest.get("severity").asString()).isEqualTo("WARNING");
        assertThat(newest.get("link").asString()).isEqualTo("/duties/2");
        assertThat(newest.get("createdAt").asString()).isEqualTo("2026-11-26T01:00:00Z");
        assertThat(newest.get("read").asBoolean()).isFalse();
        long cursor = page1.get("nextCursor").asLong();

        JsonNode page2 = json(mvc.perform(get("/api/v1/inbox").param("unread", "true").param("limit", "2")
                .param("cursor", String.valueOf(cursor)).header("Authorization", token)).andReturn().getResponse().getContentAsString());
        assertThat(page2.get("items")).hasSize(1);
        assertThat(page2.get("items").get(0).get("key").asString()).isEqualTo(keys.get(0));
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        long id = page2.get("items").get(0).get("id").asLong();
        JsonNode read = json(mvc.perform(post("/api/v1/inbox/{id}/read", id).header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(read.get("unread").asLong()).isEqualTo(2);
        JsonNode all = json(mvc.perform(post("/api/v1/inbox/read-all").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(all.get("marked").asLong()).isEqualTo(2);
        assertThat(all.get("unread").asLong()).isZero();
        mvc.perform(get("/api/v1/inbox").param("limit", "0").header("Authorization", token)).andExpect(status().isBadRequest());
    }

    @Test
    void thePageShowsNoticesWithSeverityLinkAndTheUnreadBadge() throws Exception {
        Actor officer = DemoActors.actor(jdbc, "unit1");
        service.markAllRead(addressee("unit1"), null);
        String key = key();
        inbox.deliver(new Notice(key, officer.orgId(), Set.of(), "home.greeting", List.of("<b>张三</b>"), "/duties/42",
                Notice.Severity.CRITICAL, Instant.parse("2026-11-26T01:30:00Z")));
        long id = idOf(key);

        String html = page(get("/inbox").with(as("unit1")));
        assertThat(html).contains("收件箱").contains("您好，&lt;b&gt;张三&lt;/b&gt;").doesNotContain("<b>张三")
                .contains("紧急").contains("text-bg-danger").contains("href=\"/duties/42\"").contains("2026-11-26 09:30")
                .contains("id=\"notice-" + id + "\"").contains("inbox-unread").contains("action=\"/inbox/" + id + "/read\"")
                .contains("id=\"nav-inbox-unread\"").contains("href=\"/inbox\"");
        assertThat(page(get("/inbox").param("lang", "en").with(as("unit1")))).contains("Inbox").contains("Critical")
                .contains("Hello, &lt;b&gt;张三&lt;/b&gt;").contains("Mark read");
        assertThat(page(get("/").with(as("unit1")))).contains("id=\"nav-inbox-unread\"");

        // marking read needs the CSRF token
        mvc.perform(post("/inbox/{id}/read", id).with(as("unit1"))).andExpect(status().isForbidden());
        mvc.perform(post("/inbox/{id}/read", id).with(as("unit1")).with(csrf())).andExpect(redirectedUrl("/inbox"));
        assertThat(service.entry(addressee("unit1"), id, Locale.CHINA).read()).isTrue();
        String after = page(get("/inbox").with(as("unit1")));
        assertThat(after).contains("id=\"notice-" + id + "\"").doesNotContain("action=\"/inbox/" + id + "/read\"")
                .doesNotContain("id=\"nav-inbox-unread\"");
        assertThat(page(get("/inbox").param("unread", "true").with(as("unit1")))).doesNotContain("id=\"notice-" + id + "\"")
                .contains("没有未读通知");

        String other = key();
        inbox.deliver(notice(other, officer.orgId(), Set.of(), "home.greeting", "later"));
        mvc.perform(post("/inbox/read-all").param("unread", "true").with(as("unit1")).with(csrf()))
                .andExpect(redirectedUrl("/inbox?unread=true"));
        assertThat(service.unreadCount(addressee("unit1"))).isZero();
    }

    @Test
    void thePagePagesByFiftyAndHtmxFetchesTheNextRows() throws Exception {
        Actor staff = DemoActors.actor(jdbc, "unit1staff");
        for (int i = 0; i < 51; i++) {
            inbox.deliver(notice(key(), staff.orgId(), Set.of(Role.UNIT_STAFF), "home.greeting", "bulk" + i));
        }
        String html = page(get("/inbox").param("view", "list").with(as("unit1staff")));
        assertThat(html.split("class=\"list-group-item d-flex", -1)).hasSize(51); // 50 rows
        assertThat(html).contains("您好，bulk50").doesNotContain("您好，bulk0<").contains("id=\"inbox-more\"");
        String more = html.replaceAll("(?s).*hx-get=\"(/inbox\\?view=list&amp;before=\\d+)\".*", "$1").replace("&amp;", "&");
        assertThat(more).startsWith("/inbox?view=list&before=");
        String rows = page(get(more).header("HX-Request", "true").with(as("unit1staff")));
        assertThat(rows).doesNotContain("<html").contains("您好，bulk0<");
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor as(String username) {
        return authentication(DemoActors.authentication(jdbc, username));
    }

    private Addressee addressee(String username) {
        return Addressee.of(DemoActors.actor(jdbc, username));
    }

    private long orgOf(String username) {
        return DemoActors.actor(jdbc, username).orgId();
    }

    private long rows(String key) {
        return jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", key).query(Long.class).single();
    }

    private long idOf(String key) {
        return jdbc.sql("select id from notify_notice where notice_key = :k").param("k", key).query(Long.class).single();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    private static Notice notice(String key, long orgId, Set<Role> roles, String messageKey, String arg) {
        return new Notice(key, orgId, roles, messageKey, List.of(arg), null, Notice.Severity.INFO, AT);
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
