package com.cloudquant.liberator.tokenservice.query;

import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The listing read model: a view of the {@link TokenTable} the storage engine keeps, which
 * holds a command's change before the command returns (so a caller always reads its own
 * write). Holds no secret and no hash: only what {@link TokenView} shows.
 */
public final class TokenDirectory {

    private final TokenTable table;
    private final Clock clock;

    public TokenDirectory(TokenTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public Optional<TokenView> find(String tokenId) {
        return table.find(tokenId).map(row -> view(row, row.stateAt(clock.instant())));
    }

    /** Newest first; {@code consumer} and {@code status} filter when not null. */
    public List<TokenView> list(String consumer, TokenStatus status) {
        var now = clock.instant();
        return table.list(consumer, status == null ? null : state(status), now).stream()
                .map(row -> view(row, row.stateAt(now)))
                .toList();
    }

    /** Active tokens of {@code consumer}: O(that consumer's tokens), asked on every issue for the quota. */
    public long activeCount(String consumer) {
        return table.activeCount(consumer, clock.instant());
    }

    public long activeCount() {
        return table.activeCount(clock.instant());
    }

    private static TokenView view(TokenTable.Row row, TokenTable.State state) {
        return new TokenView(row.id(), row.consumer(), row.hint(), status(state), row.issuedBy(), row.issuedAt(),
                row.expiresAt(), row.revokedBy(), row.revokedAt(), row.scope(), TokenView.limits(row.limits()));
    }

    private static TokenStatus status(TokenTable.State state) {
        return switch (state) {
            case ACTIVE -> TokenStatus.active;
            case REVOKED -> TokenStatus.revoked;
            case EXPIRED -> TokenStatus.expired;
        };
    }

    private static TokenTable.State state(TokenStatus status) {
        return switch (status) {
            case active -> TokenTable.State.ACTIVE;
            case revoked -> TokenTable.State.REVOKED;
            case expired -> TokenTable.State.EXPIRED;
        };
    }
}
