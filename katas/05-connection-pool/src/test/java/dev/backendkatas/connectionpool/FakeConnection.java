package dev.backendkatas.connectionpool;

/**
 * A connection that knows whether it is open and alive. Two of them can be {@code equals} (when the factory gives them
 * the same label), like two JDBC proxies that compare by what they wrap: a pool must tell them apart by identity.
 */
final class FakeConnection {

    private final int id;
    private final String label;
    volatile boolean alive = true;
    volatile boolean closed;

    FakeConnection(int id, String label) {
        this.id = id;
        this.label = label;
    }

    int id() {
        return id;
    }

    boolean isClosed() {
        return closed;
    }

    /** The server went away: validation fails from now on. */
    void kill() {
        alive = false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FakeConnection that && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return "conn-" + id;
    }
}
