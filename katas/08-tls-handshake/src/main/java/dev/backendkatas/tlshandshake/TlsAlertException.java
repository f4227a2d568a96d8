package dev.backendkatas.tlshandshake;

import java.io.IOException;
import java.util.Objects;

/**
 * The peer broke a rule of TLS 1.3: the connection must end with the fatal alert this exception carries (RFC 8446 §6.2).
 * The message says which rule, for the humans reading the log; the peer only ever sees the alert code.
 *
 * <p>Given.
 */
public class TlsAlertException extends IOException {

    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;

    /**
     * @param alert   the alert to send before closing
     * @param message which rule was broken, with its RFC section
     */
    public TlsAlertException(AlertDescription alert, String message) {
        super(Objects.requireNonNull(alert, "alert").rfcName() + ": " + message);
        this.alert = alert;
    }

    /**
     * @param alert   the alert to send before closing
     * @param message which rule was broken, with its RFC section
     * @param cause   the lower-level exception, for example {@code javax.crypto.AEADBadTagException}
     */
    public TlsAlertException(AlertDescription alert, String message, Throwable cause) {
        super(Objects.requireNonNull(alert, "alert").rfcName() + ": " + message, cause);
        this.alert = alert;
    }

    /** The alert that ends the connection. */
    public AlertDescription alert() {
        return alert;
    }
}
