package com.cloudquant.liberator.gateway.proxy;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.ByteBodyHttpResponseWrapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.body.AvailableByteBody;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.core.io.buffer.ReadBuffer;
import io.micronaut.http.body.stream.BodySizeLimits;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Writes an upstream body to the client as the bytes it is: no codec, no default Content-Type,
 * and its known length (if any) kept, so the server frames it with Content-Length rather than chunks.
 */
final class PassThroughBodyWriter implements ResponseBodyWriter<ByteBody> {

    static final PassThroughBodyWriter INSTANCE = new PassThroughBodyWriter();

    private PassThroughBodyWriter() {
    }

    @Override
    public ByteBodyHttpResponse<?> write(ByteBodyFactory bodyFactory, HttpRequest<?> request,
                                         MutableHttpResponse<ByteBody> response, Argument<ByteBody> type,
                                         MediaType mediaType, ByteBody body) {
        return ByteBodyHttpResponseWrapper.wrap(response, writePiece(bodyFactory, request, response, type, mediaType, body));
    }

    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
                                        Argument<ByteBody> type, MediaType mediaType, ByteBody body) {
        if (body instanceof AvailableByteBody) {
            return body.move(); // the whole answer arrived with its headers: one write, with Content-Length
        }
        // still arriving: re-published so bytes flow only on the server's demand (Micronaut 4.10 rejects a
        // client body whose first bytes are already buffered when the server subscribes). Taken lazily, so a
        // response the server drops unwritten (the caller hung up) closes the upstream body instead of leaving
        // its pooled connection unread.
        AtomicBoolean taken = new AtomicBoolean();
        Publisher<ReadBuffer> bytes = Flux.defer(() -> {
            taken.set(true);
            return body.toReadBufferPublisher();
        });
        return bodyFactory.adapt(bytes, BodySizeLimits.UNLIMITED, response.getHeaders(), () -> {
            if (taken.compareAndSet(false, true) && body instanceof CloseableByteBody closeable) {
                closeable.close();
            }
        });
    }

    @Override
    public void writeTo(Argument<ByteBody> type, MediaType mediaType, ByteBody body, MutableHeaders headers,
                        OutputStream out) {
        throw new UnsupportedOperationException("an upstream body is streamed, never written to an OutputStream");
    }
}
