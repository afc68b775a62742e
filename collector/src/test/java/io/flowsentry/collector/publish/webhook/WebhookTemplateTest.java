package io.flowsentry.collector.publish.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.collector.publish.PublishedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTemplateTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The first expected row of ../shared/docs/vectors, with a quote and a line break added to its app list. */
    private static PublishedRow row() throws Exception {
        Path expected = Path.of(System.getProperty("flowsentry.shared.dir"), "docs", "vectors", "expected.jsonl");
        String json = Files.readAllLines(expected).get(2).replace("\"app\":[", "\"app\":[\"evil\\\"\\n}app\",");
        return new PublishedRow("row-7", "window", 1_795_773_600_000L, "10.0.0.2", json);
    }

    private static final Map<String, String> JIRA = Map.of("jira_project", "SEC", "jira_issue_type", "Incident");

    @Test
    void rawSendsTheRowAsIs() throws Exception {
        PublishedRow row = row();
        assertThat(WebhookTemplate.resolve("raw").render(row, "soc", JIRA)).isEqualTo(row.json());
    }

    @Test
    void genericEmbedsTheRowAndEscapesText() throws Exception {
        PublishedRow row = row();
        JsonNode body = MAPPER.readTree(WebhookTemplate.resolve("generic").render(row, "soc", JIRA));
        assertThat(body.get("row")).isEqualTo(MAPPER.readTree(row.json()));
        assertThat(body.get("id").asText()).isEqualTo("row-7");
        assertThat(body.get("kind").asText()).isEqualTo("window");
        assertThat(body.get("summary").asText()).isEqualTo("Detect Outbound SMB Traffic (window): 10.0.0.2 to "
                + "100.200.1.1, 11.0.0.1, 2.2.2.2 on port 139, 1445, 445, 4 flows between 2026-11-27T10:01:00 and 2026-11-27T10:04:00 UTC");
    }

    @Test
    void slackHasTextAndBlocks() throws Exception {
        JsonNode body = MAPPER.readTree(WebhookTemplate.resolve("slack").render(row(), "soc", JIRA));
        assertThat(body.get("text").asText()).contains("10.0.0.2").contains("4 flows");
        String section = body.get("blocks").get(0).get("text").get("text").asText();
        assertThat(section).contains("*Source:* `10.0.0.2`").contains("*Apps:* evil\"\n}app, gssapi,smb, smb")
                .contains("*MITRE ATT&CK:* T1071.002, T1071");
    }

    @Test
    void jiraIsACreateIssueRequest() throws Exception {
        JsonNode fields = MAPPER.readTree(WebhookTemplate.resolve("jira").render(row(), "soc", JIRA)).get("fields");
        assertThat(fields.get("project").get("key").asText()).isEqualTo("SEC");
        assertThat(fields.get("issuetype").get("name").asText()).isEqualTo("Incident");
        assertThat(fields.get("summary").asText()).isEqualTo("Detect Outbound SMB Traffic: 10.0.0.2 (window, window 2026-11-27T10:00:00 UTC)");
        assertThat(fields.get("description").asText()).contains("* Destination ports: 139, 1445, 445").contains(row().json());
    }

    @Test
    void customTemplateFileIsCheckedAtLoad(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "{\"who\":\"{{src_ip}}\",\"n\":{{&count}},\"hook\":\"{{webhook}}\",\"none\":\"{{nothing}}\"}");
        JsonNode body = MAPPER.readTree(WebhookTemplate.resolve(good.toString()).render(row(), "soc", JIRA));
        assertThat(body.toString()).isEqualTo("{\"who\":\"10.0.0.2\",\"n\":4,\"hook\":\"soc\",\"none\":\"\"}");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"who\": {{src_ip}} }");
        assertThatThrownBy(() -> WebhookTemplate.resolve(bad.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not render to JSON");
        assertThatThrownBy(() -> WebhookTemplate.resolve(dir.resolve("missing.json").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }
}
