package com.cloudquant.liberator.localstack;

/** What the local stack prints once everything is ready: how to sign in, issue and query. */
final class Banner {

    private Banner() {
    }

    static String text(LocalStack stack, boolean passwordGenerated) {
        String url = stack.publicUrl();
        String password = stack.adminPassword();
        return """

                Liberator metrics gateway — local stack is up.

                  UI and admin API    %1$s/   (also %2$s/, self-signed)
                  Sign in as          admin / %3$s%4$s
                  Bearer endpoint     %1$s/metrics-api-bearer/
                  Prometheus (direct) http://127.0.0.1:%5$d/   Kafka 127.0.0.1:%6$d   logs in %7$s/logs
                  Kafka sign-in       %7$s/keys/kafka (one user per service; the audit tool's
                                      --client-config is liberator-audit.properties there)

                Issue a token (shown once):
                  curl -s -u admin:%3$s -H 'Content-Type: application/json' \\
                       -d '{"consumer":"grafana-prod"}' %1$s/api/v1/tokens

                Query with it:
                  curl -s -H "Authorization: Bearer $TOKEN" '%1$s/metrics-api-bearer/api/v1/query?query=up'

                Grafana provisioning (/etc/grafana/provisioning/datasources/cloudquant.yaml):
                  apiVersion: 1
                  datasources:
                    - name: cloudquant-liberator
                      uid: cloudquant-liberator
                      type: prometheus
                      access: proxy
                      url: %1$s/metrics-api-bearer
                      isDefault: true
                      editable: true
                      jsonData:
                        httpMethod: POST
                        timeInterval: 30s
                        prometheusType: Prometheus
                        httpHeaderName1: Authorization
                      secureJsonData:
                        httpHeaderValue1: "Bearer $TOKEN"

                Ctrl-C stops everything; ./run.sh again keeps your tokens (--fresh wipes them).
                """.formatted(url, stack.publicHttpsUrl(), password,
                passwordGenerated ? "   (generated; set LIBERATOR_ADMIN_PASSWORD to choose one)" : "",
                stack.ports().prometheus(), stack.ports().kafka(), stack.dataDirectory());
    }
}
