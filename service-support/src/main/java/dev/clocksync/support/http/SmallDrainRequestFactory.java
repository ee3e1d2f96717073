package dev.clocksync.support.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractClientHttpRequestFactoryWrapper;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

/**
 * Closes responses as Spring's {@code SimpleClientHttpResponse} does (read what is left of the body, so that
 * the connection can be kept alive, then close the stream), but through a small buffer: Spring drains
 * with {@code InputStream.transferTo}, which allocates 16 KB on every call, so every exchange, even one
 * whose body was read to the end, left 16 KB of garbage, and a Berkeley master reading many slaves at once
 * has many exchanges in flight. Nothing else changes: status, headers and body are the wrapped response's own.
 */
final class SmallDrainRequestFactory extends AbstractClientHttpRequestFactoryWrapper {

    /** What one read of the drain takes at most; bodies here are a few hundred bytes, read already. */
    static final int BUFFER = 256;

    SmallDrainRequestFactory(ClientHttpRequestFactory delegate) {
        super(delegate);
    }

    @Override
    protected ClientHttpRequest createRequest(URI uri, HttpMethod method, ClientHttpRequestFactory factory) throws IOException {
        return new Request(factory.createRequest(uri, method));
    }

    /** Drains what is left of the stream through a small buffer; @return the bytes drained */
    static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long drained = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
            drained += n;
        }
        return drained;
    }

    private record Request(ClientHttpRequest delegate) implements ClientHttpRequest {

        @Override
        public ClientHttpResponse execute() throws IOException {
            return new Response(delegate.execute());
        }

        @Override
        public OutputStream getBody() throws IOException {
            return delegate.getBody();
        }

        @Override
        public HttpMethod getMethod() {
            return delegate.getMethod();
        }

        @Override
        public URI getURI() {
            return delegate.getURI();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return delegate.getAttributes();
        }

        @Override
        public HttpHeaders getHeaders() {
            return delegate.getHeaders();
        }
    }

    private record Response(ClientHttpResponse delegate) implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return delegate.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return delegate.getStatusText();
        }

        @Override
        public HttpHeaders getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public InputStream getBody() throws IOException {
            return delegate.getBody();
        }

        /** As the wrapped response's close, errors ignored alike, but drained through {@link #BUFFER} bytes. */
        @Override
        public void close() {
            try {
                InputStream body = delegate.getBody();
                drain(body);
                body.close();
            } catch (IOException | RuntimeException e) {
                // as SimpleClientHttpResponse.close: a response that cannot be drained is simply not kept alive
            }
        }
    }
}
