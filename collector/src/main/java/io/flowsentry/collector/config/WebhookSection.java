package io.flowsentry.collector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code publish.webhooks:}. */
final class WebhookSection {

    private static final Set<String> KEYS = Set.of("name", "url", "template", "secret_file", "secret_env",
            "connect_timeout", "read_timeout", "max_backoff", "jira_project", "jira_issue_type", "headers");
    static final List<String> BUILTIN_TEMPLATES = List.of("generic", "slack", "jira");

    private WebhookSection() {
    }

    static List<FlowsentryConfig.Webhook> readAll(ConfigNode publish) {
        List<FlowsentryConfig.Webhook> hooks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ConfigNode.Element e : publish.list("webhooks")) {
            FlowsentryConfig.Webhook w = read(e.mapping(KEYS), e.path());
            if (names.contains(w.name())) {
                throw new ConfigException(e.path() + ".name: '" + w.name() + "' is used by another webhook");
            }
            names.add(w.name());
            hooks.add(w);
        }
        return hooks;
    }

    private static FlowsentryConfig.Webhook read(ConfigNode n, String path) {
        String name = n.text("name", null);
        if (name == null || name.isBlank()) {
            throw new ConfigException(path + ".name: required (a short label for logs and metrics)");
        }
        String urlText = n.text("url", null);
        if (urlText == null) {
            throw new ConfigException(path + ".url: required");
        }
        URI url = n.parse("url", urlText, WebhookSection::httpUrl);
        String template = n.text("template", ConfigDefaults.WEBHOOK_TEMPLATE);
        if (template.isBlank()) {
            throw new ConfigException(path + ".template: '' is not generic, slack, jira or a template file");
        }
        String jiraProject = n.text("jira_project", null);
        if (template.equals("jira") && jiraProject == null) {
            throw new ConfigException(path + ".jira_project: required when template is jira");
        }
        Path secretFile = n.path("secret_file", null);
        String secretEnv = n.text("secret_env", null);
        if (secretFile != null && secretEnv != null) {
            throw new ConfigException(path + ": secret_file and secret_env exclude each other (give one)");
        }
        return new FlowsentryConfig.Webhook(name, url, template, secretFile, secretEnv,
                ConfigLoader.positive(n, "connect_timeout", ConfigDefaults.WEBHOOK_CONNECT_TIMEOUT, Duration.ofMinutes(5)),
                ConfigLoader.positive(n, "read_timeout", ConfigDefaults.WEBHOOK_READ_TIMEOUT, Duration.ofMinutes(5)),
                ConfigLoader.positive(n, "max_backoff", ConfigDefaults.WEBHOOK_MAX_BACKOFF, Duration.ofDays(1)),
                jiraProject,
                n.text("jira_issue_type", ConfigDefaults.JIRA_ISSUE_TYPE),
                n.textMap("headers"));
    }

    /**
     * An absolute http or https URL with a host.
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    static URI httpUrl(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL with a host");
    }
}
