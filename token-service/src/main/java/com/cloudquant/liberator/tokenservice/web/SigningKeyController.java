package com.cloudquant.liberator.tokenservice.web;

import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.tokenservice.command.InvalidTokenRequestException;
import com.cloudquant.liberator.tokenservice.eventstore.KafkaEventStorageEngine;
import com.cloudquant.liberator.tokenservice.security.Roles;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;

/**
 * Rotates the event-signing key with one call: the {@code SigningKeyRotated} event is committed
 * (signed by the outgoing key) before the new key signs anything; gateways and auditors learn
 * the new key from the log. Blocking: it waits for the Kafka commit.
 */
@Controller("/api/v1/signing-key")
@ExecuteOn(TaskExecutors.BLOCKING)
class SigningKeyController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 500;
    private static final String EXAMPLE = "{\"reason\":\"yearly rotation\"}";

    private final KafkaEventStorageEngine engine;
    private final Clock clock;

    SigningKeyController(KafkaEventStorageEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Post("/rotate")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Secured(Roles.SUPER_ADMIN)
    RotationResponse rotate(@Body @Nullable String body, Authentication user) {
        EventEnvelope rotation = engine.rotateSigningKey(user.getName(), reason(body), clock.instant());
        return new RotationResponse(rotation.tokenId(), rotation.seq(), rotation.keyId());
    }

    /** The optional reason: absent, or a string of at most {@value #MAX_REASON} characters on one line. */
    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidTokenRequestException(null, "the body is not valid JSON: send " + EXAMPLE + " or no body");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTokenRequestException(null, "the body must be a JSON object: send " + EXAMPLE + " or no body");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!"reason".equals(name)) {
                throw new InvalidTokenRequestException(name, "unknown field '" + name + "': only reason is accepted, e.g. " + EXAMPLE);
            }
        });
        JsonNode reason = root.get("reason");
        if (reason == null || reason.isNull()) {
            return "";
        }
        if (!reason.isTextual() || reason.textValue().length() > MAX_REASON
                || reason.textValue().codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            throw new InvalidTokenRequestException("reason", "reason must be a string of at most " + MAX_REASON
                    + " characters on one line, e.g. " + EXAMPLE);
        }
        return reason.textValue();
    }

    /**
     * @param keyId         the new signing key's id
     * @param seq           chain position of the {@code SigningKeyRotated} event; the new key signs from {@code seq + 1}
     * @param retiredKeyId  the key that signed the rotation and signs nothing after it
     */
    @Serdeable
    record RotationResponse(String keyId, long seq, String retiredKeyId) {
    }
}
