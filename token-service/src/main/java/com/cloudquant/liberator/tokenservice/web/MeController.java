package com.cloudquant.liberator.tokenservice.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Who is signed in and with which roles, so a page can show only what the user may do. */
@Controller("/api/v1/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
class MeController {

    @Get
    Me me(Authentication user) {
        return new Me(user.getName(), user.getRoles().stream().sorted().toList());
    }

    @Serdeable
    record Me(String name, List<String> roles) {
    }
}
