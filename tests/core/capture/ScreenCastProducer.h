#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Rect.h"
#include "core/capture/wayland/PipeWireLoop.h"

#include <QObject>
#include <QString>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <spa/buffer/meta.h>
#include <spa/param/video/format-utils.h>
#include <spa/pod/builder.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

// A screen cast producer for tests of the consumer side (PipeWireStream): it plays the
// compositor, driving the graph and writing known pixels, damage, crop and cursor
// metadata into buffers of sealed memfds it allocates, as mutter does.
namespace baton::test {

// BGRA as the bytes of an SPA format; the x byte is junk the consumer must not keep.
inline std::array<uint8_t, 4> encode(uint32_t bgra, uint32_t spaFormat)
{
    const uint8_t b = bgra & 0xff, g = (bgra >> 8) & 0xff, r = (bgra >> 16) & 0xff, a = bgra >> 24;
    switch (spaFormat) {
    case SPA_VIDEO_FORMAT_BGRx:
        return {b, g, r, 0x5a};
    case SPA_VIDEO_FORMAT_RGBx:
        return {r, g, b, 0x5a};
    case SPA_VIDEO_FORMAT_xRGB:
        return {0x5a, r, g, b};
    case SPA_VIDEO_FORMAT_RGBA:
        return {r, g, b, a};
    default:
        return {b, g, r, a};
    }
}

struct CursorPicture {
    int32_t x = 0;
    int32_t y = 0;
    int32_t hotX = 0;
    int32_t hotY = 0;
    Frame image; // premultiplied BGRA; null: no new bitmap
};

// What the producer puts in one buffer.
struct ProducedBuffer {
    Frame pixels; // null: no picture (chunk size 0)
    std::vector<Rect> damage; // empty: the damage meta lists nothing
    Rect crop; // empty: no crop
    std::optional<CursorPicture> cursor; // none: the cursor meta's id is 0 (off the window)
    // A stride other than the buffer's (a lie when larger), 0 for the true one.
    int32_t claimedStride = 0;
    // Truncates the buffer's memfd once the picture is in it (unsealed buffers only): the
    // producer takes the memory away under the consumer.
    bool truncateAfterWriting = false;
};

inline constexpr int kCursorSidePx = 32;
inline constexpr int kProducerStridePaddingBytes = 24;

inline int cursorMetaBytes(int side)
{
    return int(sizeof(spa_meta_cursor) + sizeof(spa_meta_bitmap)) + side * side * 4;
}

// A screen cast producer: a driving output stream whose buffers it allocates (memfd), like
// mutter's.
class ScreenCastProducer {
public:
    // sealed: whether the buffers' memfds are sealed against resizing, as mutter's are.
    static std::unique_ptr<ScreenCastProducer> create(uint32_t spaFormat, int width, int height,
                                                      QString *error, bool sealed = true)
    {
        std::unique_ptr<ScreenCastProducer> self(new ScreenCastProducer);
        self->format_ = spaFormat;
        self->sealed_ = sealed;
        self->loop_ = PipeWireLoop::create(error);
        if (!self->loop_)
            return nullptr;
        self->core_ = self->loop_->connect(-1, error);
        if (!self->core_)
            return nullptr;
        self->stream_.reset(
            pw_stream_new(self->core_.get(), "test-screen-cast",
                          pw_properties_new(PW_KEY_MEDIA_CLASS, "Stream/Output/Video",
                                            PW_KEY_MEDIA_TYPE, "Video", nullptr)));
        static const pw_stream_events events = [] {
            pw_stream_events e{};
            e.version = PW_VERSION_STREAM_EVENTS;
            e.state_changed = [](void *data, pw_stream_state, pw_stream_state state, const char *) {
                static_cast<ScreenCastProducer *>(data)->state_ = state;
            };
            e.param_changed = [](void *data, uint32_t id, const spa_pod *param) {
                static_cast<ScreenCastProducer *>(data)->onParamChanged(id, param);
            };
            e.add_buffer = [](void *data, pw_buffer *b) {
                static_cast<ScreenCastProducer *>(data)->addBuffer(b);
            };
            e.remove_buffer = [](void *data, pw_buffer *b) {
                static_cast<ScreenCastProducer *>(data)->removeBuffer(b);
            };
            e.process = [](void *data) { static_cast<ScreenCastProducer *>(data)->onProcess(); };
            return e;
        }();
        pw_stream_add_listener(self->stream_.get(), self->listener_.get(), &events, self.get());
        std::array<uint8_t, 1024> buffer{};
        const spa_pod *params[] = {self->enumFormat(buffer, width, height)};
        if (pw_stream_connect(self->stream_.get(), PW_DIRECTION_OUTPUT, PW_ID_ANY,
                              static_cast<pw_stream_flags>(PW_STREAM_FLAG_DRIVER |
                                                           PW_STREAM_FLAG_ALLOC_BUFFERS |
                                                           PW_STREAM_FLAG_MAP_BUFFERS),
                              params, 1) < 0) {
            *error = QStringLiteral("cannot connect the producer");
            return nullptr;
        }
        return self;
    }

    uint32_t nodeId() const { return pw_stream_get_node_id(stream_.get()); }
    bool hasNode() const
    {
        return state_ == PW_STREAM_STATE_PAUSED || state_ == PW_STREAM_STATE_STREAMING;
    }
    // Linked to a consumer, with buffers of the current size.
    bool streaming() const
    {
        return state_ == PW_STREAM_STATE_STREAMING && buffers_ > 0 && negotiated_;
    }
    int width() const { return width_; }
    int height() const { return height_; }
    int sent() const { return sent_; }

    // Offers only width x height from now on: the link negotiates again, as when a shared
    // window is resized.
    void resize(int width, int height)
    {
        negotiated_ = false;
        std::array<uint8_t, 1024> buffer{};
        const spa_pod *params[] = {enumFormat(buffer, width, height)};
        pw_stream_update_params(stream_.get(), params, 1);
    }

    // Queues one buffer with what send says, at the next graph cycle we drive; while no
    // buffer is free (the consumer holds them all, or they are being replaced), the cycle
    // is tried again like a compositor's next frame.
    void send(ProducedBuffer send)
    {
        pending_ = std::move(send);
        pw_stream_trigger_process(stream_.get());
        if (!retry_.isActive())
            retry_.start();
    }

    // Sends the picture again and again until arrived() says the consumer has it: after a
    // new format, the link may start a moment after the producer has its new buffers, and
    // a picture sent in between is lost (a compositor draws its next frame anyway).
    void sendUntil(const ProducedBuffer &picture, const std::function<bool()> &arrived)
    {
        send(picture);
        QObject::disconnect(repeat_);
        repeat_ =
            QObject::connect(&retry_, &QTimer::timeout, [this, picture, arrived, n = 0]() mutable {
                if (arrived())
                    QObject::disconnect(repeat_);
                else if (!pending_ && ++n % 5 == 0)
                    send(picture);
            });
    }

private:
    ScreenCastProducer()
    {
        retry_.setInterval(20);
        QObject::connect(&retry_, &QTimer::timeout, [this] {
            if (pending_)
                pw_stream_trigger_process(stream_.get());
        });
    }

    const spa_pod *enumFormat(std::array<uint8_t, 1024> &buffer, int width, int height)
    {
        spa_pod_builder builder{};
        spa_pod_builder_init(&builder, buffer.data(), uint32_t(buffer.size()));
        spa_pod_frame frame{};
        const spa_rectangle size{uint32_t(width), uint32_t(height)};
        const spa_fraction rate{0, 1};
        spa_pod_builder_push_object(&builder, &frame, SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat);
        spa_pod_builder_add(&builder, SPA_FORMAT_mediaType, SPA_POD_Id(SPA_MEDIA_TYPE_video),
                            SPA_FORMAT_mediaSubtype, SPA_POD_Id(SPA_MEDIA_SUBTYPE_raw),
                            SPA_FORMAT_VIDEO_format, SPA_POD_Id(format_), SPA_FORMAT_VIDEO_size,
                            SPA_POD_Rectangle(&size), SPA_FORMAT_VIDEO_framerate,
                            SPA_POD_Fraction(&rate), 0);
        return static_cast<const spa_pod *>(spa_pod_builder_pop(&builder, &frame));
    }

    void onParamChanged(uint32_t id, const spa_pod *param)
    {
        if (id != SPA_PARAM_Format || param == nullptr)
            return;
        spa_video_info_raw info{};
        spa_format_video_raw_parse(param, &info);
        width_ = int(info.size.width);
        height_ = int(info.size.height);
        stride_ = width_ * 4 + kProducerStridePaddingBytes;
        std::array<uint8_t, 1024> buffer{};
        spa_pod_builder builder{};
        spa_pod_builder_init(&builder, buffer.data(), uint32_t(buffer.size()));
        std::vector<const spa_pod *> params;
        spa_pod_frame frame{};
        const auto object = [&](uint32_t type, uint32_t objectId, auto... properties) {
            spa_pod_builder_push_object(&builder, &frame, type, objectId);
            spa_pod_builder_add(&builder, properties..., 0);
            params.push_back(static_cast<const spa_pod *>(spa_pod_builder_pop(&builder, &frame)));
        };
        object(SPA_TYPE_OBJECT_ParamBuffers, SPA_PARAM_Buffers, SPA_PARAM_BUFFERS_buffers,
               SPA_POD_CHOICE_RANGE_Int(4, 2, 8), SPA_PARAM_BUFFERS_blocks, SPA_POD_Int(1),
               SPA_PARAM_BUFFERS_size, SPA_POD_Int(stride_ * height_), SPA_PARAM_BUFFERS_stride,
               SPA_POD_Int(stride_), SPA_PARAM_BUFFERS_dataType,
               SPA_POD_CHOICE_FLAGS_Int(1 << SPA_DATA_MemFd));
        const int region = int(sizeof(spa_meta_region));
        object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
               SPA_POD_Id(SPA_META_VideoDamage), SPA_PARAM_META_size,
               SPA_POD_CHOICE_RANGE_Int(region * 16, region, region * 16));
        object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
               SPA_POD_Id(SPA_META_VideoCrop), SPA_PARAM_META_size, SPA_POD_Int(region));
        object(SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta, SPA_PARAM_META_type,
               SPA_POD_Id(SPA_META_Cursor), SPA_PARAM_META_size,
               SPA_POD_CHOICE_RANGE_Int(cursorMetaBytes(kCursorSidePx), cursorMetaBytes(1),
                                        cursorMetaBytes(kCursorSidePx)));
        pw_stream_update_params(stream_.get(), params.data(), uint32_t(params.size()));
        negotiated_ = false; // until the buffers of this format are there
    }

    // The buffer's memory, as mutter makes it: a memfd sealed against resizing.
    void addBuffer(pw_buffer *b)
    {
        spa_data &data = b->buffer->datas[0];
        const uint32_t size = uint32_t(stride_ * height_);
        const int fd = memfd_create("test-screen-cast", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        QVERIFY(fd >= 0);
        QCOMPARE(ftruncate(fd, size), 0);
        if (sealed_)
            QCOMPARE(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL), 0);
        void *memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        QVERIFY(memory != MAP_FAILED);
        data.type = SPA_DATA_MemFd;
        data.flags = SPA_DATA_FLAG_READWRITE;
        data.fd = fd;
        data.mapoffset = 0;
        data.maxsize = size;
        data.data = memory;
        ++buffers_;
        negotiated_ = true;
    }

    void removeBuffer(pw_buffer *b)
    {
        spa_data &data = b->buffer->datas[0];
        if (data.type != SPA_DATA_MemFd)
            return;
        munmap(data.data, data.maxsize);
        ::close(int(data.fd));
        data.data = nullptr;
        --buffers_;
    }

    void onProcess()
    {
        if (!pending_)
            return;
        pw_buffer *b = pw_stream_dequeue_buffer(stream_.get());
        if (b == nullptr)
            return;
        spa_buffer *buffer = b->buffer;
        const ProducedBuffer &send = *pending_;
        spa_data &data = buffer->datas[0];
        data.chunk->offset = 0;
        data.chunk->stride = stride_;
        data.chunk->flags = SPA_CHUNK_FLAG_NONE;
        data.chunk->size = 0;
        if (!send.pixels.isNull()) {
            QVERIFY(send.pixels.width() == width_ && send.pixels.height() == height_);
            auto *bytes = static_cast<uint8_t *>(data.data);
            QVERIFY(bytes != nullptr && data.maxsize >= uint32_t(stride_ * height_));
            for (int y = 0; y < height_; ++y)
                for (int x = 0; x < width_; ++x) {
                    const auto encoded = encode(send.pixels.pixel(x, y), format_);
                    std::memcpy(bytes + std::ptrdiff_t(y) * stride_ + std::ptrdiff_t(x) * 4,
                                encoded.data(), 4);
                }
            data.chunk->size = uint32_t(stride_ * height_);
            if (send.truncateAfterWriting)
                QCOMPARE(ftruncate(int(data.fd), 0), 0);
            if (send.claimedStride != 0) {
                data.chunk->stride = send.claimedStride;
                data.chunk->size = data.maxsize;
            }
        }
        if (spa_meta *meta = spa_buffer_find_meta(buffer, SPA_META_VideoDamage)) {
            std::memset(meta->data, 0, meta->size);
            auto *regions = static_cast<spa_meta_region *>(meta->data);
            const std::size_t room = meta->size / sizeof(spa_meta_region);
            for (std::size_t i = 0; i < send.damage.size() && i < room; ++i)
                regions[i].region = {
                    {send.damage[i].x, send.damage[i].y},
                    {uint32_t(send.damage[i].width), uint32_t(send.damage[i].height)}};
        }
        if (auto *crop = static_cast<spa_meta_region *>(
                spa_buffer_find_meta_data(buffer, SPA_META_VideoCrop, sizeof(spa_meta_region))))
            crop->region = {
                {send.crop.x, send.crop.y},
                {uint32_t(std::max(0, send.crop.width)), uint32_t(std::max(0, send.crop.height))}};
        if (spa_meta *meta = spa_buffer_find_meta(buffer, SPA_META_Cursor))
            writeCursor(*meta, send.cursor);
        pw_stream_queue_buffer(stream_.get(), b);
        pending_.reset();
        ++sent_;
    }

    static void writeCursor(spa_meta &meta, const std::optional<CursorPicture> &cursor)
    {
        auto *c = static_cast<spa_meta_cursor *>(meta.data);
        std::memset(c, 0, sizeof *c);
        if (!cursor)
            return; // id 0
        c->id = 1;
        c->position = {cursor->x, cursor->y};
        c->hotspot = {cursor->hotX, cursor->hotY};
        if (cursor->image.isNull())
            return;
        c->bitmap_offset = sizeof(spa_meta_cursor);
        auto *bitmap = SPA_PTROFF(c, c->bitmap_offset, spa_meta_bitmap);
        const Frame &image = cursor->image;
        bitmap->format = SPA_VIDEO_FORMAT_RGBA;
        bitmap->size = {uint32_t(image.width()), uint32_t(image.height())};
        bitmap->stride = image.width() * 4;
        bitmap->offset = sizeof(spa_meta_bitmap);
        auto *pixels = SPA_PTROFF(bitmap, bitmap->offset, uint8_t);
        QVERIFY(c->bitmap_offset + bitmap->offset + uint32_t(bitmap->stride * image.height()) <=
                meta.size);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const auto encoded = encode(image.pixel(x, y), SPA_VIDEO_FORMAT_RGBA);
                std::memcpy(pixels + std::ptrdiff_t(y) * bitmap->stride + std::ptrdiff_t(x) * 4,
                            encoded.data(), 4);
            }
    }

    uint32_t format_ = 0;
    int width_ = 0;
    int height_ = 0;
    int stride_ = 0;
    int buffers_ = 0;
    int sent_ = 0;
    bool negotiated_ = false;
    bool sealed_ = true;
    pw_stream_state state_ = PW_STREAM_STATE_UNCONNECTED;
    std::optional<ProducedBuffer> pending_;
    QTimer retry_;
    QMetaObject::Connection repeat_;
    std::unique_ptr<PipeWireLoop> loop_;
    PwCorePtr core_;
    PwStreamPtr stream_;
    PwListener listener_;
};

} // namespace baton::test
