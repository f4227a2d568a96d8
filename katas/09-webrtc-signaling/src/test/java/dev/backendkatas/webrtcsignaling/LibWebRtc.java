package dev.backendkatas.webrtcsignaling;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * The libwebrtc of one test class: a headless audio module (a test machine has no sound card) and one
 * {@link PeerConnectionFactory}, made when the first real peer is needed and disposed after every peer is closed.
 * One factory per class: libwebrtc's threads start with it, and a factory per test would start them again and again.
 */
final class LibWebRtc implements AutoCloseable {

    private HeadlessAudioDeviceModule audio;
    private PeerConnectionFactory factory;

    /** The factory; loads the native library on first use, with a message that says what to install if it fails. */
    synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            requireANetworkBesidesLoopback();
            try {
                audio = new HeadlessAudioDeviceModule();
                factory = new PeerConnectionFactory(audio);
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                throw new AssertionError("libwebrtc (webrtc-java) could not load its native library: " + e
                        + ". On Linux it needs PulseAudio's client library even without sound: install libpulse0 "
                        + "(Debian/Ubuntu: sudo apt-get install libpulse0). See the kata's README, "
                        + "'Requirements of stage 6'.", e);
            }
        }
        return factory;
    }

    /**
     * libwebrtc leaves loopback out when it gathers host candidates: without another interface that is up, the
     * peers have no candidate at all and ICE can only fail, a minute later, with nothing to say why.
     */
    private static void requireANetworkBesidesLoopback() {
        boolean found;
        try {
            found = NetworkInterface.networkInterfaces().anyMatch(LibWebRtc::usable);
        } catch (SocketException e) {
            throw new AssertionError("could not list the network interfaces: " + e, e);
        }
        if (!found) {
            throw new AssertionError("the two libwebrtc peers need a network interface other than loopback, up and "
                    + "with an address (libwebrtc gathers no loopback candidates); this machine has none. See README, "
                    + "'Requirements of stage 6'.");
        }
    }

    private static boolean usable(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback() && network.inetAddresses().findAny().isPresent();
        } catch (SocketException e) {
            return false;
        }
    }

    /** Disposes the factory, then the audio module. Close every peer first: libwebrtc crashes otherwise. */
    @Override
    public synchronized void close() {
        if (factory != null) {
            factory.dispose();
            audio.dispose();
            factory = null;
            audio = null;
        }
    }
}
