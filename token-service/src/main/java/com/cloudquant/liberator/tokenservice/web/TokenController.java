package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.command.IssueLedger;
import com.cloudquant.liberator.tokenservice.command.TokenIssuance;
import com.cloudquant.liberator.tokenservice.command.TokenNotFoundException;
import com.cloudquant.liberator.tokenservice.monitoring.TokenUsageQueries;
import com.cloudquant.liberator.tokenservice.monitoring.TokenUsages;
import com.cloudquant.liberator.tokenservice.query.TokenDirectory;
import com.cloudquant.liberator.tokenservice.query.TokenStatus;
import com.cloudquant.liberator.tokenservice.query.TokenView;
import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** Issue, list, look up and revoke tokens. Blocking: every write waits for the Kafka commit. */
@Controller("/api/v1/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
class TokenController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final TokenIssuance issuance;
    private final TokenDirectory directory;
    private final IssueLedger ledger;
    private final TokenUsageQueries usage;

    TokenController(TokenIssuance issuance, TokenDirectory directory, IssueLedger ledger, TokenUsageQueries usage) {
        this.issuance = issuance;
        this.directory = directory;
        this.ledger = ledger;
        this.usage = usage;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON) // text/plain and forms are what a browser sends cross-site unasked: 415
    @Secured(Roles.SUPER_ADMIN)
    HttpResponse<?> issue(@Body @Nullable String body, @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey,
                          Authentication user) {
        IssueTokenRequest request = IssueTokenRequest.parse(body);
        var issued = issuance.issue(request.consumer(), request.expiresAt(), request.scope(), request.limits(),
                user.getName(), idempotencyKey);
        URI location = URI.create("/api/v1/tokens/" + issued.view().id());
        if (issued.replayed()) {
            // 200, not 201: nothing new was created, and the secret is never shown a second time
            return HttpResponse.ok(ReplayedIssueResponse.of(issued.view())).header("Location", location.toString())
                    .header("Cache-Control", "no-store");
        }
        return HttpResponse.created(IssuedTokenResponse.of(issued), location)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
    }

    @Get
    @Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
    List<ListedToken> list(@QueryValue @Nullable String consumer, @QueryValue @Nullable String status) {
        List<TokenView> tokens = directory.list(consumer, status == null ? null : status(status));
        if (tokens.isEmpty()) {
            return List.of(); // no token, no use to ask Prometheus about
        }
        // read after the list, and never failing it: without Prometheus the items say why their use is unknown
        TokenUsages usages = usage.usage();
        return tokens.stream().map(token -> ListedToken.of(token, usages)).toList();
    }

    @Get("/{id}")
    @Secured({Roles.SUPER_ADMIN, Roles.AUDITOR})
    TokenView get(@PathVariable String id) {
        return directory.find(id).or(() -> {
            // 404 only once the log was read to its end: the id may come from another instance's
            // write, or from this one's write whose outcome was unknown
            ledger.readToEnd();
            return directory.find(id);
        }).orElseThrow(() -> new TokenNotFoundException(id));
    }

    @Delete("/{id}")
    @Secured(Roles.SUPER_ADMIN)
    TokenView revoke(@PathVariable String id, @QueryValue @Nullable String reason, Authentication user) {
        return issuance.revoke(id, user.getName(), reason);
    }

    private static TokenStatus status(String value) {
        try {
            return TokenStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenRequestException("status", "status must be one of "
                    + Arrays.toString(TokenStatus.values()) + ", e.g. ?status=active");
        }
    }
}
