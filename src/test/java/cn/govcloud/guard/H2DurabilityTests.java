package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 point 5: on the embedded H2 default, a write the platform acknowledged survives
 * {@code kill -9}. A child JVM opens the database with exactly the URL {@code application.yml}
 * gives the demo, commits rows one by one and says so after each commit; the test kills it with
 * SIGKILL mid-stream, reopens the file and finds every acknowledged row.
 */
class H2DurabilityTests {

    /** The demo's default H2 URL as application.yml writes it, with the data directory filled in. */
    static String defaultUrl(Path dataDir) throws Exception {
        String yml = Files.readString(Path.of("src/main/resources/application.yml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\$\\{GOVGUARD_DB_URL:(jdbc:h2:[^\\n]*)}\\n").matcher(yml);
        assertThat(m.find()).as("the default H2 URL in application.yml").isTrue();
        return m.group(1).replace("${govguard.data-dir}", dataDir.toString());
    }

    /** The child: commits a row at a time, printing {@code acked n} once row n is committed. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
            c.createStatement().execute("create table if not exists crash_probe (n int primary key)");
            c.setAutoCommit(false);
            for (int n = 1; ; n++) {
                c.createStatement().execute("insert into crash_probe values (" + n + ")");
                c.commit();
                System.out.println("acked " + n);
                System.out.flush();
            }
        }
    }

    @Test
    void A5_3_anAcknowledgedWriteOnTheEmbeddedDefaultSurvivesKill9(@TempDir Path dir) throws Exception {
        String url = defaultUrl(dir);
        assertThat(url).contains("WRITE_DELAY=0");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), H2DurabilityTests.class.getName(), url).redirectErrorStream(true).start();
        int acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("acked ")) {
                    acked = Integer.parseInt(line.substring(6));
                    if (acked >= 300) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).isGreaterThanOrEqualTo(300);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*), max(n) from crash_probe")) {
            rs.next();
            assertThat(rs.getInt(2)).as("every acknowledged row is there after kill -9").isGreaterThanOrEqualTo(acked);
        }
    }
}
