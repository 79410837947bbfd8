#include "XtermFixture.h"

#include "core/capture/x11/X11WindowLister.h"
#include "core/capture/x11/XcbConnection.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTest>

#include <cstring>

namespace baton::test {
namespace {

uint32_t bigEndian32(const QByteArray &bytes, qsizetype offset)
{
    const auto *p = reinterpret_cast<const uint8_t *>(bytes.constData() + offset);
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

} // namespace

std::unique_ptr<XcbConnection> holdXServer()
{
    QString error;
    auto connection = XcbConnection::open({}, &error);
    if (!connection)
        qWarning("cannot hold the X server: %s", qPrintable(error));
    return connection;
}

Xterm::Xterm(const QString &titleTag, const QStringList &extraArgs, const QString &geometry)
    : title_(QStringLiteral("baton-%1-%2").arg(titleTag).arg(QCoreApplication::applicationPid()))
{
    process_.setProgram(QStringLiteral("xterm"));
    process_.setArguments(QStringList{QStringLiteral("-T"), title_, QStringLiteral("-geometry"),
                                      geometry, QStringLiteral("+sb"), QStringLiteral("-bg"),
                                      QStringLiteral("white"), QStringLiteral("-fg"),
                                      QStringLiteral("black")} +
                          extraArgs);
    process_.start();
    if (!process_.waitForStarted(5000)) {
        qWarning("xterm fixture: %s", qPrintable(process_.errorString()));
        return;
    }
    QString error;
    auto connection = XcbConnection::open({}, &error);
    if (!connection) {
        qWarning("xterm fixture: %s", qPrintable(error));
        return;
    }
    X11WindowLister lister(*connection);
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        for (const WindowInfo &info : lister.list()) {
            if (info.title == title_) {
                windowId_ = info.id;
                return;
            }
        }
        QTest::qWait(20);
    }
}

Xterm::~Xterm()
{
    kill();
}

void Xterm::kill()
{
    if (process_.state() != QProcess::NotRunning) {
        process_.kill();
        process_.waitForFinished(5000);
    }
}

XtermMenu::XtermMenu(const Xterm &xterm, int x, int y)
{
    const QString id = QString::number(xterm.windowId());
    // --sync waits for the pointer to arrive, so it must start elsewhere.
    xdotool({QStringLiteral("mousemove"), QStringLiteral("0"), QStringLiteral("0")});
    opened_ = xdotool({QStringLiteral("mousemove"), QStringLiteral("--sync"),
                       QStringLiteral("--window"), id, QString::number(x), QString::number(y)}) &&
        xdotool({QStringLiteral("keydown"), QStringLiteral("ctrl"), QStringLiteral("mousedown"),
                 QStringLiteral("1")});
}

XtermMenu::~XtermMenu()
{
    xdotool({QStringLiteral("mouseup"), QStringLiteral("1"), QStringLiteral("keyup"),
             QStringLiteral("ctrl")});
}

QStringList bashArguments(const QString &readyFile)
{
    return {QStringLiteral("-e"),
            QStringLiteral("env"),
            QStringLiteral("PROMPT_COMMAND=touch '%1'").arg(readyFile),
            QStringLiteral("bash"),
            QStringLiteral("--norc"),
            QStringLiteral("--noprofile")};
}

bool xdotool(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral("xdotool"), args);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit &&
        process.exitCode() == 0;
}

Frame xwdCapture(uint64_t windowId)
{
    QProcess process;
    process.start(QStringLiteral("xwd"),
                  {QStringLiteral("-silent"), QStringLiteral("-nobdrs"), QStringLiteral("-id"),
                   QString::number(windowId)});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return {};
    const QByteArray xwd = process.readAllStandardOutput();
    // XWDFileHeader: 25 big-endian CARD32s, then the window name, then ncolors XWDColor
    // entries of 12 bytes, then the pixels.
    if (xwd.size() < 100)
        return {};
    const uint32_t headerSize = bigEndian32(xwd, 0);
    const uint32_t width = bigEndian32(xwd, 16);
    const uint32_t height = bigEndian32(xwd, 20);
    const uint32_t byteOrder = bigEndian32(xwd, 28);
    const uint32_t bitsPerPixel = bigEndian32(xwd, 44);
    const uint32_t bytesPerLine = bigEndian32(xwd, 48);
    const uint32_t colours = bigEndian32(xwd, 76);
    const qsizetype pixelsAt = qsizetype(headerSize) + qsizetype(colours) * 12;
    if (bitsPerPixel != 32 || !Frame::isValidSize(int32_t(width), int32_t(height)) ||
        bytesPerLine < width * 4 || xwd.size() < pixelsAt + qsizetype(bytesPerLine) * height)
        return {};
    Frame frame(static_cast<int32_t>(width), static_cast<int32_t>(height));
    for (uint32_t y = 0; y < height; ++y) {
        for (uint32_t x = 0; x < width; ++x) {
            const qsizetype at = pixelsAt + qsizetype(y) * bytesPerLine + qsizetype(x) * 4;
            uint32_t pixel;
            if (byteOrder == 1) // MSBFirst
                pixel = bigEndian32(xwd, at);
            else
                std::memcpy(&pixel, xwd.constData() + at, 4);
            frame.setPixel(int32_t(x), int32_t(y), pixel);
        }
    }
    return frame;
}

Frame screenCapture(const Rect &rect)
{
    QString error;
    auto connection = XcbConnection::open({}, &error);
    if (!connection)
        return {};
    xcb_connection_t *c = connection->get();
    XcbReply<xcb_get_image_reply_t> reply(xcb_get_image_reply(
        c,
        xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, connection->root(), int16_t(rect.x),
                      int16_t(rect.y), uint16_t(rect.width), uint16_t(rect.height), ~0u),
        nullptr));
    if (!reply || xcb_get_image_data_length(reply.get()) < rect.width * rect.height * 4)
        return {};
    return Frame::copyOf(FrameView(xcb_get_image_data(reply.get()), rect.width, rect.height,
                                   rect.width * kBytesPerPixel));
}

bool sameColours(const FrameView &a, const FrameView &b, QString *firstDifference)
{
    if (a.width() != b.width() || a.height() != b.height()) {
        if (firstDifference)
            *firstDifference = QStringLiteral("sizes %1x%2 and %3x%4")
                                   .arg(a.width())
                                   .arg(a.height())
                                   .arg(b.width())
                                   .arg(b.height());
        return false;
    }
    for (int32_t y = 0; y < a.height(); ++y) {
        for (int32_t x = 0; x < a.width(); ++x) {
            if (((a.pixel(x, y) ^ b.pixel(x, y)) & 0x00ffffffu) != 0) {
                if (firstDifference)
                    *firstDifference = QStringLiteral("pixel (%1, %2): %3 vs %4")
                                           .arg(x)
                                           .arg(y)
                                           .arg(a.pixel(x, y), 8, 16)
                                           .arg(b.pixel(x, y), 8, 16);
                return false;
            }
        }
    }
    return true;
}

} // namespace baton::test
