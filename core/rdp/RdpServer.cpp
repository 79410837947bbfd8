#include "core/rdp/RdpServer.h"

#include "core/rdp/RdpClientConnection.h"
#include "core/rdp/RdpClientQueue.h"
#include "core/rdp/RdpEndMessage.h"
#include "core/rdp/RdpLogging.h"
#include "core/rdp/RdpPictureEncoder.h"
#include "core/rdp/RdpPointerShape.h"

#include <QCryptographicHash>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <freerdp/error.h>
#include <freerdp/listener.h>
#include <map>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <unistd.h>
#include <winpr/ssl.h>

namespace baton::rdp {
namespace {

using namespace std::chrono_literals;

// After endAll(): how long the message stays up before everyone is disconnected.
constexpr auto kEndMessageTime = 10s;
// A client asked to leave that has not within this is cut.
constexpr auto kLeaveTimeout = 5s;
// What clients are shown before the first picture.
constexpr int32_t kBlankWidthPx = 1024;
constexpr int32_t kBlankHeightPx = 768;

uint32_t packedSize(const Frame &picture)
{
    return uint32_t(picture.width()) << 16 | uint32_t(picture.height());
}

// A listening TCP socket on address:port (port 0: any free one); -1 with error set on
// failure. QHostAddress::Any listens on IPv6 and IPv4 both where the host has IPv6.
int openListeningSocket(const QHostAddress &address, quint16 port, QString *error)
{
    sockaddr_storage storage = {};
    socklen_t length = 0;
    const bool any = address == QHostAddress::Any;
    const bool ipv6 = any || address.protocol() == QAbstractSocket::IPv6Protocol;
    if (ipv6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes =
            any ? QHostAddress(QHostAddress::AnyIPv6).toIPv6Address() : address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, sizeof(bytes.c));
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 && any) {
        // No IPv6 here: IPv4 alone.
        return openListeningSocket(QHostAddress::AnyIPv4, port, error);
    }
    const int on = 1;
    const int off = 0;
    // The deepest backlog the system allows: a flood is accepted and refused at once
    // (RdpConnectionLimits) instead of waiting in the kernel ahead of honest connections.
    if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
        (ipv6 && ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, any ? &off : &on, sizeof(int)) != 0) ||
        ::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
        ::listen(fd, SOMAXCONN) != 0) {
        if (error) {
            *error = QStringLiteral("cannot listen on %1 port %2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

quint16 localPort(int fd)
{
    sockaddr_storage storage = {};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return 0;
    if (storage.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
}

QHostAddress peerAddress(const char *hostname)
{
    QHostAddress address(QString::fromLatin1(hostname));
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(ipv4) : address;
}

} // namespace

struct RdpServer::Impl {
    struct Client {
        std::unique_ptr<RdpClientConnection> connection;
        QHostAddress address;
        RdpClientInfo info;
        bool live = false; // activated: counted in clientJoined/clientLeft, sent pictures
        bool graphics = false; // its graphics pipeline is up: it takes the top-down tiles
        // Its place among the connections logging on (RdpConnectionLimits), until it logs on
        // or ends.
        std::unique_ptr<QObject> pendingSlot;
        std::unique_ptr<QTimer> deadline; // logon, then leaving
    };

    Impl(RdpServer &server, RdpServerConfig serverConfig)
        : self(server),
          config(std::move(serverConfig)),
          passwordSha256(
              QCryptographicHash::hash(config.password.toUtf8(), QCryptographicHash::Sha256)),
          picture(kBlankWidthPx, kBlankHeightPx),
          desktopSize(std::make_shared<std::atomic<uint32_t>>(packedSize(picture)))
    {
        picture.fill(0xFF000000);
        wholeTimer.setSingleShot(true);
        QObject::connect(&wholeTimer, &QTimer::timeout, &self, [this] { sendWhole(); });
        endTimer.setSingleShot(true);
        QObject::connect(&endTimer, &QTimer::timeout, &self, [this] {
            for (auto &[id, client] : clients)
                leave(id, client, QStringLiteral("the host ended the share"));
        });
    }

    ~Impl()
    {
        closeListener();
        // Every client is asked first, so that their goodbyes overlap, and one still logging on
        // (perhaps stuck in its TLS handshake) is cut at once; then each is joined.
        const QString reason = QStringLiteral("the server is closing");
        for (auto &[id, client] : clients) {
            client.connection->queue().end(reason, ERRINFO_RPC_INITIATED_DISCONNECT);
            if (!client.live)
                client.connection->abort(reason);
        }
        clients.clear();
        if (gfxCounters->frames.load() > 0)
            qCInfo(lcRdp) << "RDP graphics pipeline:" << gfxCounters->frames.load()
                          << "frames sent," << gfxCounters->avc420Commands.load()
                          << "of the host's video pictures passed through as AVC420";
    }

    bool listen(QString *error);
    void closeListener();
    static BOOL onPeerAccepted(freerdp_listener *listener, freerdp_peer *peer);
    bool accept(freerdp_peer *peer);
    int liveCount() const;
    bool loggedOn(int id);
    void connectClient(int id, RdpClientConnection *connection);
    void activated(int id, const RdpClientInfo &info);
    void finished(int id, const QString &reason);
    void leave(int id, Client &client, const QString &reason);
    void setPicture(const Frame &newPicture, const PictureChange &change);
    void needsWhole(int id);
    void sendWhole();
    RdpPictureEncoder::Variants variants() const;
    void addVideo(const RdpVideoFrame &frame, const FrameView &shown);
    std::vector<RdpVideoFramePtr> takeVideo(const Region &changed);
    template <typename Function> void forLive(Function &&function)
    {
        for (auto &[id, client] : clients) {
            if (client.live)
                function(id, client);
        }
    }

    RdpServer &self;
    const RdpServerConfig config;
    const QByteArray passwordSha256;
    RdpConnectionLimits limits{config.limits};

    freerdp_listener *listener = nullptr;
    int listenSocket = -1;
    quint16 port = 0;
    std::unique_ptr<QSocketNotifier> notifier;
    std::map<int, Client> clients;
    int nextClientId = 1;

    Frame picture; // what every client sees now
    std::shared_ptr<std::atomic<uint32_t>> desktopSize; // picture's, for clients connecting
    RdpPictureEncoder encoder;
    RdpPictureUpdatePtr whole; // picture encoded whole, until it changes
    RdpPictureEncoder::Variants wholeVariants;
    std::set<int> wantWhole; // live clients to send it to, at the next sendWhole()
    QTimer wholeTimer;

    RdpPointer pointer;
    RdpPointerLookPtr pointerLook;
    bool pointerPositionKnown = false;

    bool ended = false;
    QTimer endTimer;

    // The host's video pictures since the last picture update, passed to its graphics
    // pipeline clients with it; after too many without one, none until the next key frame.
    std::vector<RdpVideoFramePtr> pendingVideo;
    qsizetype pendingVideoBytes = 0;
    Frame pendingVideoPixels; // the last one's, as the gateway's viewer decoded it
    Rect videoRect; // the last one's region, until something else is drawn there
    bool videoInterrupted = false;
    std::shared_ptr<RdpGfxCounters> gfxCounters = std::make_shared<RdpGfxCounters>();
};

bool RdpServer::Impl::listen(QString *error)
{
    if (listener) {
        if (error)
            *error = QStringLiteral("the RDP server is listening already");
        return false;
    }
    if (config.password.isEmpty() || config.certificatePem.isEmpty() ||
        config.privateKeyPem.isEmpty()) {
        if (error)
            *error = QStringLiteral("the RDP server needs a password, a certificate and its key");
        return false;
    }
    routeFreeRdpLogging();
    winpr_InitializeSSL(WINPR_SSL_INIT_DEFAULT);
    listenSocket = openListeningSocket(config.bindAddress, config.port, error);
    if (listenSocket < 0)
        return false;
    listener = freerdp_listener_new();
    if (!listener || !listener->OpenFromSocket(listener, listenSocket)) {
        if (error)
            *error = QStringLiteral("FreeRDP could not take the listening socket");
        closeListener();
        return false;
    }
    listener->info = this;
    listener->PeerAccepted = onPeerAccepted;
    port = localPort(listenSocket);
    notifier = std::make_unique<QSocketNotifier>(listenSocket, QSocketNotifier::Read);
    QObject::connect(notifier.get(), &QSocketNotifier::activated, &self, [this] {
        // One accept per call; the notifier fires again while more connections wait.
        if (!listener->CheckFileDescriptor(listener))
            qCWarning(lcRdp) << "RDP listener: accepting a connection failed";
    });
    qCInfo(lcRdp).noquote() << "RDP server listening on"
                            << (config.bindAddress == QHostAddress::Any
                                    ? QStringLiteral("every address")
                                    : config.bindAddress.toString())
                            << "port" << port;
    return true;
}

void RdpServer::Impl::closeListener()
{
    notifier.reset();
    if (listener) {
        listener->Close(listener); // closes the listening socket
        freerdp_listener_free(listener);
        listener = nullptr;
    } else if (listenSocket >= 0) {
        ::close(listenSocket);
    }
    listenSocket = -1;
}

BOOL RdpServer::Impl::onPeerAccepted(freerdp_listener *listener, freerdp_peer *peer)
{
    auto *impl = static_cast<Impl *>(listener->info);
    // FALSE: the listener closes it.
    if (impl->ended || impl->liveCount() >= impl->config.maxClients) {
        impl->limits.refused(peerAddress(peer->hostname), protocol::CloseReason::HostBusy,
                             impl->ended ? QStringLiteral("the share has ended")
                                         : QStringLiteral("the server has its most clients"));
        return FALSE;
    }
    return impl->accept(peer) ? TRUE : FALSE;
}

int RdpServer::Impl::liveCount() const
{
    return int(std::count_if(clients.begin(), clients.end(),
                             [](const auto &entry) { return entry.second.live; }));
}

bool RdpServer::Impl::accept(freerdp_peer *peer)
{
    const QHostAddress address = peerAddress(peer->hostname);
    auto pendingSlot = std::make_unique<QObject>();
    if (!limits.admit(pendingSlot.get(), address))
        return false;
    const int id = nextClientId++;
    RdpClientConnection::Setup setup;
    setup.clientId = id;
    setup.address = address;
    setup.passwordSha256 = passwordSha256;
    setup.certificatePem = config.certificatePem;
    setup.privateKeyPem = config.privateKeyPem;
    setup.desktopSize = desktopSize;
    setup.gfxCounters = gfxCounters;
    Client &client = clients[id];
    client.address = setup.address;
    client.pendingSlot = std::move(pendingSlot);
    client.connection = std::make_unique<RdpClientConnection>(peer, std::move(setup));
    if (pointerLook)
        client.connection->queue().setPointerLook(pointerLook);
    if (pointerPositionKnown)
        client.connection->queue().setPointerPosition({pointer.x, pointer.y});
    client.deadline = std::make_unique<QTimer>();
    client.deadline->setSingleShot(true);
    QObject::connect(client.deadline.get(), &QTimer::timeout, &self, [this, id] {
        const auto found = clients.find(id);
        if (found != clients.end() && !found->second.live)
            found->second.connection->abort(QStringLiteral("it did not log on in time"));
    });
    client.deadline->start(config.limits.logonTimeout);
    connectClient(id, client.connection.get());
    client.connection->start();
    qCDebug(lcRdp).noquote() << "RDP client" << id << "connecting from"
                             << client.address.toString();
    return true;
}

bool RdpServer::Impl::loggedOn(int id)
{
    const auto found = clients.find(id);
    if (found == clients.end())
        return false;
    Client &client = found->second;
    if (!client.pendingSlot)
        return true; // a re-activation
    limits.loggedOn(client.pendingSlot.get(), client.address);
    client.pendingSlot.reset();
    // Connections logging on are counted apart from live clients: the places may have been
    // taken meanwhile by those that logged on first.
    if (liveCount() < config.maxClients)
        return true;
    client.deadline->stop();
    leave(id, client, QStringLiteral("the server has its most clients"));
    return false;
}

void RdpServer::Impl::connectClient(int id, RdpClientConnection *connection)
{
    // Queued: each is emitted on the client's thread, handled here on the server's.
    const auto queued = Qt::QueuedConnection;
    QObject::connect(
        connection, &RdpClientConnection::activated, &self,
        [this, id](const RdpClientInfo &info) {
            if (loggedOn(id))
                activated(id, info);
        },
        queued);
    QObject::connect(
        connection, &RdpClientConnection::refreshRequested, &self, [this, id] { needsWhole(id); },
        queued);
    QObject::connect(
        connection, &RdpClientConnection::graphicsPipelineChanged, &self,
        [this, id](bool inUse) {
            const auto found = clients.find(id);
            if (found == clients.end())
                return;
            found->second.graphics = inUse;
            needsWhole(id);
        },
        queued);
    QObject::connect(
        connection, &RdpClientConnection::passwordRefused, &self,
        [this, address = connection->address()] { limits.wrongPassword(address); }, queued);
    QObject::connect(
        connection, &RdpClientConnection::finished, &self,
        [this, id](const QString &reason) { finished(id, reason); }, queued);
    QObject::connect(
        connection, &RdpClientConnection::keyInput, &self,
        [this, connection, id](const KeyInput &key) {
            connection->inputHandled();
            emit self.keyInput(id, key);
        },
        queued);
    QObject::connect(
        connection, &RdpClientConnection::textInput, &self,
        [this, connection, id](const QString &text) {
            connection->inputHandled();
            emit self.textInput(id, text);
        },
        queued);
    QObject::connect(
        connection, &RdpClientConnection::pointerInput, &self,
        [this, connection, id](const PointerInput &input) {
            connection->inputHandled();
            emit self.pointerInput(id, input);
        },
        queued);
}

void RdpServer::Impl::activated(int id, const RdpClientInfo &info)
{
    const auto found = clients.find(id);
    if (found == clients.end())
        return;
    Client &client = found->second;
    // A re-activation confirms the client's capabilities again.
    client.info.drawsCopies = info.drawsCopies;
    if (!client.live) {
        client.live = true;
        client.info = info;
        client.deadline->stop();
        qCInfo(lcRdp).noquote() << "RDP client" << id << "joined:" << info.name << "from"
                                << info.address.toString();
        emit self.clientJoined(info);
    }
    needsWhole(id);
}

void RdpServer::Impl::finished(int id, const QString &reason)
{
    const auto found = clients.find(id);
    if (found == clients.end())
        return;
    const bool wasLive = found->second.live;
    if (found->second.pendingSlot)
        limits.ended(found->second.pendingSlot.get());
    qCInfo(lcRdp).noquote() << "RDP client" << id << "from" << found->second.address.toString()
                            << "ended:" << reason;
    wantWhole.erase(id);
    // The thread emitted this as its last act: joining it here is immediate.
    clients.erase(found);
    if (wasLive)
        emit self.clientLeft(id, reason);
}

void RdpServer::Impl::leave(int id, Client &client, const QString &reason)
{
    client.connection->queue().end(reason, ERRINFO_RPC_INITIATED_DISCONNECT);
    client.deadline = std::make_unique<QTimer>();
    client.deadline->setSingleShot(true);
    QObject::connect(client.deadline.get(), &QTimer::timeout, &self, [this, id, reason] {
        const auto found = clients.find(id);
        if (found != clients.end())
            found->second.connection->abort(reason);
    });
    client.deadline->start(kLeaveTimeout);
}

void RdpServer::Impl::setPicture(const Frame &newPicture, const PictureChange &change)
{
    const bool resized =
        newPicture.width() != picture.width() || newPicture.height() != picture.height();
    const Region changed =
        resized ? Region(newPicture.rect()) : change.damage().intersected(newPicture.rect());
    if (resized) {
        picture = newPicture;
        desktopSize->store(packedSize(picture));
        // Video of the old size: every client's stream starts again at its next key frame.
        pendingVideo.clear();
        pendingVideoBytes = 0;
        videoRect = {};
    } else {
        for (const Rect &rect : changed.rects())
            picture.mutableView().copyFrom(newPicture.view().subView(rect), rect.x, rect.y);
    }
    if (changed.isEmpty())
        return;
    whole.reset();
    bool anyLive = false;
    forLive([&](int, Client &) { anyLive = true; });
    if (!anyLive)
        return;
    // The host's video pictures that made this change, for the graphics pipeline's clients.
    const std::vector<RdpVideoFramePtr> video = takeVideo(changed);
    const auto encode = [&](auto &&what) {
        auto encoded = encoder.encode(picture, what, variants());
        encoded->video = video;
        return encoded;
    };
    RdpPictureUpdatePtr update;
    // For clients that do not draw copies: tiles of everything the copies changed too, made
    // once when the first of them needs it.
    RdpPictureUpdatePtr withoutCopies;
    if (resized) {
        // Tiles would be dropped: each client re-activates at the new size first, then asks
        // for the whole picture (RdpClientConnection).
        auto resize = std::make_shared<RdpPictureUpdate>();
        resize->desktopWidth = picture.width();
        resize->desktopHeight = picture.height();
        update = std::move(resize);
        withoutCopies = update;
    } else {
        update = encode(change);
        if (update->copies.empty())
            withoutCopies = update;
    }
    forLive([&](int id, Client &client) {
        if (!client.info.drawsCopies && !withoutCopies)
            withoutCopies = encode(changed);
        const RdpPictureUpdatePtr &own = client.info.drawsCopies ? update : withoutCopies;
        if (own->tiles.empty() && own->copies.empty() && own->video.empty() && !resized)
            return;
        if (!client.connection->queue().pushPicture(own)) {
            qCInfo(lcRdp) << "RDP client" << id
                          << "fell behind: its queued updates are dropped for the whole picture";
            wantWhole.insert(id);
        }
    });
    sendWhole();
}

void RdpServer::Impl::needsWhole(int id)
{
    wantWhole.insert(id);
    // A moment later, so that clients asking together share one encoding.
    if (!wholeTimer.isActive())
        wholeTimer.start(0);
}

void RdpServer::Impl::sendWhole()
{
    if (wantWhole.empty())
        return;
    if (!whole || wholeVariants != variants()) {
        wholeVariants = variants();
        whole = encoder.encodeWhole(picture, wholeVariants);
    }
    for (const int id : std::exchange(wantWhole, {})) {
        const auto found = clients.find(id);
        if (found != clients.end() && found->second.live)
            found->second.connection->queue().replacePictures(whole);
    }
}

RdpPictureEncoder::Variants RdpServer::Impl::variants() const
{
    // Each row order only while some client takes it.
    RdpPictureEncoder::Variants needed{false, false};
    for (const auto &[id, client] : clients) {
        if (client.live)
            (client.graphics ? needed.topDown : needed.bottomUp) = true;
    }
    return needed;
}

std::vector<RdpVideoFramePtr> RdpServer::Impl::takeVideo(const Region &changed)
{
    std::vector<RdpVideoFramePtr> video = std::exchange(pendingVideo, {});
    pendingVideoBytes = 0;
    if (video.empty()) {
        // Drawn into without video: the stream ended or paused there.
        if (videoRect.isEmpty() || !changed.intersects(videoRect))
            return video;
        auto drawnInto = std::make_shared<RdpVideoFrame>();
        drawnInto->rect = std::exchange(videoRect, {});
        drawnInto->shown = false;
        return {std::move(drawnInto)};
    }
    // Drawn over before it was presented (frames presented together): not shown.
    const Rect rect = video.back()->rect;
    bool shown = picture.rect().contains(rect);
    for (int32_t y = 0; shown && y < rect.height; ++y) {
        const auto row = picture.view().subView(rect).row(y);
        const auto decoded = pendingVideoPixels.view().row(y);
        shown = std::equal(row.begin(), row.end(), decoded.begin(), decoded.end());
    }
    if (!shown) {
        for (RdpVideoFramePtr &frame : video) {
            auto hidden = std::make_shared<RdpVideoFrame>(*frame);
            hidden->shown = false;
            frame = std::move(hidden);
        }
    }
    return video;
}

void RdpServer::Impl::addVideo(const RdpVideoFrame &frame, const FrameView &shown)
{
    // The host ends each of its frames with a picture update that carries these; past this
    // bound without one they are dropped, and a gap means none until the next key frame.
    constexpr std::size_t kMaxPendingVideo = 64;
    constexpr qsizetype kMaxPendingVideoBytes = qsizetype{16} * 1024 * 1024;
    if (videoInterrupted && !frame.keyFrame)
        return;
    if (pendingVideo.size() >= kMaxPendingVideo ||
        pendingVideoBytes + frame.annexB.size() > kMaxPendingVideoBytes) {
        pendingVideo.clear();
        pendingVideoBytes = 0;
        videoInterrupted = !frame.keyFrame;
        if (videoInterrupted)
            return;
    }
    videoInterrupted = false;
    pendingVideoBytes += frame.annexB.size();
    pendingVideo.push_back(std::make_shared<const RdpVideoFrame>(frame));
    pendingVideoPixels = Frame::copyOf(shown);
    videoRect = frame.rect;
}

RdpServer::RdpServer(RdpServerConfig config, QObject *parent)
    : QObject(parent), impl_(std::make_unique<Impl>(*this, std::move(config)))
{
}

RdpServer::~RdpServer() = default;

bool RdpServer::listen(QString *error)
{
    return impl_->listen(error);
}

quint16 RdpServer::port() const
{
    return impl_->port;
}

int RdpServer::clientCount() const
{
    int count = 0;
    for (const auto &[id, client] : impl_->clients)
        count += client.live ? 1 : 0;
    return count;
}

void RdpServer::publish(const Frame &picture, const PictureChange &change)
{
    // After endAll() the end message stays up.
    if (picture.isNull() || impl_->ended)
        return;
    impl_->setPicture(picture, change);
}

void RdpServer::publish(const Frame &picture, const Region &damage)
{
    publish(picture, PictureChange{{}, damage});
}

void RdpServer::publishVideo(const RdpVideoFrame &frame, const FrameView &shown)
{
    Impl &impl = *impl_;
    const bool anyGraphics = std::any_of(impl.clients.begin(), impl.clients.end(),
                                         [](const auto &entry) { return entry.second.graphics; });
    if (!impl.ended && anyGraphics)
        impl.addVideo(frame, shown);
}

int64_t RdpServer::graphicsFrameCount() const
{
    return impl_->gfxCounters->frames.load();
}

int64_t RdpServer::avc420CommandCount() const
{
    return impl_->gfxCounters->avc420Commands.load();
}

void RdpServer::setPointer(const RdpPointer &pointer)
{
    Impl &impl = *impl_;
    const bool lookChanged = !impl.pointerLook || pointer.visible != impl.pointer.visible ||
        pointer.hotX != impl.pointer.hotX || pointer.hotY != impl.pointer.hotY ||
        !(pointer.image == impl.pointer.image);
    const bool positionChanged =
        !impl.pointerPositionKnown || pointer.x != impl.pointer.x || pointer.y != impl.pointer.y;
    impl.pointer = pointer;
    if (lookChanged) {
        // Made once, for every client.
        auto look = std::make_shared<RdpPointerLook>();
        look->visible = pointer.visible;
        if (pointer.visible && !pointer.image.isNull()) {
            look->shape = RdpPointerShape::fromImage(pointer.image, pointer.hotX, pointer.hotY);
            if (look->shape.needsLargePointer())
                look->small = RdpPointerShape::fromImage(pointer.image, pointer.hotX, pointer.hotY,
                                                         RdpPointerShape::kMaxSizePx);
        }
        impl.pointerLook = std::move(look);
    }
    impl.pointerPositionKnown = true;
    for (auto &[id, client] : impl.clients) {
        if (lookChanged)
            client.connection->queue().setPointerLook(impl.pointerLook);
        if (positionChanged)
            client.connection->queue().setPointerPosition({pointer.x, pointer.y});
    }
}

void RdpServer::disconnect(int clientId, const QString &reason)
{
    const auto found = impl_->clients.find(clientId);
    if (found != impl_->clients.end())
        impl_->leave(clientId, found->second, reason);
}

void RdpServer::endAll(const QString &message)
{
    Impl &impl = *impl_;
    if (impl.ended)
        return;
    impl.ended = true;
    impl.closeListener();
    const QString text = message.isEmpty() ? QStringLiteral("The host ended the share") : message;
    impl.picture = RdpEndMessage::paint(impl.picture, text);
    impl.whole.reset();
    impl.forLive([&](int id, Impl::Client &) { impl.wantWhole.insert(id); });
    impl.sendWhole();
    impl.endTimer.start(kEndMessageTime);
    qCInfo(lcRdp).noquote() << "RDP server ended:" << text;
}

} // namespace baton::rdp
