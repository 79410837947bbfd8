#pragma once

#include "BatchBuilder.h"
#include "Broadcaster.h"
#include "FloorArbiter.h"
#include "GatewayMembers.h"
#include "Roster.h"
#include "TileVariantPlanner.h"
#include "UpdatePlanner.h"
#include "codecs/diff/FrameDiffer.h"
#include "codecs/motion/MotionDetector.h"
#include "core/capture/WindowSource.h"
#include "core/common/InviteLink.h"
#include "core/input/InputInjector.h"
#include "core/input/LocalInputMonitor.h"
#include "core/net/CertificateStore.h"
#include "core/net/HostListener.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>

namespace baton {

struct HostSessionConfig {
    net::HostListenerConfig listener; // address, port, session id, passcode, host name
    UpdatePlannerOptions planner;
    Broadcaster::Limits broadcast;
    FloorControl::Settings floor;
    int maxFramesPerSecond = 60;
    // The name or address viewers reach this host at, for the invite link.
    QString advertisedHost = QStringLiteral("localhost");
};

// A share only this machine can join (the demo, tests): 127.0.0.1, an ephemeral port.
HostSessionConfig loopbackConfig(std::string sessionId, std::string hostName = "localhost");

// One share: a window's pixels captured on damage, diffed, planned and encoded once,
// and broadcast to every joined viewer, who is caught up from the current picture when
// it joins late or falls behind (docs/sessions.md). Also the roster, the pointer, and
// the window's fate: a resize re-activates the share at the new size, hiding tells the
// viewers, closing ends the session.
//
// Everything runs on the thread that owns the object (the event loop); the capture is
// paced by the source's damage and --max-fps.
class HostSession : public QObject {
    Q_OBJECT
public:
    // Logged when the share ends (baton.session).
    struct Stats {
        int64_t captures = 0;
        int64_t batches = 0;
        qint64 batchBytes = 0;
        int64_t catchUps = 0;
        qint64 catchUpBytes = 0;
        int64_t videoBatches = 0; // batches with a video picture
        // Tile variants of video batches, for viewers that cannot decode the video: at most
        // one per video batch, however many such viewers there are.
        int64_t tileVariants = 0;
        qint64 tileVariantBytes = 0;
        int64_t viewersJoined = 0; // in all, a viewer that came back counted again
        int peakViewers = 0; // the most joined at once
        qint64 durationMs = 0; // from start() to stop(); 0 until the share ends
    };

    HostSession(std::unique_ptr<WindowSource> source, net::CertificateStore::Identity identity,
                HostSessionConfig config, QObject *parent = nullptr);
    ~HostSession() override;

    // Starts the source, takes the first picture and starts listening. False with a
    // sentence for the user when the window cannot be captured or the port is taken.
    bool start(QString *error = nullptr);
    // Tells every viewer why (Goodbye), stops listening and capturing; ended() follows.
    void stop(protocol::CloseReason reason = protocol::CloseReason::HostEnded,
              const QString &detail = {});
    bool isRunning() const { return running_; }
    // Where admitted input goes: the backend matching the source (X11 XTEST for an X11
    // window, Qt events for a widget). Without one the share is view-only.
    void setInputInjector(std::unique_ptr<InputInjector> injector);
    // Tells when the person at the host uses the shared window: the floor comes back.
    void setLocalInputMonitor(std::unique_ptr<LocalInputMonitor> monitor);
    FloorArbiter &floor() { return floor_; }
    const FloorArbiter &floor() const { return floor_; }

    // Closes one viewer's connection with Kicked and reason (its Goodbye detail);
    // viewerLeft() follows once the connection has closed. False for an unknown id.
    bool removeViewer(uint16_t userId, const QString &reason = {});
    // Where a viewer connects from; null for an unknown id.
    QHostAddress viewerAddress(uint16_t userId) const;

    InviteLink inviteLink() const;
    quint16 port() const { return listener_->port(); }
    const net::HostListener &listener() const { return *listener_; }
    int viewerCount() const { return int(viewers_.size()); }
    const Roster &roster() const { return roster_; }
    const Broadcaster &broadcaster() const { return broadcaster_; }
    const UpdatePlanner &planner() const { return planner_; }
    const TileVariantPlanner &tileVariants() const { return tileVariants_; }
    const Stats &stats() const { return stats_; }
    WindowSource *source() const { return source_.get(); }
    Rect windowRect() const { return differ_.reference().rect(); }
    // The picture the last published batch shows (the differ's reference): valid until the
    // next capture.
    FrameView picture() const { return differ_.reference(); }

signals:
    void viewerJoined(uint16_t userId, const QString &name);
    void viewerLeft(uint16_t userId, const QString &reason);
    // After stop() or when the shared window closed.
    void ended(const QString &reason);
    // A batch went to the broadcaster: its frame id and when the capture it shows began,
    // on monotonicNowNs()'s clock (for timing logs).
    void framePublished(uint32_t frameId, qint64 capturedAtNs);
    // A viewer's acknowledgement measured its path again: the estimate, its window, and
    // the video bitrate cap that follows from every viewer's (for timing logs).
    void linkMeasured(uint16_t userId, const Broadcaster::LinkStats &link, int videoBitrateKbps);

private:
    struct Viewer {
        QPointer<net::Connection> connection;
        std::string name;
    };

    void scheduleCapture();
    void capture();
    void reactivate(const Rect &windowRect);
    // The framed batch; null (and the session stopped) when it does not encode.
    UpdateBatchPtr build(PlannedUpdate update);
    // With variantOf, the tile variant of that batch (BatchBuilder::buildVariant).
    UpdateBatchPtr build(PlannedUpdate update, uint32_t variantOf);
    // Publishes update (planned from the current picture), with its tile variant when it
    // carries a video picture that some viewer cannot decode.
    void publish(PlannedUpdate update, qint64 capturedAtNs);
    void serviceCatchUps();
    // The video bitrate cap follows the viewers' paths (videoBitrateKbps).
    void adaptVideoBitrate();
    // The picture has been still since the last video picture: the exact pixels follow.
    void settleVideo();
    void updatePointer(bool force);
    void onWindowEvent(const WindowEvent &event);
    void onViewerJoined(net::Connection *connection, const protocol::HelloPdu &hello,
                        const protocol::WelcomePdu &welcome);
    // Lets in the viewers that joined before the first picture.
    void admitWaiting();
    void onViewerPdu(uint16_t userId, const protocol::Pdu &pdu);
    void onViewerClosed(uint16_t userId, const net::CloseInfo &info);
    void onMemberJoin(uint16_t gateway, const protocol::GatewayMemberJoinPdu &join);
    void memberLeft(const GatewayMembers::Member &member, protocol::CloseReason reason,
                    const QString &why);
    // The connection that reaches userId: its own, or for a gateway member its gateway's.
    net::Connection *connectionFor(uint16_t userId) const;
    void sendTo(net::Connection *connection, protocol::PduBody body);
    void sendToAll(const protocol::PduBody &body);
    protocol::DemandActivePdu demandActive() const;
    protocol::WindowListPdu windowList() const;
    std::vector<protocol::PduBody> pointerState() const;
    void logStats() const;

    std::unique_ptr<WindowSource> source_;
    HostSessionConfig config_;
    net::HostListener *listener_;
    FrameDiffer differ_;
    MotionDetector motion_;
    UpdatePlanner planner_;
    TileVariantPlanner tileVariants_;
    BatchBuilder builder_;
    Broadcaster broadcaster_;
    Roster roster_;
    std::map<uint16_t, Viewer> viewers_;
    GatewayMembers members_;
    // Viewers that joined before the first picture (a Wayland stream's first frame comes
    // a moment after start): let in when it comes. As many as the listener admits.
    struct WaitingJoin {
        QPointer<net::Connection> connection;
        protocol::HelloPdu hello;
        protocol::WelcomePdu welcome;
    };
    std::vector<WaitingJoin> waitingForPicture_;
    std::unique_ptr<InputInjector> injector_;
    std::unique_ptr<LocalInputMonitor> localInput_;
    FloorArbiter floor_;
    QTimer captureTimer_;
    QTimer stallTimer_;
    QTimer sweepTimer_;
    QTimer stillTimer_;
    bool sweepPending_ = false;
    QElapsedTimer sinceLastCapture_;
    QElapsedTimer sinceStart_;
    uint32_t shareId_ = 0x00010000; // one more for every activation (the first, each resize)
    bool running_ = false;
    bool windowHidden_ = false;
    CursorState cursor_;
    uint64_t cursorSerialSent_ = 0;
    int videoBitrateKbps_ = VideoStream::maxBitrateKbps();
    QElapsedTimer videoBitrateRaised_; // invalid until the cap first went up
    Stats stats_;
};

} // namespace baton
