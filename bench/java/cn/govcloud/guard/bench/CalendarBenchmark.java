package cn.govcloud.guard.bench;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.calendar.internal.ChineseCalendar;
import cn.govcloud.guard.calendar.internal.ScheduleFile;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Working-day deadlines per second on the in-memory calendar (the product's 2024–2026 schedule, no
 * Spring, no database), for N = 5 (A10.2), 15 (A5.2) and 250 (about a year), next to a plain
 * day-by-day count as the yardstick. Starts are random instants from January 2024 to June 2025, so
 * every N stays inside the loaded years. Prints JMH's table; asserts nothing.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.CalendarBenchmark}
 * (see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CalendarBenchmark {
    private static final int STARTS = 1024;
    private static final long FIRST = Instant.parse("2023-12-31T16:00:00Z").getEpochSecond(); // 2024-01-01 00:00 Beijing
    private static final long LAST = Instant.parse("2025-06-30T15:59:59Z").getEpochSecond(); // + 250 working days stays in 2026

    @Param({"5", "15", "250"})
    int workingDays;

    ChineseCalendar calendar;
    Instant[] starts;
    int next;

    @Setup(Level.Trial)
    public void load() {
        calendar = ScheduleFile.bundledCalendar();
        SplittableRandom random = new SplittableRandom(20261126L);
        starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond(random.nextLong(FIRST, LAST + 1));
        }
    }

    @Benchmark
    public Deadline afterWorkingDays() {
        Instant start = starts[next++ & (STARTS - 1)];
        return calendar.afterWorkingDays(start, workingDays);
    }

    /** The yardstick: the same answer by walking day by day and asking each day. */
    @Benchmark
    public LocalDate dayByDay() {
        Instant start = starts[next++ & (STARTS - 1)];
        LocalDate day = LocalDate.ofInstant(start, WorkingCalendar.ZONE);
        for (int counted = 0; counted < workingDays; ) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Runs the benchmarks in a forked JVM. Under {@code exec:java} this JVM's class path is Maven's own,
     * so the fork is given the class path of the loader that holds the project's classes.
     */
    public static void main(String[] args) throws Exception {
        String classPath = classPath(CalendarBenchmark.class.getClassLoader());
        if (classPath != null) {
            System.setProperty("java.class.path", classPath);
        }
        new Runner(new OptionsBuilder().include(CalendarBenchmark.class.getName() + "\\.").build()).run();
    }

    private static String classPath(ClassLoader loader) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(Paths.get(url.toURI()).toString());
                }
            }
        }
        return entries.isEmpty() ? null : String.join(File.pathSeparator, entries);
    }
}
