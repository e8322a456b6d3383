package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.command.ScopeText;
import com.cloudquant.liberator.tokenservice.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Before issuing a scoped token: how many series and which metric names its scope sees. Those who may issue may ask. */
@Controller("/api/v1/scope-preview")
@Secured(Roles.SUPER_ADMIN)
class ScopePreviewController {

    private final ScopePreviews previews;

    ScopePreviewController(ScopePreviews previews) {
        this.previews = previews;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    ScopePreview preview(@QueryValue @Nullable String scope, Authentication user) {
        if (scope == null || scope.isBlank()) {
            throw new InvalidTokenRequestException("scope", "scope is empty: a token without a scope sees every series,"
                    + " so there is nothing to preview; ask for a label selector such as ?scope="
                    + PrometheusHttp.encode(ScopeText.EXAMPLE));
        }
        return previews.preview(ScopeText.parse(scope), user.getName());
    }
}
