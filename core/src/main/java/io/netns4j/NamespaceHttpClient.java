package io.netns4j;

import java.io.Closeable;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The client of {@link NamespaceSockets#httpClient(HttpClient.Builder)}: the JDK's client,
 * built inside the namespace with an executor living there, which it shuts down with itself.
 */
final class NamespaceHttpClient extends HttpClient implements Closeable {
    private final HttpClient client;
    private final ExecutorService executor;

    NamespaceHttpClient(HttpClient client, ExecutorService executor) {
        this.client = client;
        this.executor = executor;
    }

    @Override public Optional<CookieHandler> cookieHandler() { return client.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return client.connectTimeout(); }
    @Override public Redirect followRedirects() { return client.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return client.proxy(); }
    @Override public SSLContext sslContext() { return client.sslContext(); }
    @Override public SSLParameters sslParameters() { return client.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return client.authenticator(); }
    @Override public Version version() { return client.version(); }
    @Override public Optional<Executor> executor() { return client.executor(); }
    @Override public WebSocket.Builder newWebSocketBuilder() { return client.newWebSocketBuilder(); }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> response = sendAsync(request, handler);
        try {
            return response.get();
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return inside(() -> client.sendAsync(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return inside(() -> client.sendAsync(request, handler, push));
    }

    /**
     * Starts a send on a thread that lives in the namespace: the JDK's client may open the
     * connection's {@code SocketChannel} on the thread that calls {@code send}/{@code sendAsync}
     * (a socket belongs to the namespace of the thread that creates it), so that thread must
     * be inside, whichever thread the caller is on. The start is short (no blocking), so the
     * client's own executor serves for it.
     */
    private <T> CompletableFuture<HttpResponse<T>> inside(Supplier<CompletableFuture<HttpResponse<T>>> start) {
        return CompletableFuture.supplyAsync(start, executor).thenCompose(f -> f);
    }

    @Override
    public void shutdown() {
        client.shutdown();
        executor.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return client.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return client.isTerminated() && executor.isTerminated();
    }

    @Override
    public void shutdownNow() {
        client.shutdownNow();
        executor.shutdownNow();
    }

    @Override
    public void close() {
        client.close();
        executor.shutdownNow();
    }
}
