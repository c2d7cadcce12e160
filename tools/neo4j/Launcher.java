import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts a Neo4j 5 Community database in this JVM with Bolt on 127.0.0.1, for development and
 * tests on machines without Docker. Run with the JDK's single-file source launcher:
 *
 *   java -Xmx512m -cp 'lib/*' Launcher.java [--port N] [--data DIR] [--pagecache SIZE]
 *
 * --port 0 (the default) picks a free port; without --data the store lives in a temporary
 * folder that is deleted on shutdown. Prints exactly one line "NEO4J_READY bolt://host:port"
 * on stdout once Bolt accepts connections. Shuts down cleanly on SIGTERM/SIGINT and when its
 * standard input closes, which is how it notices that the Node process that started it died
 * (the pipe closes with the parent), so no JVM outlives its owner.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path dataDir = null;
        long pageCacheBytes = parseSize("64m");
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--pagecache" -> pageCacheBytes = parseSize(args[++i]);
                case "--no-stdin-watch" -> watchStdin = false;
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (port == 0) {
            port = freePort();
        }
        boolean throwAway = dataDir == null;
        Path home = throwAway ? Files.createTempDirectory("sahel-neo4j-") : dataDir;
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                // Loopback only, for one developer or one test run: authentication would only
                // add a password to manage. Point NEO4J_URI at a secured server for anything else.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                if (throwAway) {
                    deleteQuietly(home);
                }
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        // "Ready" means answering: the default database may still be recovering its store (after
        // a kill) or starting when build() returns, and the first query plans on a cold JVM.
        // Wait for one transaction to answer, and run a few warm-up queries, before saying so.
        awaitAnswer(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));

        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0); // runs the shutdown hook
            }, "parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /** Returns once `db` has answered a transaction (at most two minutes), after a few warm-up queries. */
    private static void awaitAnswer(GraphDatabaseService db) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            try {
                db.executeTransactionally("RETURN 1 AS ok");
                break;
            } catch (RuntimeException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the default database did not answer within two minutes: " + notYet.getMessage());
                }
                Thread.sleep(50);
            }
        }
        for (String warmUp : new String[] {
            "MATCH (n:Entity {id: $id}) RETURN n",
            "MATCH (n) RETURN count(n) AS nodes",
            "UNWIND range(1, 10) AS i RETURN sum(i) AS total",
        }) {
            db.executeTransactionally(warmUp, java.util.Map.of("id", "warm-up"));
        }
    }

    /** Reads until end of stream: returns when the parent closes the pipe or dies. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // input is ignored; only its end matters
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as end of stream
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    private static long parseSize(String text) {
        String t = text.trim().toLowerCase();
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * unit;
        } catch (NumberFormatException e) {
            fail("bad size: " + text + " (expected e.g. 64m or 1g)");
            return 0;
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static void fail(String message) {
        System.err.println("Launcher: " + message);
        System.exit(2);
    }
}
