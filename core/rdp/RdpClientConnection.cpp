#include "core/rdp/RdpClientConnection.h"

#include "core/rdp/RdpInputMapper.h"
#include "core/rdp/RdpLogging.h"
#include "core/rdp/RdpUpdateSender.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <freerdp/error.h>
#include <freerdp/freerdp.h>
#include <freerdp/peer.h>
#include <freerdp/settings.h>
#include <freerdp/update.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>
#include <winpr/synch.h>

namespace baton::rdp {
namespace {

using namespace std::chrono_literals;

// How long a client's thread may take to say goodbye (Deactivate All, the error, Disconnect
// Provider Ultimatum) before its socket is cut, and how long it waits for that to be sent.
constexpr auto kEndGrace = 2s;
constexpr DWORD kFlushOnCloseMs = 1000;
// How many of a client's own latest pointer positions are not sent back to it.
constexpr std::size_t kOwnPositions = 64;

bool sameHash(const QByteArray &a, const QByteArray &b)
{
    // Constant time: how much of a guess matched must not show in how long the answer takes.
    return a.size() == b.size() &&
        CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace

// The client's side of the thread: the FreeRDP peer, its callbacks and the loop. Lives and
// dies on the client's thread.
class RdpClientConnection::Session {
public:
    Session(RdpClientConnection &owner, freerdp_peer *peer) : owner_(owner), peer_(peer) { }
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    bool start();
    QString loop();

private:
    struct Context {
        rdpContext base; // first: FreeRDP allocates ContextSize bytes and uses them as this
        Session *session;
    };
    struct Failure {
        QString reason;
        bool polite = false; // the connection is sound: say goodbye before closing it
        uint32_t errorInfo = 0;
    };

    static Session &of(rdpContext *context)
    {
        return *reinterpret_cast<Context *>(context)->session;
    }
    static Session &of(freerdp_peer *peer) { return of(peer->context); }

    static BOOL onCapabilities(freerdp_peer *peer);
    static BOOL onPostConnect(freerdp_peer *peer);
    static BOOL onActivate(freerdp_peer *peer);
    static BOOL onRefreshRect(rdpContext *context, BYTE count, const RECTANGLE_16 *areas);
    static BOOL onSuppressOutput(rdpContext *context, BYTE allow, const RECTANGLE_16 *area);
    static BOOL onKeyboard(rdpInput *input, UINT16 flags, UINT16 code);
    static BOOL onUnicodeKeyboard(rdpInput *input, UINT16 flags, UINT16 code);
    static BOOL onMouse(rdpInput *input, UINT16 flags, UINT16 x, UINT16 y);
    static BOOL onExtendedMouse(rdpInput *input, UINT16 flags, UINT16 x, UINT16 y);

    bool configure();
    void fail(const QString &reason, bool polite = false, uint32_t errorInfo = 0);
    QString end(); // says goodbye if it can, and gives the reason
    bool countInput();
    bool emitPointer(const std::vector<PointerInput> &events);
    bool sendDue();
    bool sent(bool result);
    bool resize(int widthPx, int heightPx);
    void closePolitely(uint32_t errorInfo);
    // The graphics pipeline (RdpGfxChannel): whether pictures go through it (or wait for it),
    // its channels' work after each read, and a picture sent as its frame.
    bool usesGraphics() const { return gfx_ && gfx_->state() != RdpGfxChannel::State::Unavailable; }
    bool pollGraphics();
    bool sendGraphics(const RdpPictureUpdate &update);

    RdpClientConnection &owner_;
    freerdp_peer *peer_;
    bool contextMade_ = false;
    HANDLE writable_ = nullptr; // the socket can take more: waited for while the peer is blocked
    RdpInputMapper mapper_;
    RdpUpdateSender sender_{peer_};
    bool capabilitiesSent_ = false; // the connection sequence reached the Demand Active
    bool joined_ = false; // activated once: the password was right
    bool activated_ = false; // active now (not between a Desktop Resize and its reactivation)
    bool suppressed_ = false; // the client asked for no output (minimised)
    // It drew the whole picture since it was last activated or missed an update: the copies
    // of the updates that follow are made for the picture it has.
    bool inSync_ = false;
    RdpPointerLookPtr look_; // the latest, sent again after every activation
    bool lookDue_ = false;
    std::optional<QPoint> position_;
    bool positionDue_ = false;
    // Where this client's own mouse went lately: the host's pointer echoes those positions a
    // moment later, and sending them back would pull its pointer back along its own path.
    std::deque<QPoint> ownPositions_;
    std::optional<Failure> failure_;
    std::unique_ptr<RdpGfxChannel> gfx_;
};

RdpClientConnection::Session::~Session()
{
    {
        // From here on the socket may close and its number be reused: abort() must not touch it.
        const std::lock_guard lock(owner_.mutex_);
        owner_.socket_ = -1;
    }
    if (writable_)
        CloseHandle(writable_);
    gfx_.reset(); // its channels belong to the peer's context
    if (contextMade_) {
        peer_->Disconnect(peer_); // closes the socket
        freerdp_peer_context_free(peer_);
    } else {
        ::close(peer_->sockfd);
    }
    freerdp_peer_free(peer_);
}

bool RdpClientConnection::Session::start()
{
    peer_->ContextSize = sizeof(Context);
    if (!freerdp_peer_context_new(peer_)) {
        fail(QStringLiteral("FreeRDP could not set up its connection"));
        return false;
    }
    contextMade_ = true;
    reinterpret_cast<Context *>(peer_->context)->session = this;
    gfx_ = std::make_unique<RdpGfxChannel>(peer_, owner_.setup_.gfxCounters);
    if (!gfx_->isValid()) {
        fail(QStringLiteral("FreeRDP could not set up its virtual channels"));
        return false;
    }
    writable_ = CreateFileDescriptorEvent(nullptr, TRUE, FALSE, peer_->sockfd, WINPR_FD_WRITE);
    if (!writable_ || !configure() || !peer_->Initialize(peer_)) {
        fail(QStringLiteral("FreeRDP could not set up its connection"));
        return false;
    }
    return true;
}

bool RdpClientConnection::Session::configure()
{
    rdpSettings *settings = peer_->settings;
    // TLS only: FreeRDP's server NLA needs a SAM file of NT hashes, and standard RDP security
    // is RC4 with a key the server signs itself.
    settings->RdpSecurity = FALSE;
    settings->TlsSecurity = TRUE;
    settings->NlaSecurity = FALSE;
    if (!freerdp_settings_set_string(settings, FreeRDP_CertificateContent,
                                     owner_.setup_.certificatePem.constData()) ||
        !freerdp_settings_set_string(settings, FreeRDP_PrivateKeyContent,
                                     owner_.setup_.privateKeyPem.constData()))
        return false;
    settings->ColorDepth = 32;
    settings->RefreshRect = TRUE;
    settings->SuppressOutput = TRUE;
    settings->DesktopResize = TRUE; // cleared when the client's Bitmap capability lacks it
    // No RemoteFX: the client's MultifragMaxRequestSize is then taken as it comes.
    settings->RemoteFxCodec = FALSE;
    settings->NSCodec = FALSE;
    settings->SupportGraphicsPipeline = TRUE; // cleared when the client does not announce it
    settings->LargePointerFlag = RdpUpdateSender::largePointerFlags();

    peer_->Capabilities = onCapabilities;
    peer_->PostConnect = onPostConnect;
    peer_->Activate = onActivate;
    peer_->update->RefreshRect = onRefreshRect;
    peer_->update->SuppressOutput = onSuppressOutput;
    peer_->input->KeyboardEvent = onKeyboard;
    peer_->input->UnicodeKeyboardEvent = onUnicodeKeyboard;
    peer_->input->MouseEvent = onMouse;
    peer_->input->ExtendedMouseEvent = onExtendedMouse;
    return true;
}

QString RdpClientConnection::Session::loop()
{
    for (;;) {
        HANDLE handles[MAXIMUM_WAIT_OBJECTS];
        DWORD count = peer_->GetEventHandles(peer_, handles, MAXIMUM_WAIT_OBJECTS - 4);
        if (count == 0)
            return QStringLiteral("FreeRDP gave no event handles for its connection");
        handles[count++] = owner_.queue_.endEvent();
        count += gfx_->addEventHandles(&handles[count], MAXIMUM_WAIT_OBJECTS - 1 - count);
        // While its socket takes nothing more, or its graphics pipeline has frames enough
        // unacknowledged, pictures stay queued (where the queue's bound applies) instead of
        // piling up in FreeRDP's output buffer.
        if (peer_->IsWriteBlocked(peer_))
            handles[count++] = writable_;
        else if (usesGraphics() && gfx_->throttled())
            handles[count++] = gfx_->ackEvent();
        else
            handles[count++] = owner_.queue_.wakeEvent();
        if (WaitForMultipleObjects(count, handles, FALSE, INFINITE) == WAIT_FAILED)
            return QStringLiteral("waiting for its socket failed");

        if (const auto request = owner_.queue_.takeEnd()) {
            fail(request->reason, true, request->errorInfo);
            return end();
        }
        if (!peer_->CheckFileDescriptor(peer_)) {
            if (!failure_) {
                fail(joined_ ? QStringLiteral("it closed the connection or broke the protocol")
                             : QStringLiteral("the connection ended before it logged on (not "
                                              "RDP, TLS failed, or it closed)"));
            }
            return end();
        }
        if (!pollGraphics())
            return end();
        if (peer_->IsWriteBlocked(peer_) && peer_->DrainOutputBuffer(peer_) < 0) {
            fail(QStringLiteral("writing to it failed"));
            return end();
        }
        if (failure_ || !sendDue())
            return end();
    }
}

void RdpClientConnection::Session::fail(const QString &reason, bool polite, uint32_t errorInfo)
{
    if (!failure_)
        failure_ = Failure{reason, polite, errorInfo};
}

QString RdpClientConnection::Session::end()
{
    if (failure_->polite)
        closePolitely(failure_->errorInfo);
    return failure_->reason;
}

void RdpClientConnection::Session::closePolitely(uint32_t errorInfo)
{
    // Before the Demand Active the client expects nothing of this kind: just close.
    if (!capabilitiesSent_)
        return;
    if (errorInfo != 0)
        freerdp_set_error_info(peer_->context->rdp, errorInfo);
    if (!peer_->Close(peer_))
        return;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kFlushOnCloseMs);
    while (peer_->IsWriteBlocked(peer_)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 ||
            WaitForSingleObject(writable_, DWORD(left.count())) != WAIT_OBJECT_0 ||
            peer_->DrainOutputBuffer(peer_) < 0)
            return;
    }
}

BOOL RdpClientConnection::Session::onCapabilities(freerdp_peer *peer)
{
    Session &session = of(peer);
    // The client asked for a desktop of its own size; it gets the picture's.
    const uint32_t size = session.owner_.setup_.desktopSize->load();
    peer->settings->DesktopWidth = size >> 16;
    peer->settings->DesktopHeight = size & 0xFFFF;
    peer->settings->ColorDepth = 32;
    session.mapper_.setDesktopSize(int(size >> 16), int(size & 0xFFFF));
    session.capabilitiesSent_ = true;
    return TRUE;
}

BOOL RdpClientConnection::Session::onPostConnect(freerdp_peer *peer)
{
    Session &session = of(peer);
    char *password = peer->settings->Password;
    const QByteArray given =
        QCryptographicHash::hash(QByteArray(password ? password : ""), QCryptographicHash::Sha256);
    // Not kept in memory longer than needed.
    if (password)
        std::memset(password, 0, std::strlen(password));
    if (!sameHash(given, session.owner_.setup_.passwordSha256)) {
        emit session.owner_.passwordRefused();
        session.fail(QStringLiteral("wrong password"), true,
                     ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES);
        return FALSE;
    }
    return TRUE;
}

BOOL RdpClientConnection::Session::onActivate(freerdp_peer *peer)
{
    Session &session = of(peer);
    rdpSettings *settings = peer->settings;
    session.joined_ = true;
    session.activated_ = true;
    session.suppressed_ = false;
    session.inSync_ = false; // the server sends the whole picture next
    session.mapper_.setDesktopSize(int(settings->DesktopWidth), int(settings->DesktopHeight));
    session.lookDue_ = session.look_ != nullptr;
    session.positionDue_ = session.position_.has_value();
    RdpClientInfo info;
    info.clientId = session.owner_.setup_.clientId;
    info.name = QString::fromUtf8(settings->ClientHostname ? settings->ClientHostname : "");
    info.address = session.owner_.setup_.address;
    info.drawsCopies = settings->OrderSupport[NEG_SCRBLT_INDEX];
    emit session.owner_.activated(info);
    return TRUE;
}

BOOL RdpClientConnection::Session::onRefreshRect(rdpContext *context, BYTE, const RECTANGLE_16 *)
{
    Session &session = of(context);
    // The whole picture rather than the areas: it is encoded once for everyone who asks.
    if (session.joined_)
        emit session.owner_.refreshRequested();
    return TRUE;
}

BOOL RdpClientConnection::Session::onSuppressOutput(rdpContext *context, BYTE allow,
                                                    const RECTANGLE_16 *)
{
    Session &session = of(context);
    const bool wasSuppressed = std::exchange(session.suppressed_, allow == 0);
    if (wasSuppressed && allow && session.joined_)
        emit session.owner_.refreshRequested();
    return TRUE;
}

bool RdpClientConnection::Session::countInput()
{
    const int pending = owner_.pendingInput_.fetch_add(1, std::memory_order_relaxed) + 1;
    if (pending <= kMaxPendingInput)
        return true;
    owner_.pendingInput_.fetch_sub(1, std::memory_order_relaxed);
    fail(QStringLiteral("it sent input faster than it could be handled"));
    return false;
}

BOOL RdpClientConnection::Session::onKeyboard(rdpInput *input, UINT16 flags, UINT16 code)
{
    Session &session = of(input->context);
    const std::optional<KeyInput> key = RdpInputMapper::key(flags, code);
    if (!session.joined_ || !key)
        return TRUE;
    if (!session.countInput())
        return FALSE;
    emit session.owner_.keyInput(*key);
    return TRUE;
}

BOOL RdpClientConnection::Session::onUnicodeKeyboard(rdpInput *input, UINT16 flags, UINT16 code)
{
    Session &session = of(input->context);
    const QString text = session.mapper_.unicode(flags, code);
    if (!session.joined_ || text.isEmpty())
        return TRUE;
    if (!session.countInput())
        return FALSE;
    emit session.owner_.textInput(text);
    return TRUE;
}

BOOL RdpClientConnection::Session::onMouse(rdpInput *input, UINT16 flags, UINT16 x, UINT16 y)
{
    Session &session = of(input->context);
    if (!session.joined_)
        return TRUE;
    return session.emitPointer(session.mapper_.mouse(flags, x, y));
}

BOOL RdpClientConnection::Session::onExtendedMouse(rdpInput *input, UINT16 flags, UINT16 x,
                                                   UINT16 y)
{
    Session &session = of(input->context);
    if (!session.joined_)
        return TRUE;
    return session.emitPointer(session.mapper_.extendedMouse(flags, x, y));
}

bool RdpClientConnection::Session::emitPointer(const std::vector<PointerInput> &events)
{
    for (const PointerInput &event : events) {
        if (!countInput())
            return false;
        if (event.type == PointerInput::Type::Move) {
            ownPositions_.push_back(event.position);
            if (ownPositions_.size() > kOwnPositions)
                ownPositions_.pop_front();
        }
        emit owner_.pointerInput(event);
    }
    return true;
}

bool RdpClientConnection::Session::sendDue()
{
    RdpClientQueue &queue = owner_.queue_;
    if (RdpPointerLookPtr look = queue.takePointerLook()) {
        look_ = std::move(look);
        lookDue_ = true;
    }
    if (const std::optional<QPoint> position = queue.takePointerPosition()) {
        position_ = position;
        positionDue_ = true;
    }
    if (activated_ && lookDue_) {
        lookDue_ = false;
        if (!sent(sender_.sendPointerLook(*look_)))
            return false;
    }
    if (activated_ && positionDue_) {
        positionDue_ = false;
        const bool own = std::find(ownPositions_.begin(), ownPositions_.end(), *position_) !=
            ownPositions_.end();
        if (!own && !sent(sender_.sendPointerPosition(*position_)))
            return false;
    }
    while (!peer_->IsWriteBlocked(peer_) && !(usesGraphics() && gfx_->throttled())) {
        const RdpPictureUpdatePtr update = queue.takePicture();
        if (!update)
            break;
        // Not active yet (the server sends the whole picture once it is), re-activating at a
        // new size (it asks for the whole picture again then), or minimised (likewise when
        // it comes back): what changed meanwhile is not needed.
        if (!activated_ || suppressed_) {
            inSync_ = false;
            continue;
        }
        if (usesGraphics()) {
            if (!sendGraphics(*update))
                return false;
            continue;
        }
        const rdpSettings *settings = peer_->settings;
        if (uint32_t(update->desktopWidth) != settings->DesktopWidth ||
            uint32_t(update->desktopHeight) != settings->DesktopHeight) {
            if (!resize(update->desktopWidth, update->desktopHeight))
                return false;
            continue;
        }
        // Until that whole picture, updates would move pixels the client does not have.
        if (!inSync_ && !update->whole)
            continue;
        // Encoded for graphics pipelines alone, before the server knew this client takes
        // Bitmap Updates: the whole picture follows.
        if (update->bottomUp && !sent(sender_.sendPicture(*update)))
            return false;
        inSync_ = true;
    }
    queue.rearm();
    return true;
}

bool RdpClientConnection::Session::pollGraphics()
{
    if (!gfx_->poll()) {
        fail(gfx_->error());
        return false;
    }
    if (gfx_->takeStateChange()) {
        inSync_ = false; // the whole picture follows, in the other form
        emit owner_.graphicsPipelineChanged(gfx_->state() == RdpGfxChannel::State::Ready);
    }
    return true;
}

bool RdpClientConnection::Session::sendGraphics(const RdpPictureUpdate &update)
{
    // Not ready yet: the whole picture follows once it is.
    if (gfx_->state() != RdpGfxChannel::State::Ready) {
        inSync_ = false;
        return true;
    }
    if (update.desktopWidth != gfx_->surfaceWidth() ||
        update.desktopHeight != gfx_->surfaceHeight()) {
        rdpSettings *settings = peer_->settings;
        settings->DesktopWidth = uint32_t(update.desktopWidth);
        settings->DesktopHeight = uint32_t(update.desktopHeight);
        mapper_.setDesktopSize(update.desktopWidth, update.desktopHeight);
        if (!gfx_->resize(update.desktopWidth, update.desktopHeight)) {
            fail(gfx_->error());
            return false;
        }
        inSync_ = false;
        emit owner_.refreshRequested();
        return true;
    }
    // Until the whole picture on the new surface, copies would move pixels it does not have.
    if (!inSync_ && !update.whole)
        return true;
    if (!gfx_->sendPicture(update)) {
        fail(gfx_->error());
        return false;
    }
    inSync_ = true;
    if (gfx_->takeWholeNeeded())
        emit owner_.refreshRequested();
    return true;
}

bool RdpClientConnection::Session::sent(bool result)
{
    if (!result) {
        const bool clientLimit = sender_.errorKind() == RdpUpdateSender::Error::ClientLimit;
        fail(sender_.error(), clientLimit);
    }
    return result;
}

bool RdpClientConnection::Session::resize(int widthPx, int heightPx)
{
    rdpSettings *settings = peer_->settings;
    if (!settings->DesktopResize) {
        fail(QStringLiteral("it cannot follow the picture to %1x%2 (no Desktop Resize support)")
                 .arg(widthPx)
                 .arg(heightPx),
             true, ERRINFO_GRAPHICS_MODE_NOT_SUPPORTED);
        return false;
    }
    settings->DesktopWidth = uint32_t(widthPx);
    settings->DesktopHeight = uint32_t(heightPx);
    mapper_.setDesktopSize(widthPx, heightPx);
    activated_ = false;
    // Deactivate All and a new Demand Active: the client comes back through onActivate().
    if (peer_->update->DesktopResize(peer_->context))
        return true;
    fail(QStringLiteral("re-activating it at %1x%2 failed").arg(widthPx).arg(heightPx));
    return false;
}

RdpClientConnection::RdpClientConnection(rdp_freerdp_peer *peer, Setup setup, QObject *parent)
    : QObject(parent), peer_(peer), setup_(std::move(setup)), socket_(peer->sockfd)
{
}

void RdpClientConnection::start()
{
    thread_ = std::thread([this] { run(); });
}

RdpClientConnection::~RdpClientConnection()
{
    queue_.end(QStringLiteral("the server is closing"), ERRINFO_RPC_INITIATED_DISCONNECT);
    {
        std::unique_lock lock(mutex_);
        doneChanged_.wait_for(lock, kEndGrace, [this] { return done_; });
    }
    abort(QStringLiteral("the server is closing"));
    if (thread_.joinable()) {
        thread_.join();
    } else {
        // Never started: the peer is still ours to free.
        Session session(*this, peer_);
    }
}

void RdpClientConnection::abort(const QString &reason)
{
    noteReason(reason);
    const std::lock_guard lock(mutex_);
    // Whatever the thread waits in (a TLS handshake that never ends, a socket that takes
    // nothing) fails once its socket is shut down.
    if (socket_ >= 0)
        ::shutdown(socket_, SHUT_RDWR);
}

void RdpClientConnection::run()
{
    QString reason;
    {
        Session session(*this, peer_);
        reason = session.start() ? session.loop() : QString();
        if (reason.isEmpty())
            reason = QStringLiteral("FreeRDP could not set up its connection");
    }
    noteReason(reason);
    {
        const std::lock_guard lock(mutex_);
        done_ = true;
    }
    doneChanged_.notify_all();
    emit finished(this->reason());
}

void RdpClientConnection::noteReason(const QString &reason)
{
    const std::lock_guard lock(mutex_);
    if (reason_.isEmpty())
        reason_ = reason;
}

QString RdpClientConnection::reason() const
{
    const std::lock_guard lock(mutex_);
    return reason_;
}

} // namespace baton::rdp
