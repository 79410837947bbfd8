#include "core/issd/x11/XcbScreenSnapshotter.h"

#include "core/display/x11/XcbHandles.h"

#include <QBuffer>
#include <QImage>

namespace baton::issd {

using display::BackendResult;
using display::x11::XcbReply;

struct XcbScreenSnapshotter::Connection {
    display::x11::XcbConnection xcb;
    xcb_window_t root = 0;
};

std::unique_ptr<XcbScreenSnapshotter> XcbScreenSnapshotter::create(const QString &displayName,
                                                                   QString *whyNot)
{
    auto xcb = display::x11::connectToX(displayName, whyNot);
    if (!xcb)
        return nullptr;
    const xcb_screen_t *screen = display::x11::firstScreen(xcb.get());
    if (screen->root_depth != 24 && screen->root_depth != 32) {
        *whyNot = QStringLiteral("the X root window is %1 bit deep; snapshots need 24 or 32")
                      .arg(screen->root_depth);
        return nullptr;
    }
    auto connection = std::make_unique<Connection>(Connection{std::move(xcb), screen->root});
    return std::unique_ptr<XcbScreenSnapshotter>(new XcbScreenSnapshotter(std::move(connection)));
}

XcbScreenSnapshotter::XcbScreenSnapshotter(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection))
{
}

XcbScreenSnapshotter::~XcbScreenSnapshotter() = default;

std::optional<ScreenSnapshotter::Snapshot>
XcbScreenSnapshotter::snapshot(const display::DisplayInfo &display, QSize maxSize, Format format,
                               int quality, BackendResult *error)
{
    if (!display.layout.enabled || !display.layout.mode) {
        *error = BackendResult::fail(BackendResult::Kind::Unavailable,
                                     QStringLiteral("%1 is not enabled").arg(display.connector));
        return std::nullopt;
    }
    const bool sideways = display.layout.rotationDeg == 90 || display.layout.rotationDeg == 270;
    const int width = sideways ? display.layout.mode->height : display.layout.mode->width;
    const int height = sideways ? display.layout.mode->width : display.layout.mode->height;
    xcb_connection_t *c = connection_->xcb.get();
    XcbReply<xcb_get_image_reply_t> image(xcb_get_image_reply(
        c,
        xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, connection_->root,
                      qint16(display.layout.position.x()), qint16(display.layout.position.y()),
                      quint16(width), quint16(height), ~0u),
        nullptr));
    const qsizetype expectedBytes = qsizetype(width) * height * 4;
    if (!image || xcb_get_image_data_length(image.get()) < expectedBytes) {
        *error = BackendResult::fail(BackendResult::Kind::Failed,
                                     QStringLiteral("the X server did not return the screen image"));
        return std::nullopt;
    }
    // ZPixmap at depth 24/32 is 32 bits per pixel, BGRX in memory: QImage's RGB32.
    const QImage full(xcb_get_image_data(image.get()), width, height, width * 4, QImage::Format_RGB32);
    const QImage thumbnail = full.size().boundedTo(maxSize) == full.size()
                                 ? full.copy()
                                 : full.scaled(maxSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!thumbnail.save(&buffer, format == Format::Png ? "PNG" : "JPEG", quality)) {
        *error = BackendResult::fail(BackendResult::Kind::Failed,
                                     QStringLiteral("encoding the snapshot failed (Qt image plugin missing?)"));
        return std::nullopt;
    }
    return Snapshot{buffer.data(), thumbnail.size()};
}

} // namespace baton::issd
