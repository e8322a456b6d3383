package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What the local stack prints once everything is ready: how to sign in, issue and query. */
final class Banner {

    /**
     * The deployment's Grafana data-source file: the one source of the YAML that the banner, the
     * token page (served from the token-service jar) and docker-compose.yml's Grafana all use.
     */
    static final String PROVISIONING_FILE = "infra/grafana/provisioning/datasources/cloudquant.yaml";
    private static final String URL_VARIABLE = "${LIBERATOR_GRAFANA_DATASOURCE_URL}";
    private static final String TOKEN_VARIABLE = "${LIBERATOR_GRAFANA_TOKEN}";

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
                %8$s
                Ctrl-C stops everything; ./run.sh again keeps your tokens (--fresh wipes them).
                """.formatted(url, stack.publicHttpsUrl(), password,
                passwordGenerated ? "   (generated; set LIBERATOR_ADMIN_PASSWORD to choose one)" : "",
                stack.ports().prometheus(), stack.ports().kafka(), stack.dataDirectory(),
                grafanaSection(stack.repoRoot(), url));
    }

    /** The YAML, indented; or why it is missing, without taking down a stack that is up. */
    private static String grafanaSection(Path repoRoot, String url) {
        try {
            return indented(provisioning(repoRoot, url));
        } catch (LocalStackException e) {
            return "  (not shown: " + e.getMessage() + ")\n";
        }
    }

    /**
     * The deployment's data-source file for this stack: its leading comments (they describe the
     * deployment's variables) dropped, the URL this stack answers on, and {@code $TOKEN} for the
     * user's shell, as in the curl lines above.
     */
    static String provisioning(Path repoRoot, String url) {
        Path file = repoRoot.resolve(PROVISIONING_FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LocalStackException("cannot read the Grafana data-source file " + file + ": " + e, e);
        }
        if (!text.contains(URL_VARIABLE) || !text.contains(TOKEN_VARIABLE)) {
            // a banner with the deployment's variable or no token in it would mislead: say what to fix
            throw new LocalStackException(file + " no longer uses " + URL_VARIABLE + " and " + TOKEN_VARIABLE
                    + "; the banner fills in those two");
        }
        List<String> lines = text.lines().dropWhile(line -> line.startsWith("#")).toList();
        return String.join("\n", lines).replace(URL_VARIABLE, url + "/metrics-api-bearer")
                .replace(TOKEN_VARIABLE, "$TOKEN") + "\n";
    }

    private static String indented(String yaml) {
        return yaml.lines().map(line -> "  " + line).collect(Collectors.joining("\n", "", "\n"));
    }
}
