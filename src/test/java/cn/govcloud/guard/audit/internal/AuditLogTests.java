package cn.govcloud.guard.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.TestDatabase;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.OfflineAuditVerifier;
import cn.govcloud.guard.crypto.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operation log on H2 and on PostgreSQL (A5.3, A7.4): one chain under concurrency, tamper evidence, export, search. */
@AppTest
class AuditLogTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired AuditLog auditLog;
    @Autowired AuditVerification verification;
    @Autowired AuditAnchors anchors;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired SigningKeys signingKeys;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired MockMvc mvc;

    @Test
    void concurrentAppendsFormOneGapFreeChainA74() throws Exception {
        String action = "test.concurrent." + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    auditLog.record(AuditEvent.success(action, "thread:" + thread, "i=" + i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(jdbc.sql("select count(*) from audit_record where action = ?").param(action).query(Long.class).single()).isEqualTo(400);
        var span = jdbc.sql("select count(*), min(id), max(id) from audit_record").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        assertThat(span[2] - span[1] + 1).isEqualTo(span[0]);
        assertThat(jdbc.sql("select actor from audit_record where action = ? limit 1").param(action).query(String.class).single()).isEqualTo("system");
        assertThat(verification.verify().valid()).isTrue();
    }

    @Test
    void aDirectUpdateOfOneRecordMakesVerificationNameItA74() throws Exception {
        auditLog.record(AuditEvent.success("test.tamper", "thing:1", "original"));
        long id = jdbc.sql("select max(id) from audit_record where action = 'test.tamper'").query(Long.class).single();
        assertThat(verification.verify().valid()).isTrue();
        try {
            asSuperuser("update audit_record set details = 'rewritten' where id = " + id);
            ChainCheck.Result result = verification.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstInvalid()).isEqualTo(id);
        } finally {
            asSuperuser("update audit_record set details = 'original' where id = " + id);
        }
        assertThat(verification.verify().valid()).isTrue();
    }

    /**
     * Issue 20 point 1, as the reviewer did it: with the superuser, change one record's actor,
     * recompute the plain SM3 chain from there and move the head. The MACs under the audit key
     * (not in the database) name the changed record.
     */
    @Test
    void A7_4_aRewrittenAndReHashedChainIsNamedAtTheFirstChangedRecord() throws Exception {
        for (int i = 0; i < 5; i++) {
            auditLog.record(AuditEvent.success("test.rewrite", "thing:" + i, null));
        }
        long head = jdbc.sql("select last_id from audit_chain_head").query(Long.class).single();
        long edited = head - 3;
        List<AuditRecord> original = jdbc.sql("select * from audit_record where id >= ? order by id").param(edited).query(AuditRecords::map).list();
        String originalHead = jdbc.sql("select last_hash from audit_chain_head").query(String.class).single();
        try {
            String prev = original.get(0).prevHash();
            for (AuditRecord r : original) {
                AuditRecord forged = new AuditRecord(r.id(), r.occurredAt(), r.id() == edited ? "mallory" : r.actor(), r.organisation(),
                        r.sourceAddress(), r.action(), r.target(), r.result(), r.details(), null, null).chainedAfter(prev);
                asSuperuser("update audit_record set actor = '" + forged.actor() + "', prev_hash = '" + forged.prevHash() + "', hash = '"
                        + forged.hash() + "' where id = " + r.id());
                prev = forged.hash();
            }
            asSuperuser("update audit_chain_head set last_hash = '" + prev + "'");
            ChainCheck.Result result = verification.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstInvalid()).as(result.reason()).isEqualTo(edited);
            assertThat(result.reason()).contains("MAC");
        } finally {
            for (AuditRecord r : original) {
                asSuperuser("update audit_record set actor = '" + r.actor() + "', prev_hash = '" + r.prevHash() + "', hash = '" + r.hash()
                        + "' where id = " + r.id());
            }
            asSuperuser("update audit_chain_head set last_hash = '" + originalHead + "'");
        }
        assertThat(verification.verify().valid()).isTrue();
    }

    /**
     * Issue 20 point 1: delete the three newest records, the database's checkpoints with them, and
     * move the head back. The checkpoint copied outside the database names what is missing, from
     * the first removed record on; so does the forged head's MAC.
     */
    @Test
    void A7_4_theNewestRecordsRemovedWithTheHeadMovedBackAreNamed() throws Exception {
        for (int i = 0; i < 3; i++) {
            auditLog.record(AuditEvent.success("test.truncate", "thing:" + i, null));
        }
        assertThat(checkpoints.checkpoint()).isNotNull();
        long head = jdbc.sql("select last_id from audit_chain_head").query(Long.class).single();
        assertThat(checkpoints.external()).anyMatch(c -> c.lastId() == head);
        List<AuditRecord> removed = jdbc.sql("select * from audit_record where id > ? order by id").param(head - 3).query(AuditRecords::map).list();
        List<String> macs = jdbc.sql("select mac from audit_record where id > ? order by id").param(head - 3).query(String.class).list();
        var headRow = jdbc.sql("select last_id, last_hash, head_mac from audit_chain_head").query((rs, n) -> new String[] {rs.getString(1),
                rs.getString(2), rs.getString(3)}).single();
        var stored = jdbc.sql("select id, last_id, last_hash, keyed_from, signed_at, key_id, signature from audit_checkpoint order by id")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getObject(5, java.time.OffsetDateTime.class),
                        rs.getString(6), rs.getString(7)}).list();
        try {
            asSuperuser("delete from audit_record where id > " + (head - 3));
            asSuperuser("delete from audit_checkpoint");
            AuditRecord newLast = jdbc.sql("select * from audit_record where id = ?").param(head - 3).query(AuditRecords::map).single();
            asSuperuser("update audit_chain_head set last_id = " + newLast.id() + ", last_hash = '" + newLast.hash() + "'");
            ChainCheck.Result result = verification.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstInvalid()).as(result.reason()).isEqualTo(head - 2);
            assertThat(result.reason()).contains("missing");
        } finally {
            for (int i = 0; i < removed.size(); i++) {
                AuditRecord r = removed.get(i);
                jdbc.sql("""
                        insert into audit_record (id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash, mac)
                        values (?,?,?,?,?,?,?,?,?,?,?,?)""").params(r.id(), r.occurredAt().atOffset(java.time.ZoneOffset.UTC), r.actor(),
                        r.organisation(), r.sourceAddress(), r.action(), r.target(), r.result(), r.details(), r.prevHash(), r.hash(), macs.get(i)).update();
            }
            for (Object[] c : stored) {
                jdbc.sql("insert into audit_checkpoint (id, last_id, last_hash, keyed_from, signed_at, key_id, signature) values (?,?,?,?,?,?,?)")
                        .params(c).update();
            }
            asSuperuser("update audit_chain_head set last_id = " + headRow[0] + ", last_hash = '" + headRow[1] + "', head_mac = '" + headRow[2] + "'");
        }
        assertThat(verification.verify().valid()).isTrue();
    }

    /** A record appended by hand at the end, head moved on: it has no MAC under the audit key. */
    @Test
    void A7_4_aRecordInsertedBehindThePlatformsBackIsNamed() throws Exception {
        auditLog.record(AuditEvent.success("test.insert", "thing:1", null));
        var headRow = jdbc.sql("select last_id, last_hash, head_mac from audit_chain_head").query((rs, n) -> new String[] {rs.getString(1),
                rs.getString(2), rs.getString(3)}).single();
        long id = Long.parseLong(headRow[0]) + 1;
        AuditRecord forged = new AuditRecord(id, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), "system", null, null,
                "auth.login", "admin", "SUCCESS", null, null, null).chainedAfter(headRow[1]);
        try {
            jdbc.sql("""
                    insert into audit_record (id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash)
                    values (?,?,?,?,?,?,?,?,?,?,?)""").params(id, forged.occurredAt().atOffset(java.time.ZoneOffset.UTC), forged.actor(), null, null,
                    forged.action(), forged.target(), forged.result(), null, forged.prevHash(), forged.hash()).update();
            asSuperuser("update audit_chain_head set last_id = " + id + ", last_hash = '" + forged.hash() + "'");
            ChainCheck.Result result = verification.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstInvalid()).isEqualTo(id);
        } finally {
            asSuperuser("delete from audit_record where id = " + id);
            asSuperuser("update audit_chain_head set last_id = " + headRow[0] + ", last_hash = '" + headRow[1] + "', head_mac = '" + headRow[2] + "'");
        }
        assertThat(verification.verify().valid()).isTrue();
    }

    /** On PostgreSQL the app's own connection cannot do what {@link #asSuperuser} does: the triggers refuse (A5.3). */
    @Test
    void postgresRefusesUpdateTruncateAndDeleteOfYoungRecordsA53() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "the guard triggers are PostgreSQL-only");
        auditLog.record(AuditEvent.success("test.guard", "thing:1", null));
        long id = jdbc.sql("select max(id) from audit_record").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("update audit_record set details = 'x' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("may not be changed");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_record where id = ?").param(id).update())
                .rootCause().hasMessageContaining("younger than six months and a day");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_record").update()).rootCause().hasMessageContaining("may not be changed");
        assertThat(verification.verify().valid()).isTrue();
    }

    @Test
    void anExportVerifiesOfflineAndIsItselfAuditedA74(@TempDir Path dir) throws Exception {
        Instant from = clock.instant().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            auditLog.record(AuditEvent.success("test.export", "thing:" + i, i == 2 ? "" : "第 " + i + " 条"));
        }
        anchors.anchorThrough(LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))));
        // bounded on both sides: other tests move the clock into the future, and their records must not join this export
        MvcResult result = mvc.perform(get("/api/v1/audit/export").param("from", from.toString())
                        .param("to", clock.instant().plusSeconds(60).toString()).with(authentication(TestActors.auditor())))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("application/x-ndjson");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
        byte[] body = result.getResponse().getContentAsByteArray();
        Path file = dir.resolve("audit.ndjson");
        Files.write(file, body);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("\"type\":\"record\"")).count()).isGreaterThanOrEqualTo(6); // 5 + the export's own record
        assertThat(text).contains("\"audit.export\"", "\"type\":\"anchor\"");

        String key = HexFormat.of().formatHex(signingKeys.publicKey(signingKeys.currentKeyId()).orElseThrow());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(runVerifier(file, key, print)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        // every anchor naming the exported records (today's at least) was checked
        java.util.regex.Matcher anchorsChecked = java.util.regex.Pattern.compile("anchors checked: (\\d+) of (\\d+)")
                .matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(anchorsChecked.find()).isTrue();
        assertThat(anchorsChecked.group(1)).isEqualTo(anchorsChecked.group(2));
        assertThat(Integer.parseInt(anchorsChecked.group(1))).isPositive();

        Files.writeString(file, text.replace("第 3 条", "第 9 条"));
        assertThat(runVerifier(file, key, print)).isEqualTo(1);
    }

    @Test
    void keysetPaginationReturnsEachRecordOnceNewestFirst() throws Exception {
        String action = "test.page." + System.nanoTime();
        for (int i = 0; i < 7; i++) {
            auditLog.record(AuditEvent.success(action, "thing:" + i, null));
        }
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/v1/audit/records").param("action", action).param("limit", "3").with(authentication(TestActors.auditor()));
            if (cursor != null) {
                request.param("before", cursor);
            }
            JsonNode page = JSON.readTree(mvc.perform(request).andReturn().getResponse().getContentAsString());
            page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(ids).hasSize(7).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void verifyAnswersExactlyTheApiShapeAndIsAuditedA74() throws Exception {
        JsonNode body = JSON.readTree(mvc.perform(get("/api/v1/audit/verify").with(authentication(TestActors.auditor())))
                .andReturn().getResponse().getContentAsString());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("valid", "records", "firstInvalid");
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("firstInvalid").isNull()).isTrue();
        assertThat(latest("audit_record").action()).isEqualTo("audit.verify");
    }

    @Test
    void everyWriteAndEveryRefusalIsRecordedWithItsActorA53() throws Exception {
        // the audit administrator may not create organisations: @Allow refuses with 403
        mvc.perform(post("/api/v1/organisations").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"kind\":\"UNIT\"}").with(authentication(TestActors.auditor())));
        AuditRecord refused = latest("/api/v1/organisations");
        assertThat(refused.result()).isEqualTo("DENIED");
        assertThat(refused.actor()).isEqualTo("auditor");
        assertThat(refused.organisation()).isEqualTo("org-1");
        assertThat(refused.action()).startsWith("http.post");
        assertThat(refused.details()).isEqualTo("status=403");
        assertThat(refused.sourceAddress()).isNotBlank();

        mvc.perform(post("/api/v1/audit-probe/missing").with(authentication(TestActors.auditor())).with(csrf()));
        AuditRecord failed = latest("/api/v1/audit-probe/missing");
        assertThat(failed.result()).isEqualTo("FAILURE");
        assertThat(failed.actor()).isEqualTo("auditor");

        long before = jdbc.sql("select count(*) from audit_record").query(Long.class).single();
        mvc.perform(get("/api/v1/audit/records").with(authentication(TestActors.auditor())));
        mvc.perform(post("/login").with(csrf()).param("username", "x").param("password", "y"));
        // reading is not audited; the failed login is, once, by the identity module with the username tried
        assertThat(jdbc.sql("select action || ' ' || actor || ' ' || result from audit_record where id > :before order by id")
                .param("before", before).query(String.class).list()).containsExactly("auth.login x FAILURE");
    }

    @Test
    void thePageListsRecordsAndLoadsMoreAsRows() throws Exception {
        for (int i = 0; i < 60; i++) {
            auditLog.record(AuditEvent.success("test.ui", "thing:" + i, null));
        }
        String page = mvc.perform(get("/audit").locale(java.util.Locale.SIMPLIFIED_CHINESE).with(authentication(TestActors.auditor()))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("审计日志", "<th scope=\"col\"", "id=\"audit-more\"", "hx-get=\"/audit?before=");
        String more = page.replaceAll("(?s).*hx-get=\"(/audit\\?before=\\d+)\".*", "$1");
        String rows = mvc.perform(get(more).header("HX-Request", "true").with(authentication(TestActors.auditor())))
                .andReturn().getResponse().getContentAsString();
        assertThat(rows).contains("<tr").doesNotContain("<html", "<form");
        String verified = mvc.perform(get("/audit/verify").with(authentication(TestActors.auditor()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(verified).contains("alert-success");
        // issue 23 point 1: the page's export link is the page's own route, which a signed-in auditor can download
        assertThat(page).contains("href=\"/audit/export\"", "verify-audit");
        MvcResult export = mvc.perform(get("/audit/export").param("from", clock.instant().minusSeconds(60).toString())
                .with(authentication(TestActors.auditor()))).andReturn();
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(export.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"type\":\"record\"", "\"test.ui\"");
    }

    private AuditRecord latest(String targetOrAll) {
        String where = "audit_record".equals(targetOrAll) ? "" : " where target = :t";
        var spec = jdbc.sql("select * from audit_record" + where + " order by id desc limit 1");
        if (!where.isEmpty()) {
            spec = spec.param("t", targetOrAll);
        }
        return spec.query(AuditRecords::map).single();
    }

    private static int runVerifier(Path file, String key, PrintStream print) {
        return OfflineAuditVerifier.run(new String[] {"verify-audit", file.toString(), "--public-key", key}, print, print);
    }

    /**
     * What a database superuser can do and the application cannot: on PostgreSQL this connection
     * switches the guard triggers off for itself (session_replication_role) and back on.
     */
    private void asSuperuser(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean pg = TestDatabase.postgres();
            if (pg) {
                s.execute("set session_replication_role = replica");
            }
            try {
                s.executeUpdate(sql);
            } finally {
                if (pg) {
                    s.execute("set session_replication_role = default");
                }
            }
        }
    }
}
