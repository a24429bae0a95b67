package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.platform.internal.SbomParser;
import cn.govcloud.guard.shared.Unprocessable;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SBOM reader on its own (A5.5): limits, DOCTYPE refusal, de-duplication, kinds. */
class SbomParserUnitTests {

    @Test
    void theSizeLimitIsCountedWhileReading_neverBufferedBeyondIt() throws Exception {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return ' ';
            }
        };
        assertThatThrownBy(() -> SbomParser.readLimited(endless, 1024)).isInstanceOf(Unprocessable.class)
                .hasMessage("platform.sbom.error.tooLarge");
        assertThat(SbomParser.readLimited(new ByteArrayInputStream(new byte[1024]), 1024)).hasSize(1024);
    }

    @Test
    void doctypeIsRefusedBeforeTheLibrarySeesTheBytes() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE bom SYSTEM \"http://127.0.0.1:1/evil.dtd\"><bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>";
        assertThatThrownBy(() -> SbomParser.parse(xml.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Unprocessable.class)
                .hasMessage("platform.sbom.error.doctype");
    }

    @Test
    void nestedComponentsAreCollected_duplicatesCollapse_kindsFollowEcosystemAndLicence() {
        String json = """
                {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
                  {"type":"framework","name":"outer","version":"1","purl":"pkg:maven/a/outer@1","components":[
                    {"type":"library","name":"inner","version":"2","purl":"pkg:npm/inner@2"}]},
                  {"type":"library","name":"inner","version":"2","purl":"pkg:npm/inner@2"},
                  {"type":"library","name":"closed","version":"9","purl":"pkg:generic/closed@9"}]}""";
        SbomParser.Sbom sbom = SbomParser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(sbom.format()).isEqualTo("JSON");
        assertThat(sbom.components()).extracting(SbomParser.Parsed::name).containsExactly("outer", "inner", "closed");
        assertThat(sbom.components()).extracting(SbomParser.Parsed::kind).containsExactly("OPEN_SOURCE", "OPEN_SOURCE", "THIRD_PARTY");
    }

    @Test
    void emptyAndWhitespaceFilesAreRefused() {
        assertThatThrownBy(() -> SbomParser.parse(new byte[0])).hasMessage("platform.sbom.error.empty");
        assertThatThrownBy(() -> SbomParser.parse("  \n ".getBytes(StandardCharsets.UTF_8))).hasMessage("platform.sbom.error.empty");
        assertThatThrownBy(() -> SbomParser.parse("name,version\n".getBytes(StandardCharsets.UTF_8))).hasMessage("platform.sbom.error.format");
    }
}
