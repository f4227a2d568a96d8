package dev.backendkatas.grader;

import dev.backendkatas.grader.hints.TerminalMarkdown;
import dev.backendkatas.grader.report.Style;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hints print as text a terminal shows well, not as Markdown source. */
class TerminalMarkdownTest {

    @Test
    void emphasisCodeLinksAndCodeBlocksBecomeReadableText() {
        String markdown = """
                Keep **one** buffer per _connection_, see [RFC 9112 §2.2](https://www.rfc-editor.org/rfc/rfc9112#section-2.2).
                Call `parser.feed(bytes)`, where `a*b*c` stays as written.
                ```java
                int n = **not bold**;
                ```
                """;

        String plain = TerminalMarkdown.render(markdown, Style.PLAIN);

        assertThat(plain).isEqualTo("""
                Keep one buffer per connection, see RFC 9112 §2.2 (https://www.rfc-editor.org/rfc/rfc9112#section-2.2).
                Call parser.feed(bytes), where a*b*c stays as written.
                    int n = **not bold**;
                """);
        assertThat(TerminalMarkdown.render("**one**", new Style(true, true))).contains("\u001b[1mone\u001b[0m");
    }
}
