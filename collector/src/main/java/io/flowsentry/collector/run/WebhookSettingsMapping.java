package io.flowsentry.collector.run;

import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.publish.webhook.Secret;
import io.flowsentry.collector.publish.webhook.WebhookSettings;

/** The {@code publish.webhooks[]} entry of the configuration as the webhook publisher's settings. */
final class WebhookSettingsMapping {

    private WebhookSettingsMapping() {
    }

    static WebhookSettings toSettings(FlowsentryConfig.Webhook w) {
        WebhookSettings.Builder b = WebhookSettings.builder(w.name(), w.url())
                .template(w.template())
                .timeouts(w.connectTimeout(), w.readTimeout())
                .backoff(WebhookSettings.DEFAULT_INITIAL_BACKOFF, w.maxBackoff())
                .headers(w.headers());
        if (w.jiraProject() != null) {
            b.jira(w.jiraProject(), w.jiraIssueType());
        }
        if (w.secretFile() != null) {
            b.secret(Secret.fromFile(w.secretFile()));
        } else if (w.secretEnv() != null) {
            b.secret(Secret.fromEnv(w.secretEnv()));
        }
        return b.build();
    }
}
