package cn.govcloud.guard.hazards.intake.parse;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded mutation run over the realistic samples in every build (a few seconds): bytes
 * flipped, cut, duplicated and spliced with hostile fragments; each parser must read the result or
 * throw {@link MalformedInput}, nothing else (see {@link ParserFuzzTests} for coverage-guided fuzzing).
 */
class ParserMutationUnitTests {
    static final int ROUNDS = 1500;
    static final String[] FRAGMENTS = {"<!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]>", "&a;", "<![CDATA[", "]]>", "</result>",
            "<result>", "<nvt oid=\"\">", "\u0000", "\uFFFF", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "\"severity\":1e999",
            "\"timestamp\":\"2026-13-45T99:99:99.1+9999\"", "{", "}", "[", "]", "\"flow_id\":-1", "<severity>NaN</severity>",
            "<ReportItem severity=\"4\" pluginID=\"1\" port=\"-1\">", "\"src_port\":1e5"};

    @Test
    void openVasMutants() {
        mutate(ScanReportsUnitTests.sample("openvas-gmp.xml"), 1, true);
        mutate(ScanReportsUnitTests.sample("openvas-report-old.xml"), 2, true);
    }

    @Test
    void nessusMutants() {
        mutate(ScanReportsUnitTests.sample("sample.nessus"), 3, true);
    }

    @Test
    void eveMutants() {
        mutate(ScanReportsUnitTests.sample("eve-sample.json"), 4, false);
    }

    private static void mutate(byte[] sample, long seed, boolean xml) {
        Random random = new Random(seed);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] mutant = mutant(sample, random);
            if (xml) {
                ParserFuzzTests.scan(mutant);
            } else {
                ParserFuzzTests.eveLines(mutant);
            }
        }
    }

    static byte[] mutant(byte[] sample, Random random) {
        byte[] b = sample.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(Math.max(1, b.length));
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> b = splice(b, at, FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> {
                    int from = random.nextInt(Math.max(1, b.length));
                    int len = Math.min(b.length - from, random.nextInt(200));
                    b = splice(b, at, java.util.Arrays.copyOfRange(b, from, from + len));
                }
                default -> {
                    int len = Math.min(b.length - at, random.nextInt(50));
                    byte[] cut = new byte[b.length - len];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + len, cut, at, b.length - at - len);
                    b = cut;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        int pos = Math.min(at, b.length);
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(b, pos, out, pos + insert.length, b.length - pos);
        return out;
    }
}
