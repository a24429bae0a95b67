package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.web.InlineCode.Part;
import org.junit.jupiter.api.Test;

/** Issue 23 point 4: identifiers in backticks become {@code <code>}, the rest stays text, a stray backtick stays a backtick. */
class InlineCodeUnitTests {
    private final InlineCode inline = new InlineCode();

    @Test
    void issue23_4_backtickedRunsAreCodeAndTheRestIsText() {
        assertThat(inline.parts("整改另有五个工作日（`A10.2-rectify`）。")).containsExactly(
                new Part("整改另有五个工作日（", false), new Part("A10.2-rectify", true), new Part("）。", false));
        assertThat(inline.parts("`when` 适用条件")).containsExactly(new Part("when", true), new Part(" 适用条件", false));
        assertThat(inline.parts("无代码")).containsExactly(new Part("无代码", false));
        assertThat(inline.parts(null)).isEmpty();
    }

    @Test
    void issue23_4_anUnpairedBacktickIsShownAsTyped() {
        assertThat(inline.parts("a `b` c `d")).containsExactly(new Part("a ", false), new Part("b", true), new Part(" c ", false),
                new Part("`d", false));
    }
}
