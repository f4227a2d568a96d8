package dev.backendkatas.webrtcsignaling;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A real WebRTC peer (libwebrtc through webrtc-java) behind the {@link WebRtcPeer} steps, with one data channel.
 *
 * <p>libwebrtc calls back on its one native signaling thread. So this class never blocks there and never closes
 * anything there: each callback hands its result to a Java thread of this peer, and the futures complete on it.
 * Candidates are gathered on the machine's non-loopback interfaces (no STUN server: host candidates only).
 */
final class LibWebRtcPeer implements WebRtcPeer, AutoCloseable {

    private final RTCPeerConnection connection;
    private final ExecutorService javaSide;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<RTCPeerConnectionState> states = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RTCDataChannel> open = new CompletableFuture<>();
    private volatile Consumer<TrickledCandidate> localCandidates = candidate -> { };
    private volatile RTCDataChannel channel;

    /**
     * @param caller whether this peer makes the offer and so creates the data channel; the other one receives it
     */
    LibWebRtcPeer(LibWebRtc webrtc, String name, boolean caller) {
        this.javaSide = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "libwebrtc-peer-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.connection = webrtc.factory().createPeerConnection(new RTCConfiguration(), new Observer());
        if (caller) {
            watch(connection.createDataChannel("chat", new RTCDataChannelInit()));
        }
    }

    /** Where this peer's candidates go, called on the native thread: {@link SignalingPeer#onLocalCandidate}. */
    void sendCandidatesTo(Consumer<TrickledCandidate> sink) {
        localCandidates = sink;
    }

    /** Completes when the data channel is open, on either side. */
    CompletableFuture<RTCDataChannel> channelOpen() {
        return open;
    }

    /** Sends a text message on the open data channel. */
    void send(String text) throws Exception {
        open.getNow(null).send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
    }

    /** The text messages received on the data channel, in order. */
    List<String> received() {
        return received;
    }

    /** The connection states seen so far, for failure messages. */
    List<RTCPeerConnectionState> states() {
        return states;
    }

    @Override
    public CompletableFuture<String> createOffer() {
        CompletableFuture<String> done = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), created(done));
        return done;
    }

    @Override
    public CompletableFuture<String> createAnswer() {
        CompletableFuture<String> done = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), created(done));
        return done;
    }

    @Override
    public CompletableFuture<Void> setRemoteDescription(String type, String sdp) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        RTCSdpType sdpType = type.equals("offer") ? RTCSdpType.OFFER : RTCSdpType.ANSWER;
        connection.setRemoteDescription(new RTCSessionDescription(sdpType, sdp), set(done, null));
        return done;
    }

    @Override
    public void addIceCandidate(TrickledCandidate candidate) {
        connection.addIceCandidate(new RTCIceCandidate(candidate.sdpMid(), candidate.sdpMLineIndex(),
                candidate.candidate()));
    }

    /** Closes the channel and the connection, from the calling (Java) thread; then stops this peer's thread. */
    @Override
    public void close() {
        RTCDataChannel channel = this.channel;
        if (channel != null) {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        }
        connection.close();
        javaSide.shutdownNow();
    }

    /** Created descriptions become the local description, then the future completes with the SDP. */
    private CreateSessionDescriptionObserver created(CompletableFuture<String> done) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                javaSide.execute(() -> connection.setLocalDescription(description, set(done, description.sdp)));
            }

            @Override
            public void onFailure(String error) {
                javaSide.execute(() -> done.completeExceptionally(new IllegalStateException(error)));
            }
        };
    }

    private <T> SetSessionDescriptionObserver set(CompletableFuture<T> done, T result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                javaSide.execute(() -> done.complete(result));
            }

            @Override
            public void onFailure(String error) {
                javaSide.execute(() -> done.completeExceptionally(new IllegalStateException(error)));
            }
        };
    }

    private void watch(RTCDataChannel channel) {
        this.channel = channel;
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                if (channel.getState() == RTCDataChannelState.OPEN) {
                    open.complete(channel);
                }
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                byte[] bytes = new byte[buffer.data.remaining()];
                buffer.data.get(bytes);
                received.add(new String(bytes, StandardCharsets.UTF_8));
            }
        });
    }

    private final class Observer implements PeerConnectionObserver {

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            localCandidates.accept(new TrickledCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            states.add(state);
        }

        @Override
        public void onDataChannel(RTCDataChannel dataChannel) {
            watch(dataChannel);
            if (dataChannel.getState() == RTCDataChannelState.OPEN) {
                open.complete(dataChannel);
            }
        }
    }
}
