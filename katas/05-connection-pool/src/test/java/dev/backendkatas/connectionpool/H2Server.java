package dev.backendkatas.connectionpool;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * A real H2 database server in TCP mode on loopback, with its files in a test's temporary folder. It can be stopped
 * and started again on the same port, like a database that restarts under a running application.
 */
final class H2Server implements AutoCloseable {

    static {
        // H2's client retries a refused connect for about a second by default; a stopped server should fail fast.
        System.setProperty("h2.socketConnectRetry", "0");
    }

    private final Path directory;
    private Server server;
    private int port;

    H2Server(Path directory) throws SQLException {
        this.directory = directory;
        start("0");
        this.port = server.getPort();
    }

    private void start(String port) throws SQLException {
        server = Server.createTcpServer("-tcpPort", port, "-ifNotExists", "-baseDir", directory.toString()).start();
    }

    /** The JDBC URL of the test database on this server. */
    String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/kata05";
    }

    /** Stops the server: every open connection to it breaks. */
    void stop() {
        server.stop();
    }

    /** Starts the server again on the same port, with the same files. */
    void restart() throws SQLException {
        start(String.valueOf(port));
    }

    @Override
    public void close() {
        server.stop();
    }
}
