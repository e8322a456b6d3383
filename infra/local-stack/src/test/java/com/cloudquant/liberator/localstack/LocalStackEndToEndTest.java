package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.deploy.DashboardQueries;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole product started by the same launcher as {@code ./run.sh}, on free ports: a user
 * issues through nginx with the admin's credentials and queries through nginx, and both
 * gateway replicas serve.
 */
@ExtendWith(SharedStack.class)
class LocalStackEndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private StackClient client;

    @BeforeEach
    void connect() {
        client = SharedStack.client();
    }

    @Test
    void aTokenIssuedThroughTheEntryQueriesThroughTheEntryOnBothReplicas() {
        StackClient.Issued issued = client.issue("grafana-prod");

        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(client.query(issued.token(), "1+1").body()).contains("\"status\":\"success\""));
        double before0 = client.servedOk(0);
        double before1 = client.servedOk(1);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = i % 2 == 0 ? client.query(issued.token(), "up")
                    : client.postQuery(issued.token(), "up");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(client.servedOk(0)).as("replica 1 served").isGreaterThan(before0);
        assertThat(client.servedOk(1)).as("replica 2 served").isGreaterThan(before1);
    }

    @Test
    void everyQueryOfTheShippedGatewayDashboardSucceedsThroughTheGateway() {
        StackClient.Issued issued = client.issue("grafana-dashboards");
        await().atMost(PROPAGATION).until(() -> client.query(issued.token(), "up").statusCode() == 200);

        assertThat(DashboardQueries.gatewayDashboard()).hasSizeGreaterThan(5);
        for (String expression : DashboardQueries.gatewayDashboard()) {
            HttpResponse<String> response = client.postQuery(issued.token(), expression);
            assertThat(response.statusCode()).as(expression + " -> " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(expression).contains("\"status\":\"success\"");
        }
    }

    @Test
    void theAdminSignsInToThePageThroughTheEntry() {
        LocalStack stack = SharedStack.stack();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(stack.publicUrl() + "/login")).GET().build());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form");

        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create(stack.publicUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", stack.publicUrl())
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + stack.adminPassword())).build());

        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JWT=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
    }

    /**
     * nginx is every client's TCP peer at the token-service: failures must count against the
     * address nginx names, or anyone could lock the admin out. Real connections from two
     * loopback addresses through the real nginx.
     */
    @Test
    void aStrangerFailingToSignInThroughTheEntryCannotLockTheAdminOut() {
        LocalStack stack = SharedStack.stack();
        URI entry = URI.create(stack.publicUrl());
        String wrong = basic("admin", "not-the-password");
        for (int i = 0; i < 6; i++) {
            RawHttp.get("127.0.0.2", entry, "/api/v1/tokens", wrong);
        }
        assertThat(RawHttp.get("127.0.0.2", entry, "/api/v1/tokens", basic("admin", stack.adminPassword())))
                .as("the guessing address itself waits").isEqualTo(429);

        assertThat(RawHttp.get("127.0.0.3", entry, "/api/v1/tokens", basic("admin", stack.adminPassword())))
                .isEqualTo(200);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aTokenScopedToTheNodeJobSeesOnlyThatJobAsTheQuickStartShows() {
        // README's walk-through: the stack scrapes several jobs, the scoped token sees one
        StackClient.Issued unscoped = client.issue("scope-walkthrough-all");
        StackClient.Issued scoped = client.issueScoped("scope-walkthrough", "{job=\"node\"}");
        String everyJob = "count by (job) (up)";
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(client.query(unscoped.token(), everyJob).body()).contains("\"job\":\"node\"")
                    .containsPattern("\"job\":\"(?!node\")");
            assertThat(client.query(scoped.token(), everyJob).statusCode()).isEqualTo(200);
        });

        HttpResponse<String> answer = client.query(scoped.token(), everyJob);
        assertThat(answer.body()).contains("\"job\":\"node\"").doesNotContainPattern("\"job\":\"(?!node\")");
        assertThat(answer.headers().firstValue("X-Liberator-Scope")).contains("{job=\"node\"}");
    }

    @Test
    void aRevokedTokenIsRefusedByEveryReplica() {
        StackClient.Issued issued = client.issue("revoke-me");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(client.queryReplica(0, issued.token(), "up").statusCode()).isEqualTo(200);
            assertThat(client.queryReplica(1, issued.token(), "up").statusCode()).isEqualTo(200);
        });

        assertThat(client.revoke(issued.id()).statusCode()).isEqualTo(200);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(client.queryReplica(0, issued.token(), "up").statusCode()).isEqualTo(401);
            assertThat(client.queryReplica(1, issued.token(), "up").statusCode()).isEqualTo(401);
        });
        assertThat(client.query(issued.token(), "up").statusCode()).isEqualTo(401);
    }

    @Test
    void rotatingATokenAsTheGrafanaGuideDescribesLosesNoQuery() throws InterruptedException {
        StackClient.Issued old = client.issue("grafana-rotation");
        await().atMost(PROPAGATION).until(() -> client.query(old.token(), "up").statusCode() == 200);
        AtomicReference<String> current = new AtomicReference<>(old.token());
        // a 401 would be the datasource still on the old token after its revoke: a failed query
        try (RequestLoop grafana = new RequestLoop("grafana", Set.of(200),
                () -> Optional.of(client.postQuery(current.get(), "sum(up)")))) {
            // Step 2: issue a new token for the same consumer; step 3: swap it in the datasource
            StackClient.Issued fresh = client.issue("grafana-rotation");
            // Step 4: wait until the health check passes with the new token
            await().atMost(PROPAGATION).until(() -> client.postQuery(fresh.token(), "1+1").statusCode() == 200);
            current.set(fresh.token());
            long swappedAt = System.nanoTime();
            await().atMost(PROPAGATION).until(() -> grafana.countSince(200, swappedAt) >= 2);
            // Step 5: revoke the old one, once the datasource runs on the new token
            assertThat(client.revoke(old.id()).statusCode()).isEqualTo(200);
            long revokedAt = System.nanoTime();
            await().atMost(PROPAGATION).until(() -> grafana.countSince(200, revokedAt) > 20);
            grafana.assertServed(200, 20);
        }
    }
}
