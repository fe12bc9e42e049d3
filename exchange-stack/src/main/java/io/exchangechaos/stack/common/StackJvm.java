package io.exchangechaos.stack.common;

/** JVM-wide settings every stack service makes first thing in {@code main}, before any server or client exists. */
public final class StackJvm {
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final String CLIENT_KEEP_ALIVE = "jdk.httpclient.keepalive.timeout";

    private StackJvm() {
    }

    /**
     * <ul>
     * <li>A common pool of at least two threads. With fewer than two CPUs to spare, the JDK sizes the common pool at
     * one thread, and {@code CompletableFuture}'s default async executor is then a new thread per task; the JDK's
     * HTTP client hands every {@code sendAsync} completion to that executor, whatever executor the client was built
     * with. Must run before anything touches {@code CompletableFuture}.</li>
     * <li>The JDK's HTTP client lets go of an idle connection after 20 s, before the services' servers close it
     * (30 s, {@link HttpService.Limits#idleTimeout()}): a command sent on a connection the server is closing fails,
     * and a gateway then passes that engine over for seconds.</li>
     * </ul>
     */
    public static void prepare() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        if (System.getProperty(CLIENT_KEEP_ALIVE) == null) {
            System.setProperty(CLIENT_KEEP_ALIVE, "20");
        }
    }
}
