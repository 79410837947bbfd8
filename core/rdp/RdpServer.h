#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "core/input/InputEvents.h"
#include "core/rdp/RdpConnectionLimits.h"
#include "core/rdp/RdpVideoFrame.h"
#include "core/viewer/PictureChange.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace baton::rdp {

struct RdpServerConfig {
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 3389; // 0: any free port (port() tells which)
    // What every client must send in its logon (TLS security, Client Info PDU); never empty.
    QString password;
    QByteArray certificatePem;
    QByteArray privateKeyPem;
    int maxClients = 32; // live (logged-on) clients; more are refused at once
    // What peers that have not logged on may cost (docs/security.md, the RDP gateway).
    RdpConnectionLimitsConfig limits;
};

struct RdpClientInfo {
    int clientId = 0;
    QString name; // the client's computer name (Client Core Data)
    QHostAddress address;
    // It draws screen-to-screen copies (its Order capability has ScrBlt): it is sent a
    // picture's moves as they are, otherwise tiles of everything they changed.
    bool drawsCopies = false;
};

// The pointer every client sees, in the picture's pixels.
struct RdpPointer {
    int x = 0;
    int y = 0;
    bool visible = true;
    Frame image; // 32-bit with alpha; null: the client's default arrow
    int hotX = 0;
    int hotY = 0;
};

// Serves one picture to any number of RDP clients through FreeRDP's server library: TLS
// security, the password checked before anything is shown, the picture encoded once per
// change for every client, their keyboard and pointer reported in Baton's terms. Lives on
// the thread that creates it; each client's connection runs on a thread of its own, so a
// slow or hostile client holds up nobody else.
class RdpServer : public QObject {
    Q_OBJECT
public:
    explicit RdpServer(RdpServerConfig config, QObject *parent = nullptr);
    ~RdpServer() override; // disconnects every client

    bool listen(QString *error = nullptr);
    quint16 port() const;
    int clientCount() const;

    // The picture every client sees; change is how it changed since the previous call: its
    // copies go to clients as copies (ScrBlt), its pixels as tiles (a new size re-activates
    // every client at it, then sends it whole).
    void publish(const Frame &picture, const PictureChange &change);
    // The same when damage changed with no copies.
    void publish(const Frame &picture, const Region &damage);
    // A picture of the host's video that changed the picture, before the publish() that
    // carries it (the video's pictures are in that picture too): clients of the graphics
    // pipeline that allow AVC420 decode it themselves from its next key frame on, and are
    // not sent the tiles inside it. shown: the region's pixels as they were once its picture
    // was decoded (read during the call).
    void publishVideo(const RdpVideoFrame &frame, const FrameView &shown);
    // Graphics pipeline frames and AVC420 video pictures sent, every client together.
    int64_t graphicsFrameCount() const;
    int64_t avc420CommandCount() const;
    void setPointer(const RdpPointer &pointer);
    void disconnect(int clientId, const QString &reason);
    // The share ended: every client is shown message over the last picture, then
    // disconnected a few seconds later; new connections are refused.
    void endAll(const QString &message);

signals:
    // After the password was checked and the client activated.
    void clientJoined(const baton::rdp::RdpClientInfo &client);
    void clientLeft(int clientId, const QString &reason);
    void keyInput(int clientId, const baton::KeyInput &key);
    void textInput(int clientId, const QString &text); // Unicode keyboard events
    void pointerInput(int clientId, const baton::PointerInput &pointer);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace baton::rdp
