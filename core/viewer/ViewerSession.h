#pragma once

#include "AckPacer.h"
#include "DemandedWindow.h"
#include "PictureLimit.h"
#include "SharedWindowList.h"
#include "UpdateApplier.h"
#include "ViewerStats.h"
#include "core/common/InviteLink.h"
#include "core/input/InputEvents.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/ViewerConnector.h"
#include "core/protocol/ControlPdus.h"
#include "core/session/Roster.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QTimer>

#include <optional>
#include <set>

namespace baton {

// One viewer's side of a share: joins through the invite link, keeps the picture of the
// share (UpdateApplier), the roster, the pointer and the shared windows (SharedWindowList),
// and acknowledges presented frames (paced by AckPacer) so the host paces it. Anything the
// host sends that does not decode or does not fit ends the session with ProtocolError and
// the reason; so does a window larger than the viewer's PictureLimit, before its picture is
// allocated. Runs on the event loop; nothing blocks.
class ViewerSession : public QObject {
    Q_OBJECT
public:
    struct Pointer {
        int32_t x = 0;
        int32_t y = 0;
        bool visible = false;
        Frame image; // null: draw a default arrow
        int32_t hotX = 0;
        int32_t hotY = 0;
    };

    ViewerSession(InviteLink link, net::ViewerOptions options, QObject *parent = nullptr);
    ViewerSession(InviteLink link, net::ViewerOptions options, PictureLimit pictureLimit,
                  QObject *parent = nullptr);
    ~ViewerSession() override;

    void start();
    // Says goodbye (ViewerLeft); ended() follows.
    void leave();

    bool isJoined() const { return connection_ != nullptr; }
    uint16_t userId() const { return userId_; }
    QString hostName() const { return hostName_; }
    const Frame &framebuffer() const { return applier_.framebuffer(); }
    const Roster &roster() const { return roster_; }
    const Pointer &pointer() const { return pointer_; }
    bool windowHidden() const { return windows_.hidden(); }
    QString windowTitle() const { return windows_.title(); }
    // The shared application's windows, topmost first, in the picture's pixels (with a
    // host of protocol 1.1: the one window, filling the picture).
    const SharedWindows &sharedWindows() const { return windows_.windows(); }
    const ViewerStats &stats() const { return stats_; }
    const PictureLimit &pictureLimit() const { return pictureLimit_; }
    // The size of a shared window larger than pictureLimit(), which ended the session
    // (with ProtocolError); nullopt otherwise.
    std::optional<QSize> refusedWindowSize() const { return refusedWindowSize_; }
    const UpdateApplier::Stats &applierStats() const { return applier_.stats(); }
    // The connection, while joined.
    net::Connection *connection() const { return connection_; }
    // Floor control: who holds the floor (the host's user id when nobody else does), the
    // generation of that grant, who waits.
    uint16_t floorHolder() const { return floorHolder_; }
    bool holdsFloor() const { return floorHolder_ == userId_ && userId_ != 0; }
    uint32_t floorGeneration() const { return floorGeneration_; }
    const std::vector<uint16_t> &floorQueue() const { return floorQueue_; }
    // Asks for the floor (also accepts an offer from controlOffered()).
    void requestControl();
    // Gives the floor back, declines an offer, or withdraws a request.
    void releaseControl();
    void passControlTo(uint16_t userId);
    // Input for the shared window, in its pixels; sent only while holding the floor
    // (false, nothing sent, otherwise).
    bool sendKey(const KeyInput &key);
    bool sendText(const QString &text);
    // Types text as key presses on a US keyboard (Unicode for what it lacks).
    bool sendTypedText(const QString &text);
    bool sendPointer(const PointerInput &pointer);

    // Gateway members (protocol 1.3, docs/protocol.md §11.1): people this viewer serves
    // through another protocol. addMember asks the host for a user id (memberAdmitted or
    // memberRefused follows); the *For calls speak for an admitted member, input only while
    // it holds the floor.
    void addMember(uint16_t key, const QString &name, const QString &address);
    void removeMember(uint16_t memberId);
    bool isMember(uint16_t userId) const { return members_.count(userId) != 0; }
    void requestControlFor(uint16_t memberId);
    void releaseControlFor(uint16_t memberId);
    bool sendKeyFor(uint16_t memberId, const KeyInput &key);
    bool sendTypedTextFor(uint16_t memberId, const QString &text);
    bool sendPointerFor(uint16_t memberId, const PointerInput &pointer);

signals:
    void joined();
    // The window's size changed (also once at the start).
    void resized(int width, int height);
    // A complete picture: damage is what changed since the previous one.
    void framePresented(const baton::Region &damage);
    // The same moment, the change as copies to replay and pixels (for a gateway that
    // re-encodes the picture for its own clients); emitted just before framePresented.
    void pictureChanged(const baton::PictureChange &change);
    // The same moment, with the host's id of the frame (for timing logs).
    void frameApplied(uint32_t frameId);
    // A video region's picture the viewer's decoder took (as soon as it is applied, before
    // its frame is presented; those waiting for a key frame are not), for a gateway that
    // passes the host's video on as it came. Direct connections only.
    void videoRegionApplied(const baton::protocol::VideoRegionUpdatePdu &pdu);
    void rosterChanged();
    void pointerChanged();
    void windowStateChanged();
    // sharedWindows() changed: a window opened, closed, moved or was retitled.
    void sharedWindowsChanged();
    void floorChanged();
    // The host's answer to requestControl().
    void floorDecision(baton::protocol::FloorDecision decision,
                       baton::protocol::FloorDecisionReason reason);
    // The host took the floor from this viewer.
    void floorRevoked(baton::protocol::FloorRevokeReason reason);
    // The holder or the host offers this viewer the floor: requestControl() accepts.
    void controlOffered();
    void memberAdmitted(uint16_t key, uint16_t memberId);
    void memberRefused(uint16_t key, const QString &reason);
    // The host removed an admitted member.
    void memberRemoved(uint16_t memberId, const QString &reason);
    // floorDecision, floorRevoked and controlOffered for a member.
    void memberFloorDecision(uint16_t memberId, baton::protocol::FloorDecision decision,
                             baton::protocol::FloorDecisionReason reason);
    void memberFloorRevoked(uint16_t memberId, baton::protocol::FloorRevokeReason reason);
    void memberControlOffered(uint16_t memberId);
    // Exactly once: refused, left, ended by the host, or broken.
    void ended(const baton::net::CloseInfo &info);

private:
    void onJoined(net::Connection *connection, const protocol::WelcomePdu &welcome);
    void onPdu(const protocol::Pdu &pdu);
    void onClosed(const net::CloseInfo &info);
    void activate(const protocol::DemandActivePdu &demand);
    void refuseWindow(const DemandedWindow &window);
    void onFrameMarker(const protocol::FrameMarkerPdu &marker);
    // A complete picture: tell the UI, acknowledge it (now or when AckPacer says).
    void present(uint32_t frameId);
    void sendAck(const AckPacer::Ack &ack);
    void onPointer(const protocol::PduBody &body);
    static uint32_t selfContainedFrameId(const protocol::PduBody &body);
    bool onFloorPdu(const protocol::PduBody &body);
    bool sendInput(std::vector<protocol::InputEvent> events);
    bool sendInputAs(uint16_t source, std::vector<protocol::InputEvent> events);
    bool onMemberPdu(const protocol::PduBody &body);
    void failProtocol(const QString &why);
    void finish(const net::CloseInfo &info);

    net::ViewerConnector *connector_;
    PictureLimit pictureLimit_;
    std::optional<QSize> refusedWindowSize_;
    QPointer<net::Connection> connection_;
    UpdateApplier applier_;
    Roster roster_;
    Pointer pointer_;
    SharedWindowList windows_;
    QString hostName_;
    uint16_t userId_ = 0;
    uint16_t hostUserId_ = 0;
    uint16_t hostProtocolMinor_ = 0;
    std::set<uint16_t> members_;
    uint32_t shareId_ = 0;
    uint16_t floorHolder_ = 0;
    uint32_t floorGeneration_ = 0;
    std::vector<uint16_t> floorQueue_;
    bool active_ = false;
    bool finished_ = false;
    QElapsedTimer clock_;
    double frameBeganMs_ = -1;
    bool inFrame_ = false; // between a FrameMarker Begin and its End
    ViewerStats stats_;
    AckPacer ackPacer_;
    QTimer ackTimer_;
};

} // namespace baton
