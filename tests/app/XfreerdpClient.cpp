#include "XfreerdpClient.h"

#include "core/capture/x11/XcbConnection.h"
#include "tests/core/capture/XtermFixture.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QTest>

namespace baton::test {
namespace {

constexpr int kPollMs = 50;

} // namespace

Frame windowCapture(const QString &display, uint32_t window)
{
    QString error;
    const auto connection = XcbConnection::open(display.toLocal8Bit(), &error);
    if (!connection || window == 0)
        return {};
    xcb_connection_t *c = connection->get();
    XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, window), nullptr));
    if (!geometry || geometry->depth != 24 ||
        !Frame::isValidSize(geometry->width, geometry->height))
        return {};
    XcbReply<xcb_get_image_reply_t> image(
        xcb_get_image_reply(c,
                            xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, window, 0, 0,
                                          geometry->width, geometry->height, ~0u),
                            nullptr));
    const int32_t strideBytes = geometry->width * kBytesPerPixel;
    if (!image || xcb_get_image_data_length(image.get()) < strideBytes * geometry->height)
        return {};
    return Frame::copyOf(
        FrameView(xcb_get_image_data(image.get()), geometry->width, geometry->height, strideBytes));
}

XfreerdpClient::~XfreerdpClient()
{
    if (process_.state() != QProcess::NotRunning) {
        process_.kill();
        process_.waitForFinished(5000);
    }
    server_.stop();
}

bool XfreerdpClient::start(quint16 port, const QString &password, const QStringList &extraArguments,
                           QString *error)
{
    if (server_.start(24, QSize(1280, 1024), {}, error).isEmpty())
        return false;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), server_.displayName());
    process_.setProcessEnvironment(env);
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.start(QStringLiteral("xfreerdp"),
                   QStringList{QStringLiteral("/v:127.0.0.1:%1").arg(port),
                               QStringLiteral("/u:viewer"), QStringLiteral("/p:") + password,
                               QStringLiteral("/sec:tls"), QStringLiteral("/cert:ignore"),
                               QStringLiteral("/bpp:32"), QStringLiteral("/log-level:WARN")} +
                       extraArguments);
    if (!process_.waitForStarted(10000)) {
        *error = QStringLiteral("xfreerdp: ") + process_.errorString();
        return false;
    }
    return true;
}

uint32_t XfreerdpClient::window() const
{
    QString error;
    const auto connection = XcbConnection::open(server_.displayName().toLocal8Bit(), &error);
    if (!connection)
        return 0;
    xcb_connection_t *c = connection->get();
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, connection->root()), nullptr));
    if (!tree)
        return 0;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    // Topmost first: a window xfreerdp made later lies above the one it replaced.
    for (int i = xcb_query_tree_children_length(tree.get()) - 1; i >= 0; --i) {
        if (connection->pid(children[i]) == process_.processId() &&
            connection->isViewable(children[i]))
            return children[i];
    }
    return 0;
}

Frame XfreerdpClient::capture() const
{
    return windowCapture(server_.displayName(), window());
}

bool XfreerdpClient::waitForPicture(const std::function<Frame()> &expected, int timeoutMs,
                                    QString *difference)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        const Frame reference = expected();
        const Frame shown = capture();
        if (shown.isNull())
            *difference = QStringLiteral("xfreerdp has no window on %1").arg(display());
        else if (reference.isNull())
            *difference = QStringLiteral("no reference picture");
        else if (sameColours(shown, reference, difference))
            return true;
        if (deadline.hasExpired() || !isRunning()) {
            *difference += QStringLiteral(" (xfreerdp said: %1)").arg(output().right(2000));
            return false;
        }
        QTest::qWait(kPollMs);
    }
}

bool XfreerdpClient::xdotool(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), server_.displayName());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("xdotool"), args);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit &&
        process.exitCode() == 0;
}

bool XfreerdpClient::pressKeys(const QString &keys)
{
    const uint32_t id = window();
    // No window manager here: the focus is given to the window directly.
    return id != 0 &&
        xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), QString::number(id)}) &&
        xdotool({QStringLiteral("key"), QStringLiteral("--delay"), QStringLiteral("50"), keys});
}

bool XfreerdpClient::typeText(const QString &text)
{
    const uint32_t id = window();
    return id != 0 &&
        xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), QString::number(id)}) &&
        xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("30"), text});
}

int XfreerdpClient::waitForExit(int timeoutMs)
{
    if (!process_.waitForFinished(timeoutMs) && process_.state() != QProcess::NotRunning)
        return -1;
    return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
}

QString XfreerdpClient::output()
{
    said_ += QString::fromLocal8Bit(process_.readAll());
    return said_;
}

} // namespace baton::test
