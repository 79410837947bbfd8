#include "core/rdp/RdpGfxChannel.h"

#include "core/rdp/RdpLogging.h"

#include <QTime>

#include <algorithm>
#include <array>
#include <freerdp/channels/channels.h>
#include <freerdp/channels/wtsvc.h>
#include <freerdp/codec/color.h>
#include <freerdp/peer.h>
#include <freerdp/server/rdpgfx.h>
#include <mutex>
#include <new>
#include <winpr/handle.h>
#include <winpr/synch.h>
#include <winpr/wtsapi.h>

namespace baton::rdp {
namespace {

constexpr uint16_t kDesktopSurface = 1;
constexpr uint16_t kVideoSurface = 2;
// What the AVC420 metablock says of the host's pictures: its encoder's CRF 20 as the
// quantization parameter, and FreeRDP's server's quality for it (100 - qp). Informative: the
// client decodes the stream as it is.
constexpr uint8_t kVideoQp = 20;
constexpr uint8_t kVideoQuality = 100 - kVideoQp;
// More capability sets than any version of the protocol defines is garbage.
constexpr std::size_t kMaxCapabilitySets = 32;
// The longest capsData any version defines (10.1's 16 reserved bytes).
constexpr uint32_t kMaxCapsDataBytes = 16;

// The versions FreeRDP 2.11's server writes, the one preferred first.
constexpr std::array kVersions{
    RDPGFX_CAPVERSION_107, RDPGFX_CAPVERSION_106, RDPGFX_CAPVERSION_106_ERR, RDPGFX_CAPVERSION_105,
    RDPGFX_CAPVERSION_104, RDPGFX_CAPVERSION_103, RDPGFX_CAPVERSION_102,     RDPGFX_CAPVERSION_101,
    RDPGFX_CAPVERSION_10,  RDPGFX_CAPVERSION_81,  RDPGFX_CAPVERSION_8};

// FreeRDP's channels reach the peer through the WTS API; its implementation is registered
// with WinPR once per process.
void registerWtsApi()
{
    static std::once_flag once;
    std::call_once(once, [] { WTSRegisterWtsApiFunctionTable(FreeRDP_InitWtsApi()); });
}

// MS-RDPEGFX 2.2.2.11: the time of day, as FreeRDP's server writes it.
uint32_t frameTimestamp()
{
    const QTime now = QTime::currentTime();
    return uint32_t(now.hour()) << 22 | uint32_t(now.minute()) << 16 |
        uint32_t(now.second()) << 10 | uint32_t(now.msec());
}

} // namespace

RdpGfxChannel::RdpGfxChannel(rdp_freerdp_peer *peer, std::shared_ptr<RdpGfxCounters> counters)
    : peer_(peer), counters_(std::move(counters))
{
    registerWtsApi();
    capsEvent_ = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    ackEvent_ = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    if (!capsEvent_ || !ackEvent_)
        throw std::bad_alloc();
    HANDLE vcm = WTSOpenServerA(reinterpret_cast<LPSTR>(peer->context));
    if (vcm && vcm != INVALID_HANDLE_VALUE)
        vcm_ = vcm;
}

RdpGfxChannel::~RdpGfxChannel()
{
    if (gfx_) {
        // Joins the channel's reading thread: no callback runs after this.
        gfx_->Close(gfx_);
        rdpgfx_server_context_free(gfx_);
    }
    if (vcm_)
        WTSCloseServer(vcm_);
    CloseHandle(capsEvent_);
    CloseHandle(ackEvent_);
}

uint32_t RdpGfxChannel::addEventHandles(HANDLE *handles, uint32_t room) const
{
    uint32_t count = 0;
    if (vcm_ && count < room)
        handles[count++] = WTSVirtualChannelManagerGetEventHandle(vcm_);
    if (count < room)
        handles[count++] = capsEvent_;
    return count;
}

bool RdpGfxChannel::poll()
{
    if (!vcm_)
        return true;
    if (state_ == State::Waiting && peer_->activated) {
        if (!peer_->settings->SupportGraphicsPipeline) {
            // Nothing changes for it: it never left Bitmap Updates.
            state_ = State::Unavailable;
        } else if (!WTSVirtualChannelManagerIsChannelJoined(vcm_, "drdynvc")) {
            becomeUnavailable(QStringLiteral("the client has no dynamic virtual channels"));
        } else if (!opened_ &&
                   WTSVirtualChannelManagerGetDrdynvcState(vcm_) == DRDYNVC_STATE_READY &&
                   !open()) {
            becomeUnavailable(QStringLiteral("its channel did not open"));
        }
    }
    std::vector<Capability> advertised;
    {
        const std::lock_guard lock(mutex_);
        ResetEvent(capsEvent_);
        if (std::exchange(capsPending_, false))
            advertised = std::move(advertised_);
    }
    if (!advertised.empty() && state_ == State::Waiting && !confirm(advertised))
        return false;
    // Sends what the channels queued (drdynvc's own negotiation once the client is active).
    return flush();
}

bool RdpGfxChannel::open()
{
    opened_ = true;
    gfx_ = rdpgfx_server_context_new(vcm_);
    if (!gfx_)
        return false;
    gfx_->rdpcontext = peer_->context;
    gfx_->custom = this;
    gfx_->CapsAdvertise = onCapsAdvertise;
    gfx_->FrameAcknowledge = onFrameAcknowledge;
    return gfx_->Open(gfx_);
}

UINT RdpGfxChannel::onCapsAdvertise(RdpgfxServerContext *context,
                                    const RDPGFX_CAPS_ADVERTISE_PDU *pdu)
{
    auto *self = static_cast<RdpGfxChannel *>(context->custom);
    if (pdu->capsSetCount > kMaxCapabilitySets)
        return ERROR_INVALID_DATA;
    const std::lock_guard lock(self->mutex_);
    self->advertised_.clear();
    for (uint16_t i = 0; i < pdu->capsSetCount; ++i) {
        const RDPGFX_CAPSET &set = pdu->capsSets[i];
        self->advertised_.push_back({set.version, set.length, set.flags});
    }
    self->capsPending_ = !self->advertised_.empty();
    SetEvent(self->capsEvent_);
    return CHANNEL_RC_OK;
}

UINT RdpGfxChannel::onFrameAcknowledge(RdpgfxServerContext *context,
                                       const RDPGFX_FRAME_ACKNOWLEDGE_PDU *pdu)
{
    auto *self = static_cast<RdpGfxChannel *>(context->custom);
    self->acksSuspended_.store(pdu->queueDepth == SUSPEND_FRAME_ACKNOWLEDGEMENT);
    self->ackedFrameId_.store(pdu->frameId);
    SetEvent(self->ackEvent_);
    return CHANNEL_RC_OK;
}

bool RdpGfxChannel::confirm(const std::vector<Capability> &advertised)
{
    for (const uint32_t version : kVersions) {
        const auto found =
            std::find_if(advertised.begin(), advertised.end(), [&](const Capability &set) {
                return set.version == version && set.length <= kMaxCapsDataBytes;
            });
        if (found == advertised.end())
            continue;
        // The client's own flags back: we keep none of its caches, and send AVC420 only
        // where it allows it.
        RDPGFX_CAPSET set{found->version, found->length, found->flags};
        if (version == RDPGFX_CAPVERSION_8)
            avc420_ = false;
        else if (version == RDPGFX_CAPVERSION_81)
            avc420_ = (set.flags & RDPGFX_CAPS_FLAG_AVC420_ENABLED) != 0;
        else
            avc420_ = (set.flags & RDPGFX_CAPS_FLAG_AVC_DISABLED) == 0;
        RDPGFX_CAPS_CONFIRM_PDU pdu{&set};
        if (gfx_->CapsConfirm(gfx_, &pdu) != CHANNEL_RC_OK)
            return fail(QStringLiteral("confirming its graphics capabilities failed"));
        const rdpSettings *settings = peer_->settings;
        if (!createSurface(int(settings->DesktopWidth), int(settings->DesktopHeight)))
            return false;
        qCInfo(lcRdp).noquote() << "graphics pipeline ready: version"
                                << QString::number(version, 16) << (avc420_ ? "with" : "without")
                                << "AVC420";
        state_ = State::Ready;
        stateChanged_ = true;
        return true;
    }
    becomeUnavailable(QStringLiteral("it offered no version this server speaks"));
    return true;
}

bool RdpGfxChannel::createSurface(int widthPx, int heightPx)
{
    // One monitor: the desktop.
    MONITOR_DEF monitor{0, 0, widthPx - 1, heightPx - 1, MONITOR_PRIMARY};
    RDPGFX_RESET_GRAPHICS_PDU reset{uint32_t(widthPx), uint32_t(heightPx), 1, &monitor};
    RDPGFX_CREATE_SURFACE_PDU create{kDesktopSurface, uint16_t(widthPx), uint16_t(heightPx),
                                     GFX_PIXEL_FORMAT_XRGB_8888};
    RDPGFX_MAP_SURFACE_TO_OUTPUT_PDU map{kDesktopSurface, 0, 0, 0};
    if (gfx_->ResetGraphics(gfx_, &reset) != CHANNEL_RC_OK ||
        gfx_->CreateSurface(gfx_, &create) != CHANNEL_RC_OK ||
        gfx_->MapSurfaceToOutput(gfx_, &map) != CHANNEL_RC_OK)
        return fail(QStringLiteral("setting up its graphics surface failed"));
    surfaceWidth_ = widthPx;
    surfaceHeight_ = heightPx;
    return flush();
}

bool RdpGfxChannel::resize(int widthPx, int heightPx)
{
    // FreeRDP's client keeps its surfaces through a Reset Graphics: the old ones go first.
    if (!deleteVideoSurface())
        return false;
    RDPGFX_DELETE_SURFACE_PDU remove{kDesktopSurface};
    if (gfx_->DeleteSurface(gfx_, &remove) != CHANNEL_RC_OK)
        return fail(QStringLiteral("deleting its graphics surface failed"));
    return createSurface(widthPx, heightPx);
}

bool RdpGfxChannel::dropVideo()
{
    // The client's own decoding of the region is not the gateway's (nor is its colour range,
    // see RdpVideoFrame): what the host draws there next is only where the gateway's picture
    // changed, so the client takes the whole picture again.
    if (video_)
        wholeNeeded_ = true;
    return deleteVideoSurface();
}

bool RdpGfxChannel::deleteVideoSurface()
{
    if (!video_)
        return true;
    video_.reset();
    RDPGFX_DELETE_SURFACE_PDU remove{kVideoSurface};
    if (gfx_->DeleteSurface(gfx_, &remove) == CHANNEL_RC_OK)
        return true;
    return fail(QStringLiteral("deleting its video surface failed"));
}

bool RdpGfxChannel::sendVideo(const RdpVideoFrame &frame, bool *sent)
{
    *sent = false;
    if (!avc420_)
        return true;
    const bool sameRegion =
        video_ && video_->regionId == frame.regionId && video_->rect == frame.rect;
    if (!sameRegion) {
        if (!dropVideo())
            return false;
        // FreeRDP's client sizes its decoder by the surface: a surface per region, of its size.
        if (!frame.keyFrame)
            return true;
        RDPGFX_CREATE_SURFACE_PDU create{kVideoSurface, uint16_t(frame.rect.width),
                                         uint16_t(frame.rect.height), GFX_PIXEL_FORMAT_XRGB_8888};
        RDPGFX_MAP_SURFACE_TO_OUTPUT_PDU map{kVideoSurface, 0, uint32_t(frame.rect.x),
                                             uint32_t(frame.rect.y)};
        if (gfx_->CreateSurface(gfx_, &create) != CHANNEL_RC_OK ||
            gfx_->MapSurfaceToOutput(gfx_, &map) != CHANNEL_RC_OK)
            return fail(QStringLiteral("setting up its video surface failed"));
        video_ = VideoSurface{frame.regionId, frame.rect};
        qCInfo(lcRdp).noquote() << QStringLiteral("the host's video region %1 (%2x%3 at %4,%5) "
                                                  "passed through as AVC420 from its key frame")
                                       .arg(frame.regionId)
                                       .arg(frame.rect.width)
                                       .arg(frame.rect.height)
                                       .arg(frame.rect.x)
                                       .arg(frame.rect.y);
    }
    RECTANGLE_16 rect{0, 0, uint16_t(frame.rect.width), uint16_t(frame.rect.height)};
    RDPGFX_H264_QUANT_QUALITY quality{};
    quality.qp = kVideoQp;
    quality.qualityVal = kVideoQuality;
    RDPGFX_AVC420_BITMAP_STREAM stream{};
    stream.meta.numRegionRects = 1;
    stream.meta.regionRects = &rect;
    stream.meta.quantQualityVals = &quality;
    stream.length = uint32_t(frame.annexB.size());
    // FreeRDP only reads what it sends.
    stream.data = reinterpret_cast<BYTE *>(const_cast<char *>(frame.annexB.data()));
    RDPGFX_SURFACE_COMMAND command{};
    command.surfaceId = kVideoSurface;
    command.codecId = RDPGFX_CODECID_AVC420;
    command.format = PIXEL_FORMAT_BGRX32;
    command.right = uint32_t(frame.rect.width);
    command.bottom = uint32_t(frame.rect.height);
    command.width = uint32_t(frame.rect.width);
    command.height = uint32_t(frame.rect.height);
    command.extra = &stream;
    if (gfx_->SurfaceCommand(gfx_, &command) != CHANNEL_RC_OK)
        return fail(QStringLiteral("sending it a video picture failed"));
    if (counters_)
        counters_->avc420Commands.fetch_add(1, std::memory_order_relaxed);
    *sent = true;
    return true;
}

bool RdpGfxChannel::throttled()
{
    ResetEvent(ackEvent_);
    if (acksSuspended_.load())
        return false;
    return frameId_ - ackedFrameId_.load() > kMaxFramesInFlight;
}

bool RdpGfxChannel::sendPicture(const RdpPictureUpdate &update)
{
    // Encoded before the server knew this client: the whole picture follows.
    if (!update.topDown)
        return true;
    // What came before it may be missing: the video waits for its next key frame.
    if (update.whole && !deleteVideoSurface())
        return false;
    if (update.tiles.empty() && update.video.empty() && update.copies.empty())
        return true;
    RDPGFX_START_FRAME_PDU start{frameTimestamp(), ++frameId_};
    if (gfx_->StartFrame(gfx_, &start) != CHANNEL_RC_OK)
        return fail(QStringLiteral("starting a graphics frame failed"));
    for (const RdpCopy &copy : update.copies) {
        if (!sendCopy(copy))
            return false;
    }
    const bool videoShown = std::all_of(update.video.begin(), update.video.end(),
                                        [](const RdpVideoFramePtr &frame) { return frame->shown; });
    // Drawn over, or ended: the tiles show what is there, over no video surface.
    if (!videoShown && !dropVideo())
        return false;
    // Where the client decodes the picture itself: the region of its video surface, if the
    // last picture sent went there (a region that replaced it meanwhile leaves no surface);
    // empty for none.
    Rect decodedByClient;
    for (const RdpVideoFramePtr &frame : update.video) {
        bool sent = false;
        if (videoShown && !sendVideo(*frame, &sent))
            return false;
        if (sent)
            decodedByClient = frame->rect;
    }
    if (!video_ || decodedByClient != video_->rect)
        decodedByClient = {};
    for (const RdpTile &tile : update.tiles) {
        const Rect rect{tile.x, tile.y, tile.width, tile.height};
        if (!decodedByClient.isEmpty() && decodedByClient.contains(rect))
            continue;
        RDPGFX_SURFACE_COMMAND command{};
        command.surfaceId = kDesktopSurface;
        command.codecId = RDPGFX_CODECID_PLANAR;
        command.format = PIXEL_FORMAT_BGRX32;
        command.left = tile.x;
        command.top = tile.y;
        command.right = uint32_t(tile.x) + tile.width;
        command.bottom = uint32_t(tile.y) + tile.height;
        command.width = tile.width;
        command.height = tile.height;
        command.length = uint32_t(tile.planarTopDown.size());
        // FreeRDP only reads what it sends.
        command.data = reinterpret_cast<BYTE *>(const_cast<char *>(tile.planarTopDown.data()));
        if (gfx_->SurfaceCommand(gfx_, &command) != CHANNEL_RC_OK)
            return fail(QStringLiteral("sending it a graphics surface command failed"));
    }
    RDPGFX_END_FRAME_PDU end{frameId_};
    if (gfx_->EndFrame(gfx_, &end) != CHANNEL_RC_OK)
        return fail(QStringLiteral("ending a graphics frame failed"));
    if (counters_)
        counters_->frames.fetch_add(1, std::memory_order_relaxed);
    return flush();
}

bool RdpGfxChannel::sendCopy(const RdpCopy &copy)
{
    const Rect source{copy.fromX, copy.fromY, copy.width, copy.height};
    const auto surfaceCopy = [this](uint16_t from, const Rect &rect, int32_t toX, int32_t toY) {
        RDPGFX_POINT16 to{uint16_t(toX), uint16_t(toY)};
        RDPGFX_SURFACE_TO_SURFACE_PDU pdu{
            from,
            kDesktopSurface,
            {uint16_t(rect.x), uint16_t(rect.y), uint16_t(rect.right()), uint16_t(rect.bottom())},
            1,
            &to};
        return gfx_->SurfaceToSurface(gfx_, &pdu) == CHANNEL_RC_OK;
    };
    if (!surfaceCopy(kDesktopSurface, source, copy.x, copy.y))
        return fail(QStringLiteral("sending it a copy failed"));
    // Under its video surface the desktop's surface was left as it was (the client decoded
    // those pixels on the video surface): what a copy takes from there comes from that one.
    if (video_) {
        const Rect underVideo = source.intersected(video_->rect);
        if (!underVideo.isEmpty() &&
            !surfaceCopy(kVideoSurface, underVideo.translated(-video_->rect.x, -video_->rect.y),
                         copy.x + underVideo.x - source.x, copy.y + underVideo.y - source.y))
            return fail(QStringLiteral("sending it a copy failed"));
    }
    return true;
}

bool RdpGfxChannel::flush()
{
    if (WTSVirtualChannelManagerCheckFileDescriptor(vcm_))
        return true;
    return fail(QStringLiteral("sending its virtual channels' data failed"));
}

bool RdpGfxChannel::fail(const QString &reason)
{
    if (error_.isEmpty())
        error_ = reason;
    return false;
}

void RdpGfxChannel::becomeUnavailable(const QString &why)
{
    qCDebug(lcRdp).noquote() << "no graphics pipeline:" << why;
    state_ = State::Unavailable;
    stateChanged_ = true;
}

} // namespace baton::rdp
