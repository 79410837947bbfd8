#include "core/rdp/RdpGateway.h"

#include "core/rdp/GatewayPassword.h"
#include "core/rdp/RdpLogging.h"
#include "core/session/ShareLauncher.h"

#include <QHostInfo>
#include <QUrl>

namespace baton::rdp {
namespace {

net::ViewerOptions viewerOptions(const QString &name)
{
    net::ViewerOptions options;
    options.displayName = name.toStdString();
    options.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    return options;
}

PictureLimit desktopLimit()
{
    PictureLimit limit;
    limit.maxSidePx = RdpGateway::kMaxDesktopSidePx;
    return limit;
}

// A client's name in the roster, "COMPUTER via RDP" (the host adds " from ADDRESS"): peers
// choose their computer name, so only its printable part counts.
QString memberName(const QString &clientName)
{
    QString name;
    for (const QChar c : clientName)
        if (c.isPrint())
            name += c;
    name = name.simplified();
    return (name.isEmpty() ? QStringLiteral("RDP client") : name) + QStringLiteral(" via RDP");
}

} // namespace

RdpGateway::RdpGateway(RdpGatewayConfig config, QObject *parent)
    : QObject(parent),
      config_(std::move(config)),
      password_(config_.link.passcode.isEmpty() ? GatewayPassword::generate()
                                                : config_.link.passcode),
      viewer_(config_.link, viewerOptions(config_.name), desktopLimit())
{
    endTimer_.setSingleShot(true);
    connect(&endTimer_, &QTimer::timeout, this, [this] {
        qCInfo(lcRdp) << "gateway:" << members_.size()
                      << "RDP clients still connected after the share ended; stopping";
        members_.clear();
        finished_ = true;
        emit finished();
    });
    connect(&viewer_, &ViewerSession::joined, this, &RdpGateway::onJoined);
    connect(&viewer_, &ViewerSession::ended, this, &RdpGateway::onEnded);
    connect(&viewer_, &ViewerSession::resized, this, [this] { resized_ = true; });
    connect(&viewer_, &ViewerSession::pictureChanged, this, [this](const PictureChange &change) {
        if (!server_ || viewer_.framebuffer().isNull())
            return;
        const Frame &picture = viewer_.framebuffer();
        server_->publish(picture, resized_ ? PictureChange{{}, Region(picture.rect())} : change);
        resized_ = false;
    });
    // The host's H.264 as it came, for graphics pipeline clients to decode themselves, with
    // the pixels it decoded to (what the picture then presented shows, unless drawn over).
    connect(&viewer_, &ViewerSession::videoRegionApplied, this,
            [this](const protocol::VideoRegionUpdatePdu &pdu) {
                const auto frame = RdpVideoFrame::fromPdu(pdu);
                if (frame && server_)
                    server_->publishVideo(*frame,
                                          viewer_.framebuffer().view().subView(frame->rect));
            });
    connect(&viewer_, &ViewerSession::pointerChanged, this, &RdpGateway::publishPointer);
    connect(&viewer_, &ViewerSession::floorChanged, this, [this] {
        for (auto &[clientId, member] : members_)
            member.askedForFloor = false;
    });
    connect(&viewer_, &ViewerSession::memberAdmitted, this, &RdpGateway::onMemberAdmitted);
    connect(&viewer_, &ViewerSession::memberRefused, this,
            [this](uint16_t key, const QString &reason) { onMemberGone(key, 0, reason); });
    connect(
        &viewer_, &ViewerSession::memberRemoved, this,
        [this](uint16_t memberId, const QString &reason) { onMemberGone(0, memberId, reason); });
}

RdpGateway::~RdpGateway() = default;

void RdpGateway::start()
{
    if (ShareLauncher::isPortTaken(config_.bindAddress, config_.port)) {
        // Said before joining, so that the host's roster does not see the gateway come
        // and go at once.
        const QString error =
            tr("port %1 is in use already; choose another with --port").arg(config_.port);
        QMetaObject::invokeMethod(
            this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
        return;
    }
    viewer_.start();
}

void RdpGateway::leave()
{
    viewer_.leave();
}

quint16 RdpGateway::port() const
{
    return server_ ? server_->port() : 0;
}

QString RdpGateway::address() const
{
    QUrl url;
    url.setScheme(QStringLiteral("rdp"));
    url.setHost(ShareLauncher::advertisedHost(
        {}, config_.bindAddress, ShareLauncher::lanAddresses(), QHostInfo::localHostName()));
    url.setPort(port());
    return url.toString();
}

QString RdpGateway::fingerprint() const
{
    return QString::fromLatin1(
        net::CertificateStore::fingerprintOf(config_.identity.certificate).toHex(':').toUpper());
}

void RdpGateway::onJoined()
{
    RdpServerConfig serverConfig;
    serverConfig.bindAddress = config_.bindAddress;
    serverConfig.port = config_.port;
    serverConfig.password = password_;
    serverConfig.certificatePem = config_.identity.certificate.toPem();
    serverConfig.privateKeyPem = config_.identity.privateKey.toPem();
    serverConfig.maxClients = config_.maxClients;
    auto server = std::make_unique<RdpServer>(std::move(serverConfig));
    QString error;
    if (!server->listen(&error)) {
        listenError_ = tr("cannot serve RDP on port %1: %2").arg(config_.port).arg(error);
        viewer_.leave();
        return;
    }
    server_ = std::move(server);
    connectServer();
    if (!viewer_.framebuffer().isNull())
        server_->publish(viewer_.framebuffer(), Region(viewer_.framebuffer().rect()));
    resized_ = false;
    publishPointer();
    qCInfo(lcRdp) << "gateway: joined" << viewer_.hostName() << "as user" << viewer_.userId()
                  << "and serving RDP on port" << server_->port();
    emit serving();
}

void RdpGateway::connectServer()
{
    RdpServer *server = server_.get();
    connect(server, &RdpServer::clientJoined, this, &RdpGateway::onClientJoined);
    connect(server, &RdpServer::clientLeft, this,
            [this](int clientId, const QString &) { onClientLeft(clientId); });
    connect(server, &RdpServer::keyInput, this, &RdpGateway::onKey);
    connect(server, &RdpServer::textInput, this, &RdpGateway::onText);
    connect(server, &RdpServer::pointerInput, this, &RdpGateway::onPointer);
}

void RdpGateway::onEnded(const net::CloseInfo &info)
{
    if (!server_) {
        emit failed(listenError_.isEmpty() ? info.text() : listenError_);
        return;
    }
    endMessage_ = endMessage(info);
    qCInfo(lcRdp) << "gateway: the share ended (" << info.text() << "); telling" << members_.size()
                  << "RDP clients:" << endMessage_;
    ending_ = true;
    for (auto &[clientId, member] : members_)
        member.memberId = 0; // the share is gone, and with it every member
    server_->endAll(endMessage_);
    emit shareEnded(info, endMessage_);
    if (members_.empty()) {
        finished_ = true;
        emit finished();
        return;
    }
    endTimer_.start(config_.endGraceMs);
}

QString RdpGateway::endMessage(const net::CloseInfo &info)
{
    switch (info.reason) {
    case protocol::CloseReason::HostEnded:
    case protocol::CloseReason::WindowClosed:
        return tr("The host ended the share");
    case protocol::CloseReason::Kicked:
        return tr("You were removed from the share");
    case protocol::CloseReason::ViewerLeft:
        return tr("The RDP gateway was stopped");
    default:
        return tr("The connection to the share was lost");
    }
}

void RdpGateway::publishPointer()
{
    if (!server_)
        return;
    const ViewerSession::Pointer &pointer = viewer_.pointer();
    RdpPointer rdpPointer;
    rdpPointer.x = pointer.x;
    rdpPointer.y = pointer.y;
    rdpPointer.visible = pointer.visible;
    rdpPointer.image = pointer.image;
    rdpPointer.hotX = pointer.hotX;
    rdpPointer.hotY = pointer.hotY;
    server_->setPointer(rdpPointer);
}

uint16_t RdpGateway::newKey()
{
    // Counting up rather than reusing the lowest free key: the host's answer for a client
    // that has already left must not be taken for a newer client's.
    for (;;) {
        ++lastKey_;
        if (lastKey_ == 0)
            continue;
        bool taken = false;
        for (const auto &[clientId, member] : members_)
            taken = taken || member.key == lastKey_;
        if (!taken)
            return lastKey_;
    }
}

void RdpGateway::onClientJoined(const RdpClientInfo &client)
{
    if (ending_) {
        server_->disconnect(client.clientId, endMessage_);
        return;
    }
    Member &member = members_[client.clientId];
    member.key = newKey();
    const QString name = memberName(client.name);
    qCInfo(lcRdp) << "gateway: RDP client" << client.clientId << name << "from"
                  << client.address.toString() << "asks to join as member key" << member.key;
    viewer_.addMember(member.key, name, client.address.toString());
}

void RdpGateway::onClientLeft(int clientId)
{
    const auto it = members_.find(clientId);
    if (it == members_.end())
        return;
    if (it->second.memberId != 0)
        viewer_.removeMember(it->second.memberId);
    members_.erase(it);
    if (ending_ && members_.empty() && !finished_) {
        endTimer_.stop();
        finished_ = true;
        emit finished();
    }
}

void RdpGateway::onMemberAdmitted(uint16_t key, uint16_t memberId)
{
    for (auto &[clientId, member] : members_) {
        if (member.key == key && member.memberId == 0) {
            member.memberId = memberId;
            qCInfo(lcRdp) << "gateway: RDP client" << clientId << "is member" << memberId;
            return;
        }
    }
    // The client left while the host was deciding.
    viewer_.removeMember(memberId);
}

void RdpGateway::onMemberGone(uint16_t key, uint16_t memberId, const QString &reason)
{
    for (auto it = members_.begin(); it != members_.end(); ++it) {
        const Member &member = it->second;
        if ((key != 0 && member.key == key && member.memberId == 0) ||
            (memberId != 0 && member.memberId == memberId)) {
            const int clientId = it->first;
            qCInfo(lcRdp) << "gateway: the host turned RDP client" << clientId << "away:" << reason;
            members_.erase(it);
            server_->disconnect(clientId, reason);
            return;
        }
    }
}

RdpGateway::Member *RdpGateway::admitted(int clientId)
{
    const auto it = members_.find(clientId);
    return it == members_.end() || it->second.memberId == 0 ? nullptr : &it->second;
}

bool RdpGateway::holdsFloor(const Member &member) const
{
    return viewer_.floorHolder() == member.memberId;
}

void RdpGateway::askForFloor(Member &member)
{
    if (member.askedForFloor && !member.askedAt.hasExpired(kFloorRequestIntervalMs))
        return;
    member.askedForFloor = true;
    member.askedAt.start();
    viewer_.requestControlFor(member.memberId);
}

void RdpGateway::onChord(Member &member)
{
    if (holdsFloor(member)) {
        viewer_.releaseControlFor(member.memberId);
        return;
    }
    member.askedForFloor = true;
    member.askedAt.start();
    viewer_.requestControlFor(member.memberId);
}

void RdpGateway::onKey(int clientId, const KeyInput &key)
{
    Member *member = admitted(clientId);
    if (!member)
        return;
    const FloorChord::Result result = member->chord.feed(key);
    if (result.chord) {
        onChord(*member);
        return;
    }
    for (const KeyInput &passed : result.keys) {
        if (holdsFloor(*member))
            viewer_.sendKeyFor(member->memberId, passed);
        else if (passed.pressed)
            askForFloor(*member);
    }
}

void RdpGateway::onText(int clientId, const QString &text)
{
    Member *member = admitted(clientId);
    if (!member)
        return;
    if (holdsFloor(*member))
        viewer_.sendTypedTextFor(member->memberId, text);
    else
        askForFloor(*member);
}

void RdpGateway::onPointer(int clientId, const PointerInput &pointer)
{
    Member *member = admitted(clientId);
    if (!member)
        return;
    const bool holds = holdsFloor(*member);
    const bool asks =
        pointer.type == PointerInput::Type::Press || pointer.type == PointerInput::Type::Wheel;
    if (!holds) {
        // Moves only follow the holder; a release belongs to a press that went nowhere.
        if (asks)
            askForFloor(*member);
        return;
    }
    // A Ctrl or Alt held back for the chord belongs before the click (Ctrl+click).
    if (asks)
        for (const KeyInput &key : member->chord.flush())
            viewer_.sendKeyFor(member->memberId, key);
    viewer_.sendPointerFor(member->memberId, pointer);
}

} // namespace baton::rdp
