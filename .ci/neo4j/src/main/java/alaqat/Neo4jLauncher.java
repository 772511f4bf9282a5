// Alaqat CI helper: runs an embedded Neo4j 5.26 LTS Community DBMS with Bolt on
// 127.0.0.1:<port> (no auth, no HTTP) so tests can talk to a real Neo4j without
// Docker. Started and stopped by neo4j.sh; stays up until SIGTERM/SIGINT.
//
// Usage: java -cp target/classes:target/lib/* alaqat.Neo4jLauncher [HOME_DIR] [PORT]
//   HOME_DIR defaults to $NEO4J_HOME_DIR (required one way or the other),
//   PORT defaults to $NEO4J_PORT, else 7687.
// Prints "neo4j ready bolt://127.0.0.1:<port>" once the default database is up.
package alaqat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        String home = args.length > 0 ? args[0] : System.getenv("NEO4J_HOME_DIR");
        if (home == null || home.isBlank()) {
            System.err.println("usage: Neo4jLauncher HOME_DIR [PORT] (or set NEO4J_HOME_DIR, NEO4J_PORT)");
            System.exit(2);
        }
        String portText = args.length > 1 ? args[1] : System.getenv().getOrDefault("NEO4J_PORT", "7687");
        int port = Integer.parseInt(portText.trim());

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(home).toAbsolutePath())
                // Bolt on loopback only; advertise 127.0.0.1 so neo4j:// routing tables
                // never point drivers at "localhost" (which may resolve to ::1).
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // No server-side routing listener (client-side neo4j:// routing still works).
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Small footprint for a 2-core CI box; throwaway data.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Faster stop: don't linger in Bolt's thread-pool shutdown.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j stopping");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("neo4j stopped");
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
            System.err.println("neo4j: default database not available after 3 minutes");
            System.exit(1);
        }
        System.out.println("neo4j ready bolt://" + HOST + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
