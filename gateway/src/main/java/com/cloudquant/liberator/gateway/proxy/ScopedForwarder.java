package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.route.RouteDecision;
import com.cloudquant.liberator.gateway.scope.RequestParameters;
import com.cloudquant.liberator.gateway.scope.ScopedEndpoint;
import com.cloudquant.liberator.gateway.scope.ScopedParameters;
import com.cloudquant.liberator.gateway.scope.ScopedRequest;
import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A scoped token's request: its parameters read from the query string and the form body ({@link ClientForm}), one
 * canonical upstream request built from them ({@link ScopedParameters}) and sent with the
 * client's method (GET: the parameters as the query string; POST: as the form body, with an
 * empty query string), then the answer streamed or filtered ({@link ScopedAnswers}).
 */
@Singleton
final class ScopedForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(ScopedForwarder.class);
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");
    private static final int MAX_REPORTED = 1000;
    private static final ByteBodyFactory BODIES = ByteBodyFactory.createDefault(NettyByteBufferFactory.DEFAULT);

    private final UpstreamForwarder upstream;
    private final UpstreamVersionCheck version;
    private final ScopedAnswers answers;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    ScopedForwarder(UpstreamForwarder upstream, UpstreamVersionCheck version, ScopedAnswers answers) {
        this.upstream = upstream;
        this.version = version;
        this.answers = answers;
    }

    /**
     * Sends the one upstream request {@code parameters} (read by {@link ClientForm}, for the endpoint of
     * {@code decision}) make for {@code token}'s scope.
     */
    Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, RouteDecision decision, ActiveToken token,
                                         RequestParameters parameters) {
        ScopedEndpoint endpoint = ScopedEndpoint.of(decision.route().name());
        ScopedRequest scoped = ScopedParameters.of(endpoint, parameters, token.scope());
        reportDropped(scoped, token);
        Mono<Void> ready = endpoint.needsLabelMatchers() ? version.requireLabelMatchers() : Mono.empty();
        return ready.then(Mono.defer(() -> send(request, decision, scoped, token)));
    }

    /** Headers that describe the client's body, which a scoped request never forwards. */
    private static final List<String> CLIENT_BODY_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.CONTENT_LOCATION, HttpHeaders.CONTENT_RANGE, "Content-MD5", "Digest", "Content-Digest",
            "Repr-Digest");

    private Mono<MutableHttpResponse<?>> send(HttpRequest<?> request, RouteDecision decision, ScopedRequest scoped,
                                              ActiveToken token) {
        String form = scoped.encoded();
        boolean post = request.getMethod() == HttpMethod.POST;
        MutableHttpRequest<?> call = upstream.request(request, post ? HttpMethod.POST : HttpMethod.GET,
                decision.upstreamPath() + (post || form.isEmpty() ? "" : "?" + form));
        // the client's body is never forwarded: only the form built here, so nothing the client said
        // about its body may travel with it (a proxy before Prometheus could act on it)
        for (String header : CLIENT_BODY_HEADERS) {
            call.getHeaders().remove(header);
        }
        CloseableByteBody body = null;
        if (post) {
            byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
            call.getHeaders().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED)
                    .set(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
            body = BODIES.adapt(bytes);
        }
        answers.prepare(scoped.endpoint(), call.getHeaders());
        return upstream.exchange(call, body, decision.route().name())
                .flatMap(response -> answers.answer(response, scoped, decision, token));
    }

    /**
     * Names a parameter the endpoint does not take (and so was not forwarded), once per route and
     * name per replica: a dashboard sends the same ones on every refresh.
     */
    private void reportDropped(ScopedRequest scoped, ActiveToken token) {
        for (String name : scoped.dropped()) {
            String shown = PRINTABLE_NAME.matcher(name).matches() ? name : "(not printable)";
            if (reported.size() < MAX_REPORTED && reported.add(scoped.endpoint().route() + ' ' + shown)) {
                LOG.info("event=scoped_parameter_dropped route={} name={} token_id={} reason=\"not a parameter of this"
                        + " endpoint in Prometheus 2.42, which ignores it too\"", scoped.endpoint().route(), shown,
                        token.tokenId());
            }
        }
    }
}
