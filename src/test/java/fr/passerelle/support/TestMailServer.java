package fr.passerelle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The SMTP address every test application context is given ({@code spring.mail.host} and {@code port}, set by
 * {@link TestDatabaseInitializer}): a free port of this JVM. Nothing listens there unless a test starts a GreenMail
 * on it ({@link #start()}): the others never run the sending job.
 */
public final class TestMailServer {

    public static final String HOST = "127.0.0.1";

    private static final int PORT = freePort();

    private TestMailServer() {
    }

    public static int port() {
        return PORT;
    }

    /** A real SMTP server on the applications' mail address, started. */
    public static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(PORT, HOST, ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
