// A throwaway Neo4j for chain-atlas tests: embedded Community with Bolt on 127.0.0.1, auth on, stops on SIGTERM.
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public final class AtlasNeo4j {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: AtlasNeo4j <data-dir> <bolt-port>   (password from $NEO4J_PASSWORD)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "chain-atlas-test");
    if (password.length() < 8) {
      System.err.println("NEO4J_PASSWORD must have at least 8 characters");
      System.exit(2);
    }

    // Page cache: 256 MB for tests; $NEO4J_PAGECACHE_MB for a bench that loads a million firms.
    long pagecacheMb = Long.parseLong(System.getenv().getOrDefault("NEO4J_PAGECACHE_MB", "256"));

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM / SIGINT run the shutdown hooks: close the databases cleanly, then let main return.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      System.out.println("NEO4J STOPPED");
      stopped.countDown();
    }));

    // The default user starts with a password that must be changed; set ours (idempotent on restart).
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("same")) throw e;
    }
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println("BOLT READY " + port);
    System.out.flush();
    stopped.await();
  }
}
