#pragma once

#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/rdp/FloorChord.h"
#include "core/rdp/RdpServer.h"
#include "core/viewer/ViewerSession.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>

namespace baton::rdp {

struct RdpGatewayConfig {
    InviteLink link;
    QString name = QStringLiteral("RDP gateway"); // the gateway's own name in the roster
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 3389; // 0: any free port
    // What RDP clients see as the server's certificate.
    net::CertificateStore::Identity identity;
    int maxClients = 32;
    // After the share ended: how long clients may read why before the gateway gives up on
    // them (RdpServer disconnects them after 10 s itself).
    int endGraceMs = 10'500;
};

// The T.128-to-RDP gateway: one Baton viewer of a share (ViewerSession) whose picture and
// pointer an RdpServer serves to any number of RDP clients, each of which becomes a
// gateway member of the share with a user id of its own and may take the floor.
//
// Joins first; only then listens for RDP clients (serving() says when). An RDP client
// joins the share as a member once the host admits it (one the host refuses or removes is
// disconnected with the reason). Its input goes to the host only while it holds the
// floor: Ctrl+Alt+Space (FloorChord) asks for the floor or gives it back, and a key press,
// click or wheel turn of a client without it asks once (again after the floor moves or
// kFloorRequestIntervalMs) and is dropped, which under the auto and collaborate policies
// is how simply typing takes the floor. When the share ends every client is shown why,
// and finished() follows once they have gone or endGraceMs passed. Runs on the event loop.
class RdpGateway : public QObject {
    Q_OBJECT
public:
    static constexpr int kFloorRequestIntervalMs = 2000;
    // The largest desktop an RDP client takes (MS-RDPBCGR 2.2.1.3.2: 8192 pixels a side).
    static constexpr int32_t kMaxDesktopSidePx = 8192;

    explicit RdpGateway(RdpGatewayConfig config, QObject *parent = nullptr);
    ~RdpGateway() override;

    // Joins the share. A port that something else already listens on fails at once,
    // before joining.
    void start();
    // Leaves the share: the RDP clients are told, then finished() follows as after the
    // host ended it.
    void leave();

    const ViewerSession &viewer() const { return viewer_; }
    // The RDP clients' password: the link's passcode, or one generated for this gateway.
    QString password() const { return password_; }
    // While serving: the port and the address to give to RDP clients ("rdp://HOST:PORT",
    // HOST as ShareLauncher::advertisedHost() picks one for the bind address).
    quint16 port() const;
    QString address() const;
    // The certificate's SHA-256 fingerprint as RDP clients show it: "AB:CD:...".
    QString fingerprint() const;
    int clientCount() const { return int(members_.size()); }

signals:
    // Joined and listening: address(), password() and fingerprint() are final.
    void serving();
    // Never served: the link, the host, the passcode or the port failed; error says why.
    // Nothing follows.
    void failed(const QString &error);
    // The share ended while serving (info says why); every client is shown message.
    void shareEnded(const baton::net::CloseInfo &info, const QString &message);
    // After shareEnded: every client has gone, or endGraceMs passed.
    void finished();

private:
    struct Member {
        uint16_t key = 0;
        uint16_t memberId = 0; // 0 until the host admitted it
        FloorChord chord;
        bool askedForFloor = false; // since the floor last moved
        QElapsedTimer askedAt;
    };

    void onJoined();
    void onEnded(const net::CloseInfo &info);
    void connectServer();
    void onClientJoined(const RdpClientInfo &client);
    void onClientLeft(int clientId);
    void onMemberAdmitted(uint16_t key, uint16_t memberId);
    void onMemberGone(uint16_t key, uint16_t memberId, const QString &reason);
    void onKey(int clientId, const KeyInput &key);
    void onText(int clientId, const QString &text);
    void onPointer(int clientId, const PointerInput &pointer);
    void publishPointer();
    // The admitted member of a client; null before admission or after it left.
    Member *admitted(int clientId);
    bool holdsFloor(const Member &member) const;
    void askForFloor(Member &member);
    void onChord(Member &member);
    uint16_t newKey();
    static QString endMessage(const net::CloseInfo &info);

    RdpGatewayConfig config_;
    QString password_;
    ViewerSession viewer_;
    std::unique_ptr<RdpServer> server_;
    std::map<int, Member> members_; // by client id
    uint16_t lastKey_ = 0;
    QString listenError_;
    QString endMessage_; // what clients are told once the share ended
    bool resized_ = false; // the next picture goes whole
    bool ending_ = false;
    bool finished_ = false;
    QTimer endTimer_;
};

} // namespace baton::rdp
