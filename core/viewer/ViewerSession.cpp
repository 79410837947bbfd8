#include "ViewerSession.h"

#include "core/input/InputWire.h"
#include "core/protocol/ActivationPdus.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/GatewayPdus.h"
#include "core/protocol/InputPdus.h"
#include "core/protocol/PointerPdus.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/Utf8.h"
#include "core/protocol/WindowListPdu.h"
#include "core/session/PointerMessages.h"

namespace baton {

using namespace protocol;

namespace {

// Enough for hours of updates at 60 per second; older samples are not kept.
constexpr std::size_t kMaxDelaySamples = 1 << 20;

// What every ViewerSession does, whatever else its owner announces.
net::ViewerOptions withSessionFeatures(net::ViewerOptions options)
{
    options.featureFlags |= HelloPdu::kFeatureFrameAck | HelloPdu::kFeatureFragments |
        HelloPdu::kFeatureFastPath | HelloPdu::kFeatureTileCache;
    return options;
}

} // namespace

ViewerSession::ViewerSession(InviteLink link, net::ViewerOptions options, QObject *parent)
    : ViewerSession(std::move(link), std::move(options), PictureLimit(), parent)
{
}

ViewerSession::ViewerSession(InviteLink link, net::ViewerOptions options, PictureLimit pictureLimit,
                             QObject *parent)
    : QObject(parent),
      connector_(
          new net::ViewerConnector(std::move(link), withSessionFeatures(std::move(options)), this)),
      pictureLimit_(pictureLimit)
{
    connect(connector_, &net::ViewerConnector::joined, this, &ViewerSession::onJoined);
    connect(connector_, &net::ViewerConnector::failed, this, &ViewerSession::finish);
    ackTimer_.setSingleShot(true);
    ackTimer_.setTimerType(Qt::PreciseTimer);
    connect(&ackTimer_, &QTimer::timeout, this, [this] {
        if (const auto ack = ackPacer_.release(clock_.elapsed()))
            sendAck(*ack);
    });
}

ViewerSession::~ViewerSession()
{
    if (connection_) {
        connection_->disconnect(this);
        connection_->close(CloseReason::ViewerLeft);
    }
}

void ViewerSession::start()
{
    clock_.start();
    connector_->start();
}

void ViewerSession::leave()
{
    if (connection_)
        connection_->close(CloseReason::ViewerLeft);
    else
        connector_->cancel();
}

void ViewerSession::onJoined(net::Connection *connection, const WelcomePdu &welcome)
{
    connection_ = connection;
    connection->setParent(this);
    userId_ = welcome.userId;
    hostUserId_ = welcome.hostUserId;
    hostProtocolMinor_ = welcome.versionMinor;
    hostName_ = QString::fromStdString(welcome.hostName);
    connect(connection, &net::Connection::pduReceived, this,
            [this](const Pdu &pdu, const FrameHeader &) { onPdu(pdu); });
    connect(connection, &net::Connection::closed, this, &ViewerSession::onClosed);
    emit joined();
}

void ViewerSession::onPdu(const Pdu &pdu)
{
    const PduBody &body = pdu.body;
    if (const auto *demand = std::get_if<DemandActivePdu>(&body)) {
        activate(*demand);
        return;
    }
    if (std::holds_alternative<DeactivateAllPdu>(body)) {
        active_ = false;
        connection_->setFastPathShareId(0);
        return;
    }
    if (const auto *marker = std::get_if<FrameMarkerPdu>(&body)) {
        if (active_ && pdu.context.shareId == shareId_)
            onFrameMarker(*marker);
        return;
    }
    if (onMemberPdu(body) || onFloorPdu(body))
        return;
    if (roster_.apply(body)) {
        emit rosterChanged();
        return;
    }
    if (const auto *windows = std::get_if<WindowListPdu>(&body)) {
        const bool arranged = windows_.apply(*windows);
        emit windowStateChanged();
        if (arranged)
            emit sharedWindowsChanged();
        return;
    }
    if (std::holds_alternative<PointerSystemPdu>(body) ||
        std::holds_alternative<PointerPositionPdu>(body) ||
        std::holds_alternative<PointerNewPdu>(body)) {
        onPointer(body);
        return;
    }
    // Updates of an earlier share generation (before a resize) are stale: dropped.
    if (!active_ || pdu.context.shareId != shareId_)
        return;
    const uint32_t loneFrameId = selfContainedFrameId(body);
    const bool selfContained = loneFrameId != 0 && !inFrame_;
    if (selfContained)
        frameBeganMs_ = double(clock_.nsecsElapsed()) / 1e6;
    QString error;
    if (applier_.apply(body, &error) == UpdateApplier::Outcome::Failed) {
        failProtocol(error);
        return;
    }
    if (const auto *video = std::get_if<VideoRegionUpdatePdu>(&body);
        video && applier_.hasVideoRegion(video->regionId))
        emit videoRegionApplied(*video);
    if (selfContained)
        present(loneFrameId);
}

// A TileUpdate or TileCacheHits outside Begin/End with a frame id is a whole picture by
// itself (docs/protocol.md §16.2): the id it is presented and acknowledged as, else 0.
uint32_t ViewerSession::selfContainedFrameId(const PduBody &body)
{
    if (const auto *tiles = std::get_if<TileUpdatePdu>(&body))
        return tiles->frameId;
    if (const auto *hits = std::get_if<TileCacheHitsPdu>(&body))
        return hits->frameId;
    return 0;
}

void ViewerSession::activate(const DemandActivePdu &demand)
{
    const DemandedWindow window = DemandedWindow::of(demand, pictureLimit_);
    if (window.verdict == DemandedWindow::Verdict::NoSize) {
        failProtocol(QStringLiteral("the share was activated without a window size"));
        return;
    }
    if (window.verdict == DemandedWindow::Verdict::TooLarge) {
        refuseWindow(window);
        return;
    }
    const baton::Frame &picture = applier_.framebuffer();
    if (picture.width() != window.widthPx || picture.height() != window.heightPx) {
        QString error;
        if (!applier_.resize(window.widthPx, window.heightPx, &error)) {
            failProtocol(error);
            return;
        }
        emit resized(window.widthPx, window.heightPx);
    }
    if (windows_.setPictureSize(window.widthPx, window.heightPx))
        emit sharedWindowsChanged();
    shareId_ = demand.shareId;
    active_ = true;
    connection_->setFastPathShareId(shareId_);

    ConfirmActivePdu confirm;
    confirm.shareId = demand.shareId;
    confirm.originatorId = hostUserId_;
    confirm.sourceDescriptor = "Baton";
    GeneralCapability general;
    BitmapCapability ours;
    ours.desktopWidth = uint16_t(window.widthPx);
    ours.desktopHeight = uint16_t(window.heightPx);
    ShareCapability share;
    share.nodeId = userId_;
    confirm.capabilities = {general, ours, share};
    connection_->sendPdu(hostUserId_, std::move(confirm), shareId_);
}

// The viewer leaves rather than allocate the picture; the one it had before a resize stays
// as it was, and updates for the new share never apply (their share id is not this one's).
void ViewerSession::refuseWindow(const DemandedWindow &window)
{
    refusedWindowSize_ = QSize(window.widthPx, window.heightPx);
    failProtocol(QStringLiteral("the shared window is %1x%2 pixels, larger than this viewer "
                                "accepts (at most %3 pixels a side and %4 pixels in all)")
                     .arg(window.widthPx)
                     .arg(window.heightPx)
                     .arg(pictureLimit_.maxSidePx)
                     .arg(pictureLimit_.maxPixels));
}

void ViewerSession::onFrameMarker(const FrameMarkerPdu &marker)
{
    if (marker.action == FrameMarkerAction::Begin) {
        frameBeganMs_ = double(clock_.nsecsElapsed()) / 1e6;
        inFrame_ = true;
        return;
    }
    inFrame_ = false;
    present(marker.frameId);
}

void ViewerSession::present(uint32_t frameId)
{
    const double nowMs = double(clock_.nsecsElapsed()) / 1e6;
    ++stats_.batchesApplied;
    if (stats_.firstPictureMs < 0)
        stats_.firstPictureMs = nowMs;
    if (frameBeganMs_ >= 0 && stats_.updateDelaysMs.size() < kMaxDelaySamples)
        stats_.updateDelaysMs.push_back(nowMs - frameBeganMs_);
    frameBeganMs_ = -1;
    stats_.bytesReceived = connection_->bytesReceived();
    const PictureChange change = applier_.takeChange();
    emit pictureChanged(change);
    emit framePresented(change.damage());
    emit frameApplied(frameId);
    if (const auto ack = ackPacer_.presented(frameId, clock_.elapsed(), stats_.bytesReceived))
        sendAck(*ack);
    else if (!ackTimer_.isActive())
        ackTimer_.start(std::chrono::milliseconds(*ackPacer_.dueAtMs() - clock_.elapsed()));
}

void ViewerSession::sendAck(const AckPacer::Ack &ack)
{
    ackTimer_.stop();
    if (connection_)
        connection_->sendPdu(hostUserId_, FrameAckPdu{ack.frameId, 0, ack.heldMs}, shareId_);
}

void ViewerSession::onPointer(const PduBody &body)
{
    if (const auto *system = std::get_if<PointerSystemPdu>(&body)) {
        pointer_.visible = system->pointer != SystemPointer::Hidden;
        if (system->pointer == SystemPointer::Default)
            pointer_.image = baton::Frame();
    } else if (const auto *position = std::get_if<PointerPositionPdu>(&body)) {
        pointer_.x = position->x;
        pointer_.y = position->y;
        pointer_.visible = true;
    } else if (const auto *shape = std::get_if<PointerNewPdu>(&body)) {
        pointer_.image = pointerImageOf(*shape);
        pointer_.hotX = shape->attribute.hotSpotX;
        pointer_.hotY = shape->attribute.hotSpotY;
    }
    emit pointerChanged();
}

bool ViewerSession::onFloorPdu(const PduBody &body)
{
    if (const auto *control = std::get_if<ControlPdu>(&body)) {
        if (control->action == ControlAction::GrantedControl) {
            floorHolder_ = control->grantId;
            floorGeneration_ = control->controlId;
            emit floorChanged();
        }
        return true;
    }
    if (const auto *queue = std::get_if<FloorQueueStatePdu>(&body)) {
        floorHolder_ = queue->holderId;
        floorGeneration_ = queue->controlGeneration;
        floorQueue_ = queue->queue;
        emit floorChanged();
        return true;
    }
    if (const auto *decision = std::get_if<FloorDecisionPdu>(&body)) {
        if (isMember(decision->requesterId))
            emit memberFloorDecision(decision->requesterId, decision->decision, decision->reason);
        else
            emit floorDecision(decision->decision, decision->reason);
        return true;
    }
    if (const auto *revoke = std::get_if<FloorRevokePdu>(&body)) {
        if (revoke->holderId == userId_)
            emit floorRevoked(revoke->reason);
        else if (isMember(revoke->holderId))
            emit memberFloorRevoked(revoke->holderId, revoke->reason);
        return true;
    }
    if (const auto *offer = std::get_if<FloorPassToPdu>(&body)) {
        if (offer->targetId == userId_)
            emit controlOffered();
        else if (isMember(offer->targetId))
            emit memberControlOffered(offer->targetId);
        return true;
    }
    if (const auto *state = std::get_if<RosterFloorStatePdu>(&body)) {
        roster_.apply(*state);
        emit rosterChanged();
        return true;
    }
    return false;
}

void ViewerSession::requestControl()
{
    if (connection_)
        connection_->sendPdu(hostUserId_, FloorRequestPdu{userId_, floorGeneration_}, shareId_);
}

void ViewerSession::releaseControl()
{
    if (connection_)
        connection_->sendPdu(hostUserId_, FloorReleasePdu{floorGeneration_}, shareId_);
}

void ViewerSession::passControlTo(uint16_t userId)
{
    if (connection_)
        connection_->sendPdu(hostUserId_, FloorPassToPdu{userId, floorGeneration_}, shareId_);
}

bool ViewerSession::onMemberPdu(const PduBody &body)
{
    if (const auto *admit = std::get_if<GatewayMemberAdmitPdu>(&body)) {
        if (admit->userId == 0) {
            const std::string_view why = describe(admit->reason);
            emit memberRefused(admit->key, QString::fromUtf8(why.data(), qsizetype(why.size())));
        } else if (members_.insert(admit->userId).second) {
            emit memberAdmitted(admit->key, admit->userId);
        }
        return true;
    }
    if (const auto *leave = std::get_if<GatewayMemberLeavePdu>(&body)) {
        if (members_.erase(leave->userId) != 0) {
            const std::string_view why = describe(leave->reason);
            emit memberRemoved(leave->userId, QString::fromUtf8(why.data(), qsizetype(why.size())));
        }
        return true;
    }
    return false;
}

void ViewerSession::addMember(uint16_t key, const QString &name, const QString &address)
{
    if (!connection_)
        return;
    if (hostProtocolMinor_ < 3) {
        emit memberRefused(key, QStringLiteral("the host's Baton is older than protocol 1.3 and "
                                               "admits no gateway members"));
        return;
    }
    connection_->sendPdu(hostUserId_,
                         GatewayMemberJoinPdu{key,
                                              truncateUtf8(name.toStdString(),
                                                           kMaxGatewayMemberNameBytes),
                                              truncateUtf8(address.toStdString(),
                                                           kMaxGatewayMemberAddressBytes)},
                         shareId_);
}

void ViewerSession::removeMember(uint16_t memberId)
{
    if (members_.erase(memberId) != 0 && connection_)
        connection_->sendPdu(hostUserId_, GatewayMemberLeavePdu{memberId, CloseReason::ViewerLeft},
                             shareId_);
}

void ViewerSession::requestControlFor(uint16_t memberId)
{
    if (connection_ && isMember(memberId))
        connection_->sendPduAs(memberId, hostUserId_, FloorRequestPdu{memberId, floorGeneration_},
                               shareId_);
}

void ViewerSession::releaseControlFor(uint16_t memberId)
{
    if (connection_ && isMember(memberId))
        connection_->sendPduAs(memberId, hostUserId_, FloorReleasePdu{floorGeneration_}, shareId_);
}

bool ViewerSession::sendKeyFor(uint16_t memberId, const KeyInput &key)
{
    return sendInputAs(memberId, inputwire::fromKey(key));
}

bool ViewerSession::sendTypedTextFor(uint16_t memberId, const QString &text)
{
    return sendInputAs(memberId, inputwire::fromTypedText(text));
}

bool ViewerSession::sendPointerFor(uint16_t memberId, const PointerInput &pointer)
{
    return sendInputAs(memberId, inputwire::fromPointer(pointer));
}

bool ViewerSession::sendInput(std::vector<InputEvent> events)
{
    return sendInputAs(userId_, std::move(events));
}

bool ViewerSession::sendInputAs(uint16_t source, std::vector<InputEvent> events)
{
    if (!connection_ || source == 0 || floorHolder_ != source ||
        (source != userId_ && !isMember(source)))
        return false;
    const auto timeMs = uint32_t(clock_.elapsed());
    for (std::size_t begin = 0; begin < events.size(); begin += InputPdu::kMaxEvents) {
        InputPdu pdu;
        const std::size_t end = std::min(events.size(), begin + InputPdu::kMaxEvents);
        pdu.events.assign(events.begin() + std::ptrdiff_t(begin),
                          events.begin() + std::ptrdiff_t(end));
        for (InputEvent &event : pdu.events)
            event.eventTimeMs = timeMs;
        if (!connection_->sendPduAs(source, hostUserId_, std::move(pdu), shareId_, StreamId::High))
            return false;
    }
    return true;
}

bool ViewerSession::sendKey(const KeyInput &key)
{
    return sendInput(inputwire::fromKey(key));
}

bool ViewerSession::sendText(const QString &text)
{
    return sendInput(inputwire::fromText(text));
}

bool ViewerSession::sendTypedText(const QString &text)
{
    return sendInput(inputwire::fromTypedText(text));
}

bool ViewerSession::sendPointer(const PointerInput &pointer)
{
    return sendInput(inputwire::fromPointer(pointer));
}

void ViewerSession::failProtocol(const QString &why)
{
    if (connection_)
        connection_->close(CloseReason::ProtocolError, QStringLiteral("protocol error: ") + why);
}

void ViewerSession::onClosed(const net::CloseInfo &info)
{
    if (connection_)
        stats_.bytesReceived = connection_->bytesReceived();
    finish(info);
}

void ViewerSession::finish(const net::CloseInfo &info)
{
    if (finished_)
        return;
    finished_ = true;
    emit ended(info);
}

} // namespace baton
