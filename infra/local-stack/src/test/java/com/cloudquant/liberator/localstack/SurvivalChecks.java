package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a user checks after a fault: the writes they were told succeeded, and how long reads failed. */
final class SurvivalChecks {

    private static final Duration CONVERGENCE = Duration.ofSeconds(20);

    private SurvivalChecks() {
    }

    /**
     * Every acknowledged issue is listed by the token-service (revoked when its revoke was
     * acknowledged); at every gateway replica each acknowledged token that nobody tried to revoke
     * authenticates and each acknowledged revoke is refused.
     *
     * @param acknowledged   token id → secret of every issue answered 201
     * @param revoked        ids whose revoke was answered 200
     * @param revokeAttempted ids a revoke was (or was about to be) sent for, whatever it answered
     */
    static void assertAllPresent(StackClient client, Map<String, String> acknowledged, Set<String> revoked,
                                 Set<String> revokeAttempted) {
        acknowledged.keySet().forEach(id -> {
            var view = client.token(id);
            assertThat(view.statusCode()).as("GET /api/v1/tokens/" + id).isEqualTo(200);
            if (revoked.contains(id)) {
                assertThat(view.body()).as("token " + id).contains("\"status\":\"revoked\"");
            }
        });
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            for (int replica = 0; replica < 2; replica++) {
                for (Map.Entry<String, String> token : acknowledged.entrySet()) {
                    int status = client.queryReplica(replica, token.getValue(), "1").statusCode();
                    if (revoked.contains(token.getKey())) {
                        assertThat(status).as("revoked token " + token.getKey() + " at replica " + replica).isEqualTo(401);
                    } else if (!revokeAttempted.contains(token.getKey())) {
                        assertThat(status).as("issued token " + token.getKey() + " at replica " + replica).isEqualTo(200);
                    }
                }
            }
        });
    }

    /** Queries may fail (503) while the log's leader moves, but never for longer than {@code limit}. */
    static void assertQueriesFailedOnlyBriefly(List<RequestLoop.Attempt> queries, Duration limit) {
        long longest = 0;
        Long failingSince = null;
        for (RequestLoop.Attempt attempt : queries) {
            if (attempt.status() != 200 && failingSince == null) {
                failingSince = attempt.startNanos();
            } else if (attempt.status() == 200 && failingSince != null) {
                longest = Math.max(longest, attempt.startNanos() - failingSince);
                failingSince = null;
            }
        }
        assertThat(failingSince).as("queries failing at the end of the run").isNull();
        assertThat(Duration.ofNanos(longest)).as("longest stretch of failed queries").isLessThanOrEqualTo(limit);
    }
}
