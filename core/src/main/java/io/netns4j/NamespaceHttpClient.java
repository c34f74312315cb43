package io.netns4j;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

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
        return client.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return client.sendAsync(request, handler, push);
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
