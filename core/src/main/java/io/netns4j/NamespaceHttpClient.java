package io.netns4j;

import io.netns4j.error.OperationInterruptedException;
import io.netns4j.internal.sys.NamespaceThreads;

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The client of {@link NamespaceSockets#httpClient(HttpClient.Builder)}: the JDK's client,
 * built inside the namespace with an executor living there, which it shuts down with itself.
 * Requests are sent with the JDK's blocking {@code send} on a worker inside (see
 * {@link #send}); only {@code sendAsync} with a push-promise handler uses the JDK's async path,
 * which may leave a {@code ForkJoinPool.commonPool()} thread inside for a minute.
 */
final class NamespaceHttpClient extends HttpClient implements Closeable {
    private final Netns ns;
    private final HttpClient client;
    private final ExecutorService executor;

    NamespaceHttpClient(Netns ns, HttpClient client, ExecutorService executor) {
        this.ns = ns;
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

    /**
     * The JDK's blocking {@code send}, on a worker inside the namespace (which opens the
     * connection's channel there). Not {@code sendAsync}: for that the JDK completes the answer
     * on {@code ForkJoinPool.commonPool()} from one of the client's threads, all of which live
     * in the namespace, and a common-pool thread made then would stay in it for a minute and
     * keep the namespace from being freed.
     */
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return ns.call(() -> client.send(request, handler));
        } catch (OperationInterruptedException e) {
            Thread.interrupted(); // InterruptedException's contract: the flag is cleared
            InterruptedException ie = new InterruptedException(e.getMessage());
            ie.initCause(e);
            throw ie;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** {@link #send} on a worker at home, so nothing of the JDK's async path runs inside. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> response = new CompletableFuture<>();
        AtomicReference<Thread> sender = new AtomicReference<>();
        NamespaceThreads.executeAtHome(() -> {
            sender.set(Thread.currentThread());
            try {
                if (!response.isDone()) {
                    response.complete(send(request, handler));
                }
            } catch (Throwable t) {
                response.completeExceptionally(t);
            } finally {
                sender.set(null);
                Thread.interrupted(); // a cancel's interrupt ends with this send
            }
        });
        response.whenComplete((r, t) -> {
            Thread s = sender.get();
            if (response.isCancelled() && s != null) {
                s.interrupt();
            }
        });
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return inside(() -> client.sendAsync(request, handler, push));
    }

    /**
     * (With a push-promise handler, which has no blocking form.) Starts a send on a thread that
     * lives in the namespace: the JDK's client may open the
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
