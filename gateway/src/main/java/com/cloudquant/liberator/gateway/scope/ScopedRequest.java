package com.cloudquant.liberator.gateway.scope;

import java.util.List;

/**
 * A scoped token's request as it goes upstream.
 *
 * @param endpoint what the route does for a scoped token
 * @param upstream the parameters to send, in canonical order, every query and selector scoped
 * @param limit    {@code metadata}'s {@code limit}, applied by the gateway after filtering; -1 for none
 * @param dropped  names of parameters the endpoint does not take (not forwarded), sorted, for the log
 */
public record ScopedRequest(ScopedEndpoint endpoint, List<Param> upstream, int limit, List<String> dropped) {

    public ScopedRequest {
        upstream = List.copyOf(upstream);
        dropped = List.copyOf(dropped);
    }

    /** The parameters as one form, for a query string or a form body. */
    public String encoded() {
        return FormCodec.encode(upstream);
    }
}
