#include "HostSession.h"

#include "PointerMessages.h"
#include "SessionLogging.h"
#include "VideoBitrateTarget.h"
#include "WindowListMessages.h"
#include "core/common/MonotonicClock.h"
#include "core/protocol/ActivationPdus.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/PointerPdus.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/WindowListPdu.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace baton {

using namespace protocol;

namespace {

constexpr int kStallCheckIntervalMs = 1000;
// Damage events are a hint a backend can lose (a bug, a server that drops them): a slow
// sweep compares the whole window now and then, so a lost event costs at most this long
// rather than a frozen picture.
constexpr int kSweepIntervalMs = 2000;
// A video that has not changed for this long has stopped (a pause, the end of a clip, a
// still scene): the viewers get its exact pixels instead of the last lossy picture.
// Longer than a frame interval of the slowest videos people play (15 fps).
constexpr int kVideoStillMs = 250;
// The lowest video bitrate cap a slow path brings: below it libx264's pictures are too
// coarse to read, and a path that slow is better served by catch-ups.
constexpr int kMinVideoBitrateKbps = 100;

uint16_t clampToU16(int32_t value)
{
    return uint16_t(std::clamp(value, 0, 0xffff));
}

} // namespace

HostSessionConfig loopbackConfig(std::string sessionId, std::string hostName)
{
    HostSessionConfig config;
    config.listener.bindAddress = QHostAddress::LocalHost;
    config.listener.port = 0;
    config.listener.policy.sessionId = std::move(sessionId);
    config.listener.policy.hostName = std::move(hostName);
    config.advertisedHost = QStringLiteral("127.0.0.1");
    return config;
}

HostSession::HostSession(std::unique_ptr<WindowSource> source,
                         net::CertificateStore::Identity identity, HostSessionConfig config,
                         QObject *parent)
    : QObject(parent),
      source_(std::move(source)),
      config_(std::move(config)),
      listener_(new net::HostListener(std::move(identity), config_.listener, this)),
      differ_(FrameDifferOptions{config_.planner.layout.cellSizePx, std::nullopt, true}),
      planner_(config_.planner),
      tileVariants_(config_.planner.layout),
      builder_(kHostUserId, kBroadcastChannelId),
      broadcaster_(config_.broadcast),
      members_(
          [this] {
              return listener_->userIds().locked(
                  [](net::UserIdAllocator &ids) { return ids.allocate(); });
          },
          [this](uint16_t userId) { listener_->userIds().release(userId); }),
      floor_(config_.floor, [this](std::optional<uint16_t> to, PduBody body) {
          if (!to)
              sendToAll(body);
          else
              sendTo(connectionFor(*to), std::move(body));
      })
{
    config_.maxFramesPerSecond = std::clamp(config_.maxFramesPerSecond, 1, 240);
    builder_.setShareId(shareId_);
    // Plain T.128 is for legacy viewers, which know neither (docs/protocol.md §2.1, §8.7).
    builder_.setFastPath(config_.planner.codec != UpdateCodec::T128);
    captureTimer_.setSingleShot(true);
    captureTimer_.setTimerType(Qt::PreciseTimer);
    connect(&captureTimer_, &QTimer::timeout, this, &HostSession::capture);
    stallTimer_.setInterval(kStallCheckIntervalMs);
    connect(&stallTimer_, &QTimer::timeout, this,
            [this] { broadcaster_.closeStalled(Broadcaster::Clock::now()); });
    sweepTimer_.setInterval(kSweepIntervalMs);
    connect(&sweepTimer_, &QTimer::timeout, this, [this] {
        sweepPending_ = true;
        scheduleCapture();
    });
    stillTimer_.setSingleShot(true);
    stillTimer_.setInterval(kVideoStillMs);
    connect(&stillTimer_, &QTimer::timeout, this, &HostSession::settleVideo);
    connect(source_.get(), &WindowSource::damaged, this, &HostSession::scheduleCapture);
    connect(source_.get(), &WindowSource::cursorChanged, this, &HostSession::scheduleCapture);
    connect(source_.get(), &WindowSource::windowEvent, this, &HostSession::onWindowEvent);
    connect(listener_, &net::HostListener::viewerJoined, this, &HostSession::onViewerJoined);
    roster_.add({kHostUserId, Role::Host, config_.listener.policy.hostName, FloorState::None});
}

HostSession::~HostSession()
{
    if (running_)
        stop();
}

bool HostSession::start(QString *error)
{
    if (running_)
        return true;
    if (!source_->start()) {
        if (error)
            *error = QStringLiteral("cannot capture the window: %1").arg(source_->errorString());
        return false;
    }
    // The first picture, so that the first viewer is caught up at once.
    running_ = true;
    capture();
    if (!listener_->start(error)) {
        running_ = false;
        source_->stop();
        return false;
    }
    stallTimer_.start();
    sweepTimer_.start();
    sinceStart_.start();
    qCInfo(lcSession).noquote() << "sharing" << source_->window().title << "with codec"
                                << toString(planner_.codec()) << "on port" << listener_->port();
    return true;
}

void HostSession::stop(CloseReason reason, const QString &detail)
{
    if (!running_)
        return;
    running_ = false;
    captureTimer_.stop();
    stallTimer_.stop();
    sweepTimer_.stop();
    stillTimer_.stop();
    listener_->stop();
    for (auto &[id, viewer] : viewers_)
        if (viewer.connection)
            viewer.connection->close(reason, detail);
    for (const WaitingJoin &join : std::exchange(waitingForPicture_, {}))
        if (join.connection)
            join.connection->close(reason, detail);
    source_->stop();
    const QString text = detail.isEmpty()
        ? QString::fromUtf8(describe(reason).data(), qsizetype(describe(reason).size()))
        : detail;
    stats_.durationMs = sinceStart_.elapsed();
    qCInfo(lcSession).noquote() << "session ended:" << text;
    logStats();
    emit ended(text);
}

void HostSession::setInputInjector(std::unique_ptr<InputInjector> injector)
{
    injector_ = std::move(injector);
    floor_.setInjector(injector_.get());
}

void HostSession::setLocalInputMonitor(std::unique_ptr<LocalInputMonitor> monitor)
{
    localInput_ = std::move(monitor);
    if (localInput_)
        connect(localInput_.get(), &LocalInputMonitor::localInput, &floor_,
                &FloorArbiter::hostInput);
}

bool HostSession::removeViewer(uint16_t userId, const QString &reason)
{
    if (const GatewayMembers::Member *member = members_.find(userId)) {
        qCInfo(lcSession).noquote() << "removing gateway member" << userId << reason;
        sendTo(connectionFor(member->gateway), GatewayMemberLeavePdu{userId, CloseReason::Kicked});
        if (const auto removed = members_.remove(member->gateway, userId))
            memberLeft(*removed, CloseReason::Kicked, reason);
        return true;
    }
    const auto viewer = viewers_.find(userId);
    if (viewer == viewers_.end() || !viewer->second.connection)
        return false;
    qCInfo(lcSession).noquote() << "removing viewer" << userId << reason;
    viewer->second.connection->close(CloseReason::Kicked, reason);
    return true;
}

QHostAddress HostSession::viewerAddress(uint16_t userId) const
{
    if (const GatewayMembers::Member *member = members_.find(userId))
        return QHostAddress(QString::fromStdString(member->address));
    const auto viewer = viewers_.find(userId);
    if (viewer == viewers_.end() || !viewer->second.connection)
        return {};
    return viewer->second.connection->peerAddress();
}

InviteLink HostSession::inviteLink() const
{
    return listener_->inviteLink(config_.advertisedHost);
}

void HostSession::scheduleCapture()
{
    if (!running_ || captureTimer_.isActive())
        return;
    const qint64 intervalMs = 1000 / config_.maxFramesPerSecond;
    const qint64 elapsedMs = sinceLastCapture_.isValid() ? sinceLastCapture_.elapsed() : intervalMs;
    captureTimer_.start(int(std::max<qint64>(0, intervalMs - elapsedMs)));
}

void HostSession::capture()
{
    if (!running_)
        return;
    sinceLastCapture_.start();
    updatePointer(false);
    const qint64 capturedAtNs = monotonicNowNs();
    CapturedFrame frame;
    if (!source_->captureFrame(frame))
        return; // hidden or gone: the window event says which
    ++stats_.captures;

    const bool resized = frame.pixels.rect() != differ_.reference().rect();
    const Region hint = sweepPending_ ? Region(frame.pixels.rect()) : frame.damage;
    sweepPending_ = false;
    const DiffResult &diff = differ_.diff(frame.pixels, hint);
    if (resized) {
        reactivate(frame.pixels.rect());
        admitWaiting();
        return;
    }
    if (diff.dirty.isEmpty())
        return;
    MotionResult motion;
    if (planner_.usesMoves()) {
        // Inside the video stream's rectangle the encoder finds the motion itself (and the
        // planner sends no move there): searching it took a fifth of the host's CPU on a
        // played video (perf, docs/benchmarks.md).
        const Region video(planner_.videoRect());
        motion =
            motion_.detect(differ_.previous(), differ_.reference(), diff.dirty.subtracted(video));
        motion.residual |= diff.dirty.intersected(video);
    } else {
        motion.residual = diff.dirty;
    }
    const uint32_t frameId = builder_.nextFrameId();
    publish(planner_.plan(differ_.reference(), motion, diff.dirty, frameId,
                          broadcaster_.cacheUsableFrom(frameId)),
            capturedAtNs);
    if (!planner_.videoRect().isEmpty())
        stillTimer_.start(); // again: the video is still moving
    serviceCatchUps();
}

void HostSession::settleVideo()
{
    if (!running_ || differ_.reference().isNull() || planner_.videoRect().isEmpty())
        return;
    publish(planner_.planStill(differ_.reference()), monotonicNowNs());
    serviceCatchUps();
}

void HostSession::reactivate(const Rect &windowRect)
{
    // A new size is a new share generation: viewers re-create their picture at the new
    // size, then everyone is caught up from the first picture of it.
    planner_.reset();
    ++shareId_;
    builder_.setShareId(shareId_);
    for (auto &[id, viewer] : viewers_) {
        if (!viewer.connection)
            continue;
        sendTo(viewer.connection, DeactivateAllPdu{shareId_ - 1, "Baton"});
        sendTo(viewer.connection, demandActive());
    }
    broadcaster_.invalidateAll(windowRect);
    sendToAll(windowList());
    serviceCatchUps();
}

UpdateBatchPtr HostSession::build(PlannedUpdate update)
{
    QString error;
    UpdateBatchPtr batch = builder_.build(std::move(update.pdus), std::move(update.region), &error);
    if (!batch) {
        // Every field the planner fills is in range by construction: this is a bug.
        qCCritical(lcSession).noquote() << "an update did not encode:" << error;
        stop(CloseReason::InternalError, error);
    }
    return batch;
}

UpdateBatchPtr HostSession::build(PlannedUpdate update, uint32_t variantOf)
{
    QString error;
    UpdateBatchPtr batch =
        builder_.buildVariant(variantOf, std::move(update.pdus), std::move(update.region), &error);
    if (!batch) {
        qCCritical(lcSession).noquote() << "a tile variant did not encode:" << error;
        stop(CloseReason::InternalError, error);
    }
    return batch;
}

void HostSession::publish(PlannedUpdate update, qint64 capturedAtNs)
{
    const std::optional<uint8_t> videoCodec = TileVariantPlanner::videoCodec(update.pdus);
    // Planned before update's PDUs move into the batch, once for every viewer that needs it.
    std::optional<PlannedUpdate> tiles;
    if (videoCodec && broadcaster_.anyViewerLacks(*videoCodec))
        tiles = tileVariants_.plan(differ_.reference(), update);
    const UpdateBatchPtr batch = build(std::move(update));
    if (!batch)
        return;
    std::optional<Broadcaster::TileVariant> variant;
    if (tiles) {
        const UpdateBatchPtr tileBatch = build(std::move(*tiles), batch->frameId);
        if (!tileBatch)
            return;
        variant = Broadcaster::TileVariant{*videoCodec, tileBatch};
        ++stats_.tileVariants;
        stats_.tileVariantBytes += tileBatch->bytes;
    }
    ++stats_.batches;
    stats_.batchBytes += batch->bytes;
    if (videoCodec)
        ++stats_.videoBatches;
    broadcaster_.publish(batch, Broadcaster::Clock::now(), variant);
    emit framePublished(batch->frameId, capturedAtNs);
}

void HostSession::serviceCatchUps()
{
    if (!running_ || differ_.reference().isNull())
        return;
    // While the video moves, a viewer that fell behind is caught up on the video's region
    // by the key frame the refresh asks for (it is in the next video batch, which the
    // caught-up viewer takes live) rather than by that region's exact pixels: on a slow
    // link those cost seconds, in which the viewer falls behind again. Once the video
    // stops, settleVideo() sends the exact pixels to everyone, and catch-ups are lossless.
    const Region movingVideo(stillTimer_.isActive() ? planner_.videoRect() : Rect{});
    for (const Broadcaster::CatchUp &group : broadcaster_.catchUps()) {
        const UpdateBatchPtr batch =
            build(planner_.planRefresh(differ_.reference(), group.region.subtracted(movingVideo)));
        if (!batch)
            return;
        ++stats_.catchUps;
        stats_.catchUpBytes += batch->bytes;
        broadcaster_.deliverCatchUp(group.viewers, batch, Broadcaster::Clock::now());
    }
}

void HostSession::adaptVideoBitrate()
{
    const int wanted = videoBitrateKbps(broadcaster_.pathRates(), kMinVideoBitrateKbps,
                                        VideoStream::maxBitrateKbps());
    const auto sinceRaise = std::chrono::milliseconds(videoBitrateRaised_.isValid()
                                                          ? videoBitrateRaised_.elapsed()
                                                          : kVideoBitrateRaiseInterval.count());
    const int target = nextVideoBitrateKbps(videoBitrateKbps_, wanted, sinceRaise);
    // Each change reconfigures the encoder (or reopens one that cannot be reconfigured):
    // only by a tenth or more.
    if (std::abs(target - videoBitrateKbps_) * 10 < videoBitrateKbps_)
        return;
    if (target > videoBitrateKbps_)
        videoBitrateRaised_.start();
    qCDebug(lcSession).noquote() << "video bitrate cap" << videoBitrateKbps_ << "->" << target
                                 << "kbps for" << broadcaster_.viewerCount() << "viewers";
    videoBitrateKbps_ = target;
    planner_.setVideoBitrateKbps(target);
}

void HostSession::updatePointer(bool force)
{
    const CursorState cursor = source_->cursor();
    const bool moved =
        cursor.x != cursor_.x || cursor.y != cursor_.y || cursor.visible != cursor_.visible;
    const bool newShape = cursor.serial != cursorSerialSent_;
    cursor_ = cursor;
    if (viewers_.empty() || (!force && !moved && !newShape))
        return;
    if (newShape) {
        cursorSerialSent_ = cursor.serial;
        if (auto shape = pointerShapePdu(cursor_))
            sendToAll(*shape);
    }
    for (const PduBody &pdu : pointerState())
        if (!std::holds_alternative<PointerNewPdu>(pdu))
            sendToAll(pdu);
}

std::vector<PduBody> HostSession::pointerState() const
{
    std::vector<PduBody> pdus;
    if (auto shape = pointerShapePdu(cursor_))
        pdus.emplace_back(std::move(*shape));
    if (!cursor_.visible) {
        pdus.emplace_back(PointerSystemPdu{SystemPointer::Hidden});
        return pdus;
    }
    if (cursor_.image.isNull())
        pdus.emplace_back(PointerSystemPdu{SystemPointer::Default});
    pdus.emplace_back(PointerPositionPdu{clampToU16(cursor_.x), clampToU16(cursor_.y)});
    return pdus;
}

void HostSession::onWindowEvent(const WindowEvent &event)
{
    switch (event.kind) {
    case WindowEventKind::Hidden:
    case WindowEventKind::Shown:
        windowHidden_ = event.kind == WindowEventKind::Hidden;
        sendToAll(windowList());
        if (!windowHidden_)
            scheduleCapture();
        break;
    case WindowEventKind::Moved:
    case WindowEventKind::Arranged: {
        // While a new size waits for its capture, the list would describe a picture the
        // viewers do not have yet: the re-activation sends it.
        const Rect picture = source_->window().geometry;
        const Rect shown = differ_.reference().rect();
        if (picture.width == shown.width && picture.height == shown.height)
            sendToAll(windowList());
        break;
    }
    case WindowEventKind::Resized:
        scheduleCapture();
        break;
    case WindowEventKind::Closed:
        stop(CloseReason::WindowClosed);
        break;
    }
}

DemandActivePdu HostSession::demandActive() const
{
    const Rect window = differ_.reference().rect();
    DemandActivePdu pdu;
    pdu.shareId = shareId_;
    pdu.sourceDescriptor = "Baton";
    GeneralCapability general;
    BitmapCapability bitmap;
    bitmap.desktopWidth = clampToU16(window.width);
    bitmap.desktopHeight = clampToU16(window.height);
    bitmap.desktopResizeFlag = 1;
    ShareCapability share;
    share.nodeId = kHostUserId;
    pdu.capabilities = {general, bitmap, share};
    return pdu;
}

WindowListPdu HostSession::windowList() const
{
    return windowListPdu(source_->window(), source_->sharedWindows(), windowHidden_);
}

void HostSession::admitWaiting()
{
    const std::vector<WaitingJoin> waiting = std::exchange(waitingForPicture_, {});
    for (const WaitingJoin &join : waiting)
        if (join.connection && join.connection->isOpen())
            onViewerJoined(join.connection, join.hello, join.welcome);
}

void HostSession::onViewerJoined(net::Connection *connection, const HelloPdu &hello,
                                 const WelcomePdu &welcome)
{
    const uint16_t userId = welcome.userId;
    if (!running_) {
        connection->close(CloseReason::HostEnded, QStringLiteral("the share is not running"));
        return;
    }
    if (differ_.reference().isNull()) {
        waitingForPicture_.push_back({connection, hello, welcome});
        return;
    }
    constexpr uint32_t kModernFeatures = HelloPdu::kFeatureFastPath | HelloPdu::kFeatureTileCache;
    if (builder_.fastPath() && (hello.featureFlags & kModernFeatures) != kModernFeatures) {
        // Every viewer gets the same encoded batches: one that cannot read them cannot join.
        connection->close(CloseReason::VersionMismatch,
                          QStringLiteral("this viewer lacks the fast-path updates and tile "
                                         "cache of Baton protocol 1.1"));
        return;
    }
    viewers_[userId] = {connection, hello.displayName};
    ++stats_.viewersJoined;
    stats_.peakViewers = std::max(stats_.peakViewers, int(viewers_.size()));
    connect(connection, &net::Connection::pduReceived, this,
            [this, userId](const Pdu &pdu, const FrameHeader &) { onViewerPdu(userId, pdu); });
    connect(connection, &net::Connection::closed, this,
            [this, userId](const net::CloseInfo &info) { onViewerClosed(userId, info); });
    connect(connection, &net::Connection::queueDrained, this, &HostSession::serviceCatchUps);

    // Activation, roster, window and pointer first; the picture follows as a catch-up.
    sendTo(connection, demandActive());
    const Roster::Participant joiner{userId, Role::Viewer, hello.displayName, FloorState::None};
    sendToAll(RosterJoinPdu{userId, Role::Viewer, hello.displayName});
    roster_.add(joiner);
    for (const PduBody &pdu : roster_.snapshot())
        sendTo(connection, pdu);
    sendTo(connection, windowList());
    floor_.join(userId);
    for (const PduBody &pdu : floor_.state())
        sendTo(connection, pdu);
    for (const PduBody &pdu : pointerState())
        sendTo(connection, pdu);
    broadcaster_.addViewer(userId, connection, differ_.reference().rect(), hello.codecIds);
    qCInfo(lcSession).noquote() << "viewer" << userId << QString::fromStdString(hello.displayName)
                                << "joined from" << connection->peerAddress().toString();
    emit viewerJoined(userId, QString::fromStdString(hello.displayName));
    serviceCatchUps();
}

void HostSession::onViewerPdu(uint16_t userId, const Pdu &pdu)
{
    if (pdu.context.source != userId) {
        // A gateway member's floor PDUs and input (its Connection admits only the ids of
        // the gateway's members as initiator); one dropped a moment ago is ignored.
        if (members_.speaksFor(userId, pdu.context.source))
            floor_.onViewerPdu(pdu.context.source, pdu.body);
        return;
    }
    if (const auto *join = std::get_if<GatewayMemberJoinPdu>(&pdu.body)) {
        onMemberJoin(userId, *join);
        return;
    }
    if (const auto *leave = std::get_if<GatewayMemberLeavePdu>(&pdu.body)) {
        if (const auto member = members_.remove(userId, leave->userId))
            memberLeft(*member, CloseReason::ViewerLeft, QStringLiteral("left the gateway"));
        return;
    }
    if (const auto *ack = std::get_if<FrameAckPdu>(&pdu.body)) {
        broadcaster_.acknowledge(userId, ack->frameId, Broadcaster::Clock::now(),
                                 std::chrono::milliseconds(ack->heldMs));
        adaptVideoBitrate();
        emit linkMeasured(userId, broadcaster_.link(userId), videoBitrateKbps_);
        serviceCatchUps();
    }
    // ConfirmActive, Synchronize and Control(Cooperate) complete the activation and need
    // no answer; floor PDUs and input go to the arbiter.
    floor_.onViewerPdu(userId, pdu.body);
}

void HostSession::onMemberJoin(uint16_t gateway, const GatewayMemberJoinPdu &join)
{
    net::Connection *connection = connectionFor(gateway);
    if (!connection)
        return;
    const auto admission = members_.admit(gateway, join.key, join.name, join.address);
    if (!admission.member) {
        sendTo(connection, GatewayMemberAdmitPdu{join.key, 0, admission.refusal});
        return;
    }
    const GatewayMembers::Member &member = *admission.member;
    connection->allowMemberInitiator(member.userId);
    sendTo(connection, GatewayMemberAdmitPdu{join.key, member.userId, CloseReason::Unknown});
    const std::string name = GatewayMembers::rosterName(member);
    sendToAll(RosterJoinPdu{member.userId, Role::Viewer, name});
    roster_.add({member.userId, Role::Viewer, name, FloorState::None});
    floor_.join(member.userId);
    qCInfo(lcSession).noquote() << "gateway member" << member.userId << QString::fromStdString(name)
                                << "joined through viewer" << gateway;
    emit viewerJoined(member.userId, QString::fromStdString(name));
}

void HostSession::memberLeft(const GatewayMembers::Member &member, CloseReason reason,
                             const QString &why)
{
    if (net::Connection *connection = connectionFor(member.gateway))
        connection->forbidMemberInitiator(member.userId);
    floor_.leave(member.userId);
    roster_.remove(member.userId);
    qCInfo(lcSession).noquote() << "gateway member" << member.userId << "left:" << why;
    if (running_)
        sendToAll(RosterLeavePdu{member.userId, reason});
    emit viewerLeft(member.userId, why);
}

net::Connection *HostSession::connectionFor(uint16_t userId) const
{
    if (const GatewayMembers::Member *member = members_.find(userId))
        userId = member->gateway;
    const auto viewer = viewers_.find(userId);
    return viewer == viewers_.end() ? nullptr : viewer->second.connection.data();
}

void HostSession::onViewerClosed(uint16_t userId, const net::CloseInfo &info)
{
    for (const GatewayMembers::Member &member : members_.removeAll(userId))
        memberLeft(member, info.reason, QStringLiteral("its gateway left: %1").arg(info.text()));
    broadcaster_.removeViewer(userId);
    viewers_.erase(userId);
    floor_.leave(userId);
    roster_.remove(userId);
    qCInfo(lcSession).noquote() << "viewer" << userId << "left:" << info.text();
    if (running_)
        sendToAll(RosterLeavePdu{userId, info.reason});
    emit viewerLeft(userId, info.text());
    adaptVideoBitrate();
    serviceCatchUps();
}

void HostSession::logStats() const
{
    const auto megabytes = [](qint64 bytes) {
        return QString::number(double(bytes) / 1e6, 'f', 2);
    };
    qCInfo(lcSession).noquote()
        << QStringLiteral("share statistics: %1 s, %2 captures, %3 batches (%4 MB), %5 catch-ups "
                          "(%6 MB), %7 viewers joined, at most %8 at once")
               .arg(QString::number(double(stats_.durationMs) / 1000.0, 'f', 1))
               .arg(stats_.captures)
               .arg(stats_.batches)
               .arg(megabytes(stats_.batchBytes))
               .arg(stats_.catchUps)
               .arg(megabytes(stats_.catchUpBytes))
               .arg(stats_.viewersJoined)
               .arg(stats_.peakViewers);
    if (stats_.tileVariants > 0)
        qCInfo(lcSession).noquote()
            << QStringLiteral("%1 of %2 video batches also as tile variants (%3 MB) for viewers "
                              "without the video codec")
                   .arg(stats_.tileVariants)
                   .arg(stats_.videoBatches)
                   .arg(megabytes(stats_.tileVariantBytes));
}

void HostSession::sendTo(net::Connection *connection, PduBody body)
{
    if (connection && connection->isOpen())
        connection->sendPdu(kBroadcastChannelId, std::move(body), shareId_);
}

void HostSession::sendToAll(const PduBody &body)
{
    for (auto &[id, viewer] : viewers_)
        sendTo(viewer.connection, body);
}

} // namespace baton
