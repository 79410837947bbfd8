#include "core/capture/wayland/PipeWireStream.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/wayland/ScreenCastMeta.h"

#include <QPointer>
#include <QTimer>

#include <array>
#include <spa/buffer/meta.h>
#include <spa/param/video/format-utils.h>
#include <spa/pod/builder.h>
#include <span>
#include <unistd.h>
#include <vector>

// libpipewire's calls through its interfaces (pw_loop_iterate, pw_core_add_listener…) are
// macros made of GNU statement expressions, which clang's -Wpedantic flags where they are
// expanded; GCC does not.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wgnu-statement-expression"
#endif

namespace baton {
namespace {

// The cursor meta we accept: the cursor, its bitmap header and room for a bitmap of up to
// kMaxCursorMetaPx a side. Producers ask for one fixed size (mutter 43 for 384 x 384, a
// meta that does not fit our range is left out altogether), so the range is wide; the
// bitmaps we take are bounded by screencast::kMaxCursorPx all the same.
constexpr int kMaxCursorMetaPx = 1024;

constexpr int cursorMetaBytes(int sidePx)
{
    return int(sizeof(spa_meta_cursor) + sizeof(spa_meta_bitmap)) +
        sidePx * sidePx * kBytesPerPixel;
}

std::span<const uint8_t> metaBytes(spa_buffer *buffer, uint32_t type)
{
    const spa_meta *meta = spa_buffer_find_meta(buffer, type);
    if (meta == nullptr || meta->data == nullptr)
        return {};
    return {static_cast<const uint8_t *>(meta->data), meta->size};
}

// A pw_buffer whose memory was checked on arrival (add_buffer) is marked through its
// user_data, which libpipewire leaves to us.
const char kCheckedMarker = 0;
void *const kCheckedBuffer = const_cast<char *>(&kCheckedMarker);
// The same for a buffer whose memory is read through its descriptor (pread), never through
// the mapping: a memfd the producer could shrink under us (PipeWirePicture::checkMemory).
const char kUnsealedMarker = 0;
void *const kUnsealedBuffer = const_cast<char *>(&kUnsealedMarker);

// The buffers and metadata we ask for, whatever the format: given once with the formats,
// so that a new format (a resized window) is not followed by a second negotiation of
// the buffers, in which the producer's first picture of the new size could be lost.
void addBufferParams(spa_pod_builder &builder, std::vector<const spa_pod *> &params)
{
    spa_pod_frame frame{};
    const auto object = [&](uint32_t type, uint32_t id, auto... properties) {
        spa_pod_builder_push_object(&builder, &frame, type, id);
        spa_pod_builder_add(&builder, properties..., 0);
        params.push_back(static_cast<const spa_pod *>(spa_pod_builder_pop(&builder, &frame)));
    };
    object(SPA_TYPE_OBJECT_ParamBuffers, SPA_PARAM_Buffers, SPA_PARAM_BUFFERS_dataType,
           SPA_POD_CHOICE_FLAGS_Int((1 << SPA_DATA_MemFd) | (1 << SPA_DATA_MemPtr) |
                                    (1 << SPA_DATA_DmaBuf)));
    object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
           SPA_POD_Id(SPA_META_Header), SPA_PARAM_META_size,
           SPA_POD_Int(int(sizeof(spa_meta_header))));
    object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
           SPA_POD_Id(SPA_META_VideoCrop), SPA_PARAM_META_size,
           SPA_POD_Int(int(sizeof(spa_meta_region))));
    const int region = int(sizeof(spa_meta_region));
    object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
           SPA_POD_Id(SPA_META_VideoDamage), SPA_PARAM_META_size,
           SPA_POD_CHOICE_RANGE_Int(region * 16, region, region * screencast::kMaxDamageRects));
    object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
           SPA_POD_Id(SPA_META_Cursor), SPA_PARAM_META_size,
           SPA_POD_CHOICE_RANGE_Int(cursorMetaBytes(64), cursorMetaBytes(1),
                                    cursorMetaBytes(kMaxCursorMetaPx)));
}

} // namespace

struct PipeWireStream::Listeners {
    PwListener core;
    PwListener registry;
    PwListener stream;
};

PipeWireStream::PipeWireStream(uint32_t nodeId, std::unique_ptr<PipeWireLoop> loop)
    : nodeId_(nodeId), loop_(std::move(loop)), listeners_(std::make_unique<Listeners>())
{
    firstPictureTimer_.setSingleShot(true);
    firstPictureTimer_.setInterval(kFirstPictureWaitMs);
    connect(&firstPictureTimer_, &QTimer::timeout, this, &PipeWireStream::nudgeForFirstPicture);
}

PipeWireStream::~PipeWireStream() = default;

std::unique_ptr<PipeWireStream> PipeWireStream::open(int fd, uint32_t nodeId, QString *error)
{
    auto loop = PipeWireLoop::create(error);
    if (!loop) {
        if (fd >= 0)
            ::close(fd);
        return nullptr;
    }
    std::unique_ptr<PipeWireStream> self(new PipeWireStream(nodeId, std::move(loop)));
    self->core_ = self->loop_->connect(fd, error);
    if (!self->core_)
        return nullptr;

    static const pw_core_events coreEvents = [] {
        pw_core_events events{};
        events.version = PW_VERSION_CORE_EVENTS;
        events.error = [](void *data, uint32_t id, int, int res, const char *message) {
            static_cast<PipeWireStream *>(data)->onCoreError(id, res, message);
        };
        return events;
    }();
    pw_core_add_listener(self->core_.get(), self->listeners_->core.get(), &coreEvents, self.get());

    // The registry says when the node goes: a stream whose producer vanished is merely
    // left unlinked by the session manager, without any error of its own.
    static const pw_registry_events registryEvents = [] {
        pw_registry_events events{};
        events.version = PW_VERSION_REGISTRY_EVENTS;
        events.global_remove = [](void *data, uint32_t id) {
            static_cast<PipeWireStream *>(data)->onGlobalRemoved(id);
        };
        return events;
    }();
    auto *registry = pw_core_get_registry(self->core_.get(), PW_VERSION_REGISTRY, 0);
    if (registry == nullptr) {
        *error = QStringLiteral("cannot get PipeWire's registry");
        return nullptr;
    }
    self->registry_.reset(reinterpret_cast<pw_proxy *>(registry));
    pw_registry_add_listener(registry, self->listeners_->registry.get(), &registryEvents,
                             self.get());

    if (!self->connectStream(error))
        return nullptr;
    self->loop_->setAfterDispatch([stream = self.get()] { stream->afterDispatch(); });
    return self;
}

bool PipeWireStream::connectStream(QString *error)
{
    pw_properties *properties = pw_properties_new(
        PW_KEY_MEDIA_TYPE, "Video", PW_KEY_MEDIA_CATEGORY, "Capture", PW_KEY_MEDIA_ROLE, "Screen",
        // The share ends with its node: never linked to another one.
        PW_KEY_NODE_DONT_RECONNECT, "true", nullptr);
    stream_.reset(pw_stream_new(core_.get(), "baton-capture", properties));
    if (!stream_) {
        *error = QStringLiteral("cannot create a PipeWire stream: %1").arg(qt_error_string(errno));
        return false;
    }
    static const pw_stream_events streamEvents = [] {
        pw_stream_events events{};
        events.version = PW_VERSION_STREAM_EVENTS;
        events.state_changed = [](void *data, pw_stream_state, pw_stream_state state,
                                  const char *message) {
            static_cast<PipeWireStream *>(data)->onStateChanged(state, message);
        };
        events.param_changed = [](void *data, uint32_t id, const spa_pod *param) {
            static_cast<PipeWireStream *>(data)->onParamChanged(id, param);
        };
        events.add_buffer = [](void *data, pw_buffer *buffer) {
            auto *self = static_cast<PipeWireStream *>(data);
            bool unsealed = false;
            for (uint32_t i = 0; i < buffer->buffer->n_datas; ++i) {
                const QString refusal =
                    PipeWirePicture::checkMemory(buffer->buffer->datas[i], &unsealed);
                if (!refusal.isEmpty()) {
                    self->fail(refusal);
                    return;
                }
            }
            buffer->user_data = unsealed ? kUnsealedBuffer : kCheckedBuffer;
        };
        events.process = [](void *data) { static_cast<PipeWireStream *>(data)->onProcess(); };
        return events;
    }();
    pw_stream_add_listener(stream_.get(), listeners_->stream.get(), &streamEvents, this);

    // Every format we convert, any size a Frame can have, any rate.
    std::array<uint8_t, 2048> buffer{};
    spa_pod_builder builder{};
    spa_pod_builder_init(&builder, buffer.data(), uint32_t(buffer.size()));
    spa_pod_frame object{};
    spa_pod_frame choice{};
    spa_pod_builder_push_object(&builder, &object, SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat);
    spa_pod_builder_add(&builder, SPA_FORMAT_mediaType, SPA_POD_Id(SPA_MEDIA_TYPE_video),
                        SPA_FORMAT_mediaSubtype, SPA_POD_Id(SPA_MEDIA_SUBTYPE_raw), 0);
    spa_pod_builder_prop(&builder, SPA_FORMAT_VIDEO_format, 0);
    spa_pod_builder_push_choice(&builder, &choice, SPA_CHOICE_Enum, 0);
    const auto formats = screencast::supportedVideoFormats();
    spa_pod_builder_id(&builder, formats.front()); // the default
    for (const uint32_t format : formats)
        spa_pod_builder_id(&builder, format);
    spa_pod_builder_pop(&builder, &choice);
    const spa_rectangle defaultSize{1280, 720}, minSize{1, 1},
        maxSize{uint32_t(Frame::kMaxDimensionPx), uint32_t(Frame::kMaxDimensionPx)};
    const spa_fraction defaultRate{0, 1}, minRate{0, 1}, maxRate{1000, 1};
    spa_pod_builder_add(&builder, SPA_FORMAT_VIDEO_size,
                        SPA_POD_CHOICE_RANGE_Rectangle(&defaultSize, &minSize, &maxSize),
                        SPA_FORMAT_VIDEO_framerate,
                        SPA_POD_CHOICE_RANGE_Fraction(&defaultRate, &minRate, &maxRate), 0);
    std::vector<const spa_pod *> params = {
        static_cast<const spa_pod *>(spa_pod_builder_pop(&builder, &object))};
    addBufferParams(builder, params);
    const int res = pw_stream_connect(
        stream_.get(), PW_DIRECTION_INPUT, nodeId_,
        static_cast<pw_stream_flags>(PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS),
        params.data(), uint32_t(params.size()));
    if (res < 0) {
        *error = QStringLiteral("cannot connect to PipeWire node %1: %2")
                     .arg(nodeId_)
                     .arg(qt_error_string(-res));
        return false;
    }
    return true;
}

void PipeWireStream::nudgeForFirstPicture()
{
    if (failed_ || hasPicture() || nudges_ >= kMaxNudges)
        return;
    ++nudges_;
    // Mutter records a window when the stream starts and then only when the window
    // changes: a first picture it recorded before our buffers were ready is lost, and a
    // still window would never send another. Pausing and resuming the stream makes it
    // record one again.
    qCInfo(lcCapture).noquote() << "no picture from PipeWire node" << nodeId_
                                << "yet: pausing and resuming the stream";
    pw_stream_set_active(stream_.get(), false);
    pw_stream_set_active(stream_.get(), true);
    firstPictureTimer_.start();
}

void PipeWireStream::fail(const QString &reason)
{
    if (failed_)
        return;
    failed_ = true;
    qCWarning(lcCapture).noquote() << "PipeWire node" << nodeId_ << ":" << reason;
    QTimer::singleShot(0, this, [this, reason] { emit failed(reason); });
}

void PipeWireStream::onStateChanged(int state, const char *error)
{
    switch (state) {
    case PW_STREAM_STATE_ERROR:
        fail(QStringLiteral("stream error: %1").arg(QString::fromUtf8(error ? error : "unknown")));
        break;
    case PW_STREAM_STATE_UNCONNECTED:
        fail(QStringLiteral("stream disconnected"));
        break;
    case PW_STREAM_STATE_STREAMING:
        if (!streaming_) {
            qCDebug(lcCapture).noquote()
                << "PipeWire node" << nodeId_ << "streaming" << formatDescription();
            firstPictureTimer_.start();
        }
        streaming_ = true;
        break;
    default:
        break;
    }
}

void PipeWireStream::onCoreError(uint32_t id, int res, const char *message)
{
    // Errors of other objects come with their own state changes; the core's is the
    // connection (EPIPE: the daemon went).
    if (id == PW_ID_CORE)
        fail(QStringLiteral("PipeWire: %1 (%2)")
                 .arg(QString::fromUtf8(message ? message : ""), qt_error_string(-res)));
}

void PipeWireStream::onGlobalRemoved(uint32_t id)
{
    if (id == nodeId_)
        fail(QStringLiteral("the stream's node is gone"));
}

void PipeWireStream::onParamChanged(uint32_t id, const spa_pod *param)
{
    if (id != SPA_PARAM_Format || param == nullptr)
        return;
    uint32_t mediaType = 0, mediaSubtype = 0;
    spa_video_info_raw info{};
    if (spa_format_parse(param, &mediaType, &mediaSubtype) < 0 ||
        mediaType != SPA_MEDIA_TYPE_video || mediaSubtype != SPA_MEDIA_SUBTYPE_raw ||
        spa_format_video_raw_parse(param, &info) < 0) {
        fail(QStringLiteral("the producer chose a format that is not raw video"));
        return;
    }
    const auto pixelFormat = screencast::pixelFormatOf(info.format);
    if (!pixelFormat || info.size.width > uint32_t(Frame::kMaxDimensionPx) ||
        info.size.height > uint32_t(Frame::kMaxDimensionPx) ||
        !Frame::isValidSize(int32_t(info.size.width), int32_t(info.size.height))) {
        fail(QStringLiteral("the producer chose a format we did not offer (%1, %2x%3)")
                 .arg(info.format)
                 .arg(info.size.width)
                 .arg(info.size.height));
        return;
    }
    picture_.setFormat({info.format, int32_t(info.size.width), int32_t(info.size.height),
                        PixelConverter::create(*pixelFormat)});
    qCDebug(lcCapture).noquote() << "PipeWire node" << nodeId_ << "format" << formatDescription();
}

void PipeWireStream::onProcess()
{
    // Every buffer that is ready, oldest first: the newest picture is copied, the damage of
    // those it replaces added to its own, their cursor metadata read in order.
    std::vector<pw_buffer *> buffers;
    while (pw_buffer *b = pw_stream_dequeue_buffer(stream_.get()))
        buffers.push_back(b);
    pw_buffer *newest = nullptr;
    Rect newestCrop;
    std::optional<Region> damage = Region();
    for (pw_buffer *b : buffers) {
        spa_buffer *buffer = b->buffer;
        if (failed_ || (b->user_data != kCheckedBuffer && b->user_data != kUnsealedBuffer))
            continue;
        const spa_chunk *chunk = buffer->n_datas > 0 ? buffer->datas[0].chunk : nullptr;
        const auto *header = static_cast<const spa_meta_header *>(
            spa_buffer_find_meta_data(buffer, SPA_META_Header, sizeof(spa_meta_header)));
        const bool corrupted = chunk == nullptr || (chunk->flags & SPA_CHUNK_FLAG_CORRUPTED) != 0 ||
            (header != nullptr && (header->flags & SPA_META_HEADER_FLAG_CORRUPTED) != 0);
        if (corrupted)
            picture_.copyWholeNext(); // what it changed is unknown
        // Size 0: no new picture, a cursor-only update. Its crop meta may be stale, so its
        // cursor is placed in the crop of the last picture.
        const bool picture = !corrupted && chunk->size > 0;
        const Rect crop = picture
            ? screencast::cropFromMeta(metaBytes(buffer, SPA_META_VideoCrop),
                                       picture_.format().width, picture_.format().height)
            : picture_.crop();
        readCursor(buffer, crop);
        if (!picture)
            continue;
        const auto own = screencast::damageFromMeta(metaBytes(buffer, SPA_META_VideoDamage), crop);
        if (damage && own && crop == picture_.crop())
            *damage |= *own;
        else
            damage.reset();
        newest = b;
        newestCrop = crop;
    }
    if (newest != nullptr && !failed_)
        copyPicture(*newest->buffer, newestCrop, damage, newest->user_data == kUnsealedBuffer);
    for (pw_buffer *b : buffers)
        pw_stream_queue_buffer(stream_.get(), b);
}

void PipeWireStream::copyPicture(const spa_buffer &buffer, const Rect &crop,
                                 const std::optional<Region> &damage, bool byDescriptor)
{
    QString error;
    const Region copied = picture_.copy(buffer, crop, damage, byDescriptor, &error);
    if (!error.isEmpty())
        fail(error);
    else if (!copied.isEmpty())
        pendingFrame_ = true;
}

void PipeWireStream::readCursor(spa_buffer *buffer, const Rect &crop)
{
    const auto bytes = metaBytes(buffer, SPA_META_Cursor);
    if (bytes.empty())
        return;
    std::string reason;
    auto meta = screencast::cursorFromMeta(bytes, &reason);
    if (!meta) {
        const QString refusal = QString::fromStdString(reason);
        if (refusal != lastRefusal_)
            qCWarning(lcCapture).noquote()
                << "PipeWire node" << nodeId_ << "cursor ignored:" << refusal;
        lastRefusal_ = refusal;
        return;
    }
    const CursorState before = cursor_;
    if (meta->bitmap) {
        screencast::CursorBitmap &bitmap = *meta->bitmap;
        cursorHidden_ = bitmap.image.isNull();
        if (!cursorHidden_ &&
            (bitmap.image != cursor_.image || bitmap.hotX != cursor_.hotX ||
             bitmap.hotY != cursor_.hotY)) {
            cursor_.image = std::move(bitmap.image);
            cursor_.hotX = bitmap.hotX;
            cursor_.hotY = bitmap.hotY;
            ++cursor_.serial;
        }
    }
    cursor_.visible = meta->valid && !cursorHidden_;
    if (meta->valid) {
        cursor_.x = meta->x - crop.x;
        cursor_.y = meta->y - crop.y;
    }
    if (cursor_.visible != before.visible || cursor_.x != before.x || cursor_.y != before.y ||
        cursor_.serial != before.serial)
        pendingCursor_ = true;
}

void PipeWireStream::afterDispatch()
{
    // A slot may destroy the stream.
    const QPointer<PipeWireStream> alive(this);
    if (std::exchange(pendingCursor_, false))
        emit cursorChanged();
    if (alive && std::exchange(pendingFrame_, false))
        emit frameArrived();
}

} // namespace baton
