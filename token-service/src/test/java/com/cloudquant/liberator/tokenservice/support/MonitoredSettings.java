package com.cloudquant.liberator.tokenservice.support;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/** Settings of a token-service that reads a Prometheus, and of one that also trusts an OIDC identity provider. */
public final class MonitoredSettings {

    private MonitoredSettings() {
    }

    /** A service on its own new token topic, with keys under {@code keyDir}, reading {@code prometheusUrl}. */
    public static Map<String, Object> of(EmbeddedKafkaExtension kafka, String topic, Path keyDir, String prometheusUrl) {
        Map<String, Object> settings = TokenServiceInstance.settings(kafka.bootstrapServers(),
                kafka.createTokenTopic(topic), keyDir);
        settings.put("liberator.monitoring.prometheus-url", prometheusUrl);
        return settings;
    }

    /** Adds bearer sign-in by {@code idp}'s "corp" issuer for {@code audience}, roles from the groups claim. */
    public static Map<String, Object> trusting(Map<String, Object> settings, MockOAuth2Server idp, String audience) {
        settings.put("liberator.oidc.issuer", idp.issuerUrl("corp").toString());
        settings.put("liberator.oidc.audience", audience);
        settings.put("liberator.oidc.roles-claim", "groups");
        return settings;
    }
}
