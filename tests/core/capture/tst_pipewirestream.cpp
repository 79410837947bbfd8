// PipeWireStream against a real PipeWire daemon of the test's own (with WirePlumber to link
// the nodes, and the session bus WirePlumber needs), fed by a producer pw_stream in this
// process that plays the compositor: it drives the graph, allocates shared-memory buffers
// and writes known pixels, damage, crop and cursor metadata into them, as mutter does.
#include "codecs/frame/Frame.h"
#include "core/capture/wayland/PipeWireLoop.h"
#include "core/capture/wayland/PipeWireStream.h"
#include "core/capture/wayland/PipeWireWindowSource.h"
#include "core/capture/wayland/ScreenCastMeta.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

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
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

using namespace baton;

namespace {

constexpr int kStartTimeoutMs = 30000; // WirePlumber links the nodes once it is up
constexpr int kTimeoutMs = 15000;

// dbus-daemon, pipewire and wireplumber in a private runtime directory; this process's
// libpipewire is pointed at it.
class PipeWireDaemon {
public:
    ~PipeWireDaemon()
    {
        for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
            (*it)->terminate();
            if (!(*it)->waitForFinished(5000)) {
                (*it)->kill();
                (*it)->waitForFinished(5000);
            }
        }
    }

    bool start(QString *error)
    {
        if (!dir_.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        environment_ = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "PIPEWIRE_REMOTE",
                                 "PIPEWIRE_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS"})
            environment_.remove(QString::fromLatin1(name));
        environment_.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir_.path());
        for (const char *name : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"}) {
            const QString path = dir_.filePath(QString::fromLatin1(name));
            QDir().mkpath(path);
            environment_.insert(QString::fromLatin1(name), path);
        }

        QProcess *bus = spawn(QStringLiteral("dbus-daemon"),
                              {QStringLiteral("--session"), QStringLiteral("--nofork"),
                               QStringLiteral("--print-address=1")});
        if (!bus->waitForReadyRead(10000))
            return fail(error, QStringLiteral("dbus-daemon gave no address"));
        const QString address = QString::fromUtf8(bus->readLine()).trimmed();
        environment_.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);

        spawn(QStringLiteral("pipewire"), {});
        if (!QTest::qWaitFor([&] { return QFileInfo::exists(dir_.filePath("pipewire-0")); }, 10000))
            return fail(error, QStringLiteral("pipewire did not start"));
        spawn(QStringLiteral("wireplumber"), {});

        qputenv("XDG_RUNTIME_DIR", dir_.path().toLocal8Bit());
        qunsetenv("PIPEWIRE_REMOTE");
        qunsetenv("PIPEWIRE_RUNTIME_DIR");
        return true;
    }

    // Each daemon's exit, for a failure message.
    QString states() const
    {
        QStringList lines;
        for (const auto &p : processes_)
            lines << QStringLiteral("%1: %2")
                         .arg(p->program())
                         .arg(p->state() == QProcess::Running ? "running" : "exited");
        return lines.join(QStringLiteral(", "));
    }

private:
    QProcess *spawn(const QString &program, const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment_);
        process->setStandardErrorFile(dir_.filePath(program + QStringLiteral(".log")));
        process->start(program, arguments);
        processes_.push_back(std::move(process));
        return processes_.back().get();
    }
    static bool fail(QString *error, const QString &why)
    {
        *error = why;
        return false;
    }

    QTemporaryDir dir_;
    QProcessEnvironment environment_;
    std::vector<std::unique_ptr<QProcess>> processes_;
};

// A colour per pixel and picture number, opaque BGRA.
uint32_t colour(int x, int y, int picture)
{
    return 0xff000000u | uint32_t((x * 7 + picture * 40) & 0xff) << 16 |
        uint32_t((y * 5 + picture * 90) & 0xff) << 8 | (uint32_t((x ^ y) + picture * 13) & 0xff);
}

Frame picture(int width, int height, int number)
{
    Frame frame(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            frame.setPixel(x, y, colour(x, y, number));
    return frame;
}

// BGRA as the bytes of an SPA format; the x byte is junk the consumer must not keep.
std::array<uint8_t, 4> encode(uint32_t bgra, uint32_t spaFormat)
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
struct Send {
    Frame pixels; // null: no picture (chunk size 0)
    std::vector<Rect> damage; // empty: the damage meta lists nothing
    Rect crop; // empty: no crop
    std::optional<CursorPicture> cursor;
    // A stride other than the buffer's (a lie when larger), 0 for the true one.
    int32_t claimedStride = 0;
};

constexpr int kCursorSidePx = 32;
constexpr int kProducerStridePaddingBytes = 24;

int cursorMetaBytes(int side)
{
    return int(sizeof(spa_meta_cursor) + sizeof(spa_meta_bitmap)) + side * side * 4;
}

// A screen cast producer: a driving output stream whose buffers it allocates (memfd), like
// mutter's.
class Producer {
public:
    // sealed: whether the buffers' memfds are sealed against resizing, as mutter's are.
    static std::unique_ptr<Producer> create(uint32_t spaFormat, int width, int height,
                                            QString *error, bool sealed = true)
    {
        std::unique_ptr<Producer> self(new Producer);
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
                static_cast<Producer *>(data)->state_ = state;
            };
            e.param_changed = [](void *data, uint32_t id, const spa_pod *param) {
                static_cast<Producer *>(data)->onParamChanged(id, param);
            };
            e.add_buffer = [](void *data, pw_buffer *b) {
                static_cast<Producer *>(data)->addBuffer(b);
            };
            e.remove_buffer = [](void *data, pw_buffer *b) {
                static_cast<Producer *>(data)->removeBuffer(b);
            };
            e.process = [](void *data) { static_cast<Producer *>(data)->onProcess(); };
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
    void send(Send send)
    {
        pending_ = std::move(send);
        pw_stream_trigger_process(stream_.get());
        if (!retry_.isActive())
            retry_.start();
    }

    // Sends the picture again and again until arrived() says the consumer has it: after a
    // new format, the link may start a moment after the producer has its new buffers, and
    // a picture sent in between is lost (a compositor draws its next frame anyway).
    void sendUntil(const Send &picture, std::function<bool()> arrived)
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
    Producer()
    {
        retry_.setInterval(20);
        QObject::connect(&retry_, &QTimer::timeout, [this] {
            if (pending_)
                pw_stream_trigger_process(stream_.get());
        });
    }

    const spa_pod *enumFormat(std::array<uint8_t, 1024> &buffer, int width, int height)
    {
        spa_pod_builder builder;
        spa_pod_builder_init(&builder, buffer.data(), uint32_t(buffer.size()));
        spa_pod_frame frame;
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
        spa_pod_builder builder;
        spa_pod_builder_init(&builder, buffer.data(), uint32_t(buffer.size()));
        std::vector<const spa_pod *> params;
        spa_pod_frame frame;
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
        const Send &send = *pending_;
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
                    std::memcpy(bytes + y * stride_ + x * 4, encoded.data(), 4);
                }
            data.chunk->size = uint32_t(stride_ * height_);
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
                std::memcpy(pixels + y * bitmap->stride + x * 4, encoded.data(), 4);
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
    std::optional<Send> pending_;
    QTimer retry_;
    QMetaObject::Connection repeat_;
    std::unique_ptr<PipeWireLoop> loop_;
    PwCorePtr core_;
    PwStreamPtr stream_;
    PwListener listener_;
};

// A premultiplied cursor image with transparent corners and half-transparent edges.
Frame cursorImage(int side, int variant)
{
    Frame image(side, side);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const uint32_t alpha = (x + y) % 3 == 0 ? 0 : (x == 0 || y == 0) ? 0x80 : 0xff;
            const uint32_t c = (uint32_t(x * 8 + variant * 50) & 0xff) * alpha / 255;
            image.setPixel(x, y,
                           alpha << 24 | c << 16 | (alpha / 2) << 8 |
                               (uint32_t(y * 8) & 0xff) * alpha / 255);
        }
    return image;
}

// The granted session PipeWireWindowSource is given, standing in for mutter's or the
// portal's D-Bus side (tested in tst_mutterscreencast and tst_portalscreencast): it names
// the producer's node and, like the portal, hands out a descriptor connected to the daemon.
class ProducerSession final : public ScreenCastSession {
public:
    ProducerSession(uint32_t nodeId, QPoint position) : nodeId_(nodeId), position_(position) { }

    void begin(const ScreenCastOptions &) override { emit granted(); }
    QString backendName() const override { return QStringLiteral("test"); }
    ScreenCastStream stream() const override
    {
        ScreenCastStream stream;
        stream.nodeId = nodeId_;
        stream.position = position_;
        return stream;
    }
    int openPipeWireRemote(QString *error) override
    {
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = qgetenv("XDG_RUNTIME_DIR") + "/pipewire-0";
        std::memcpy(address.sun_path, path.constData(),
                    std::min<std::size_t>(std::size_t(path.size()), sizeof address.sun_path - 1));
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            *error = QStringLiteral("cannot connect to %1").arg(QString::fromLocal8Bit(path));
            if (fd >= 0)
                ::close(fd);
            return -2;
        }
        ++remotesOpened;
        return fd;
    }
    QString restoreToken() const override { return {}; }
    bool canInject() const override { return false; }
    bool notifyKeyboardKeycode(int, bool) override { return false; }
    bool notifyKeyboardKeysym(uint32_t, bool) override { return false; }
    bool notifyPointerMotionAbsolute(QPointF) override { return false; }
    bool notifyPointerButton(int, bool) override { return false; }
    bool notifyPointerAxisDiscrete(Qt::Orientation, int) override { return false; }
    QString errorString() const override { return QStringLiteral("no input in this test"); }

    void end() { emit closed(QStringLiteral("ended by the test")); }

    int remotesOpened = 0;

private:
    uint32_t nodeId_;
    QPoint position_;
};

bool samePixels(const FrameView &a, const FrameView &b, const Rect &where)
{
    return a.subView(where) == b.subView(where);
}

} // namespace

class TestPipeWireStream : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PipeWireDaemon> daemon_;

    // A producer of format at width x height and a consumer linked to it, showing picture
    // number 0.
    struct Pair {
        std::unique_ptr<Producer> producer;
        std::unique_ptr<PipeWireStream> consumer;
    };
    Pair connectPair(uint32_t format, int width, int height, bool sealed = true)
    {
        Pair pair;
        QString error;
        pair.producer = Producer::create(format, width, height, &error, sealed);
        if (!pair.producer)
            qFatal("producer: %s", qPrintable(error));
        if (!QTest::qWaitFor([&] { return pair.producer->hasNode(); }, kTimeoutMs))
            qFatal("the producer has no node: %s", qPrintable(daemon_->states()));
        pair.consumer = PipeWireStream::open(-1, pair.producer->nodeId(), &error);
        if (!pair.consumer)
            qFatal("consumer: %s", qPrintable(error));
        if (!QTest::qWaitFor([&] { return pair.producer->streaming() || !sealed; },
                             kStartTimeoutMs))
            qFatal("never linked: %s", qPrintable(daemon_->states()));
        return pair;
    }

private slots:
    void initTestCase()
    {
        daemon_ = std::make_unique<PipeWireDaemon>();
        QString error;
        QVERIFY2(daemon_->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { daemon_.reset(); }

    void pixelsExact_data()
    {
        QTest::addColumn<uint32_t>("format");
        QTest::newRow("BGRx") << uint32_t(SPA_VIDEO_FORMAT_BGRx);
        QTest::newRow("RGBx") << uint32_t(SPA_VIDEO_FORMAT_RGBx);
        QTest::newRow("xRGB") << uint32_t(SPA_VIDEO_FORMAT_xRGB);
    }

    void pixelsExact()
    {
        QFETCH(uint32_t, format);
        auto [producer, consumer] = connectPair(format, 67, 45);
        const Frame expected = picture(67, 45, 1);
        producer->send({expected, {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QCOMPARE(consumer->size(), QSize(67, 45));
        QVERIFY(consumer->pixels() == expected.view());
        QCOMPARE(consumer->takeDamage(), Region(expected.rect()));
    }

    // The producer changes pixels outside the damage it declares: they are not taken, so
    // the consumer copies where the hint says and nowhere else. (The differ still compares
    // every damaged tile with what was sent: damage says where to look, not what changed.)
    void damageHonoured()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        const Frame first = picture(64, 48, 1);
        producer->send({first, {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QVERIFY(consumer->pixels() == first.view());
        consumer->takeDamage();

        const Frame second = picture(64, 48, 2);
        const Rect a{5, 6, 10, 7}, b{40, 30, 20, 18};
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({second, {a, b, {60, 40, 100, 100}}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 0, kTimeoutMs);
        // The last region is clipped to the picture.
        const Region damaged = Region{a, b}.united(Rect{60, 40, 4, 8});
        QCOMPARE(consumer->takeDamage(), damaged);
        for (const Rect &r : damaged.rects())
            QVERIFY(samePixels(consumer->pixels(), second.view(), r));
        const Region untouched = Region(first.rect()).subtracted(damaged);
        for (const Rect &r : untouched.rects())
            QVERIFY(samePixels(consumer->pixels(), first.view(), r));
    }

    // A window in a larger buffer: only the crop is the picture, and damage is in
    // buffer coordinates.
    void cropHonoured()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        const Frame buffer = picture(64, 48, 3);
        const Rect crop{10, 8, 30, 20};
        producer->send({buffer, {}, crop, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QCOMPARE(consumer->size(), QSize(30, 20));
        QVERIFY(consumer->pixels() == buffer.view().subView(crop));
        consumer->takeDamage();

        const Frame next = picture(64, 48, 4);
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({next, {{0, 0, 15, 10}}, crop, {}});
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 0, kTimeoutMs);
        QCOMPARE(consumer->takeDamage(), Region(Rect{0, 0, 5, 2}));
        QVERIFY(samePixels(consumer->pixels(), next.view().subView(crop), {0, 0, 5, 2}));
        QVERIFY(samePixels(consumer->pixels(), buffer.view().subView(crop), {5, 0, 25, 20}));
    }

    void sizeChange()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_RGBx, 64, 48);
        producer->send({picture(64, 48, 1), {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        consumer->takeDamage();

        producer->resize(81, 30);
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming() && producer->width() == 81, kTimeoutMs);
        const Frame resized = picture(81, 30, 5);
        // Damage that lists a small part: a new size is copied whole all the same.
        producer->sendUntil({resized, {{0, 0, 2, 2}}, {}, {}},
                            [&] { return consumer->size() == QSize(81, 30); });
        QTRY_COMPARE_WITH_TIMEOUT(consumer->size(), QSize(81, 30), kTimeoutMs);
        QVERIFY(consumer->pixels() == resized.view());
        QCOMPARE(consumer->takeDamage(), Region(resized.rect()));
    }

    void cursor()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        QCOMPARE(consumer->cursor().serial, uint64_t(0));
        QVERIFY(!consumer->cursor().visible);
        QSignalSpy changes(consumer.get(), &PipeWireStream::cursorChanged);
        const Frame arrow = cursorImage(kCursorSidePx, 1);
        producer->send({picture(64, 48, 1), {}, {}, CursorPicture{20, 11, 3, 4, arrow}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->cursor().visible, kTimeoutMs);
        CursorState state = consumer->cursor();
        QCOMPARE(state.x, 20);
        QCOMPARE(state.y, 11);
        QCOMPARE(state.hotX, 3);
        QCOMPARE(state.hotY, 4);
        QVERIFY(state.image == arrow);
        const uint64_t serial = state.serial;
        QVERIFY(serial != 0);

        // A cursor-only buffer (no picture) that moves the pointer: same image, same serial.
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({{}, {}, {}, CursorPicture{30, 40, 0, 0, {}}});
        QTRY_COMPARE_WITH_TIMEOUT(consumer->cursor().x, 30, kTimeoutMs);
        QCOMPARE(consumer->cursor().y, 40);
        QCOMPARE(consumer->cursor().serial, serial);
        QVERIFY(consumer->cursor().image == arrow);
        QCOMPARE(frames.count(), 0);

        // The same bitmap sent again is no new image; another one is.
        producer->send({{}, {}, {}, CursorPicture{31, 40, 3, 4, arrow}});
        QTRY_COMPARE_WITH_TIMEOUT(consumer->cursor().x, 31, kTimeoutMs);
        QCOMPARE(consumer->cursor().serial, serial);
        const Frame other = cursorImage(16, 2);
        producer->send({{}, {}, {}, CursorPicture{31, 41, 1, 2, other}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->cursor().serial > serial, kTimeoutMs);
        QVERIFY(consumer->cursor().image == other);
        QCOMPARE(consumer->cursor().hotX, 1);

        // Off the window: id 0.
        producer->send({{}, {}, {}, std::nullopt});
        QTRY_VERIFY_WITH_TIMEOUT(!consumer->cursor().visible, kTimeoutMs);
        QVERIFY(changes.count() >= 4);
    }

    void producerGone()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 32, 32);
        producer->send({picture(32, 32, 1), {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        producer.reset();
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
        qInfo() << "failed:" << failures.first().first().toString();
    }

    // A producer could truncate an unsealed memfd under us: reading the mapping past its
    // new end would kill us with SIGBUS. Such buffers are refused when they arrive.
    void unsealedMemoryRefused()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 32, 32, false);
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kStartTimeoutMs);
        QVERIFY2(failures.first().first().toString().contains(QStringLiteral("sealed")),
                 qPrintable(failures.first().first().toString()));
    }

    // A chunk whose stride puts the picture's last rows past the buffer's end ends the
    // stream instead of being read.
    void lyingChunkRefused()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 32, 32);
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        Send lie{picture(32, 32, 1), {}, {}, {}};
        lie.claimedStride = 32 * 4 * 3;
        producer->send(std::move(lie));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
        QVERIFY2(failures.first().first().toString().contains(QStringLiteral("does not hold")),
                 qPrintable(failures.first().first().toString()));
        QVERIFY(!consumer->hasPicture());
    }

    // The WindowSource over a session: pictures with their damage, the window's geometry
    // from the session's position and the picture's size, Resized, the cursor, Closed.
    void windowSource()
    {
        QString error;
        auto producer = Producer::create(SPA_VIDEO_FORMAT_BGRx, 64, 48, &error);
        QVERIFY2(producer, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(producer->hasNode(), kTimeoutMs);
        auto owned = std::make_unique<ProducerSession>(producer->nodeId(), QPoint(100, 50));
        ProducerSession *session = owned.get();
        PipeWireWindowSource source(std::move(owned));
        QCOMPARE(&source.session(), session);
        QCOMPARE(source.backendName(), QStringLiteral("test"));
        QSignalSpy damaged(&source, &WindowSource::damaged);
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QSignalSpy cursorChanges(&source, &WindowSource::cursorChanged);
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QVERIFY(source.start());
        QCOMPARE(session->remotesOpened, 1);
        QVERIFY(source.isActive());
        CapturedFrame frame;
        QVERIFY(!source.captureFrame(frame)); // nothing arrived yet
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming(), kStartTimeoutMs);

        const Frame first = picture(64, 48, 1);
        producer->send({first, {}, {}, CursorPicture{7, 8, 1, 1, cursorImage(8, 1)}});
        QTRY_VERIFY_WITH_TIMEOUT(damaged.count() > 0, kTimeoutMs);
        QVERIFY(source.captureFrame(frame));
        QVERIFY(frame.pixels == first.view());
        QCOMPARE(frame.damage, Region(first.rect()));
        QCOMPARE(frame.sequence, uint64_t(1));
        QCOMPARE(source.window().geometry, (Rect{100, 50, 64, 48}));
        QCOMPARE(source.window().title, QStringLiteral("Wayland window"));
        QVERIFY(events.isEmpty()); // the first picture gave the size: no resize
        QTRY_VERIFY_WITH_TIMEOUT(cursorChanges.count() > 0, kTimeoutMs);
        QCOMPARE(source.cursor().x, 7);
        QVERIFY(source.cursor().visible);

        producer->resize(50, 40);
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming() && producer->width() == 50, kTimeoutMs);
        const Frame resized = picture(50, 40, 2);
        producer->sendUntil({resized, {}, {}, {}}, [&] { return !events.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), kTimeoutMs);
        auto event = events.takeFirst().first().value<WindowEvent>();
        QCOMPARE(event.kind, WindowEventKind::Resized);
        QCOMPARE(event.geometry, (Rect{100, 50, 50, 40}));
        QVERIFY(source.captureFrame(frame));
        QVERIFY(frame.pixels == resized.view());
        QCOMPARE(frame.damage, Region(resized.rect()));

        session->end();
        QCOMPARE(events.count(), 1);
        event = events.takeFirst().first().value<WindowEvent>();
        QCOMPARE(event.kind, WindowEventKind::Closed);
        QVERIFY(!source.captureFrame(frame));
        QVERIFY(!source.isActive());
        QVERIFY(!source.start());
    }

    // The stream failing (its producer went) closes the window.
    void windowSourceProducerGone()
    {
        QString error;
        auto producer = Producer::create(SPA_VIDEO_FORMAT_BGRx, 32, 32, &error);
        QVERIFY2(producer, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(producer->hasNode(), kTimeoutMs);
        PipeWireWindowSource source(
            std::make_unique<ProducerSession>(producer->nodeId(), QPoint()));
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming(), kStartTimeoutMs);
        producer.reset();
        QTRY_COMPARE_WITH_TIMEOUT(events.count(), 1, kTimeoutMs);
        QCOMPARE(events.first().first().value<WindowEvent>().kind, WindowEventKind::Closed);
        CapturedFrame frame;
        QVERIFY(!source.captureFrame(frame));
    }

    void noSuchNode()
    {
        QString error;
        auto consumer = PipeWireStream::open(-1, 999999, &error);
        QVERIFY2(consumer, qPrintable(error));
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestPipeWireStream)
#include "tst_pipewirestream.moc"
