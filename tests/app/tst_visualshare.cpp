// Windows of any X visual shared end to end by the real product: an xterm on X servers of
// depth 8, 16 and 30, and ffplay on the DirectColor visual SDL picks by itself at depth 24,
// each shared by baton-cli host and watched by baton-cli join. The viewer's picture is
// compared with an independent reference: the window's pixels read with GetImage and
// turned into colours by the X server itself (QueryColors on the window's colormap).
// Every X server is the test's own (PrivateXServer), so it needs no lock on the shared one.

#include "AppTestSupport.h"
#include "core/capture/x11/X11WindowLister.h"
#include "core/capture/x11/XcbConnection.h"
#include "tests/core/capture/PrivateXServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <xcb/xcb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace {

using namespace baton;
using baton::test::PrivateXServer;

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kTimeoutMs = 15000;

// Text in the xterm's own colours, the 16 ANSI ones and a few of its 256.
const QString kColouredText = QStringLiteral(
    "printf 'coloured text \\033[31mred \\033[32mgreen \\033[1;34mbold blue\\033[0m "
    "\\033[30;43mblack on yellow\\033[0m \\033[45mmagenta\\033[0m\\n"
    "\\033[38;5;208morange \\033[38;5;51mcyan \\033[48;5;22mon dark green\\033[0m\\n'; "
    "exec sleep 600");

// The video ffplay plays: testsrc2's moving pattern. Four seconds: the viewer joins while
// it plays, so the pictures it gets are H.264's, not a catch-up's; once the clip stands
// still on its last picture the host sends that picture's exact pixels, so the end is
// exact and any colour the DirectColor conversion gets wrong shows.
const QString kClipSource = QStringLiteral("testsrc2=size=320x240:rate=25");
constexpr int kClipSeconds = 4;

const xcb_format_t *pixmapFormat(const xcb_setup_t *setup, uint8_t depth)
{
    for (auto formats = xcb_setup_pixmap_formats_iterator(setup); formats.rem;
         xcb_format_next(&formats)) {
        if (formats.data->depth == depth)
            return formats.data;
    }
    return nullptr;
}

// The window's pixels as the server stores them (ZPixmap, all planes), with its size and
// depth; null when the window is gone.
XcbReply<xcb_get_image_reply_t> windowImage(XcbConnection &connection, xcb_window_t window,
                                            QSize *size)
{
    xcb_connection_t *c = connection.get();
    const XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, window), nullptr));
    if (!geometry)
        return nullptr;
    *size = QSize(geometry->width, geometry->height);
    return XcbReply<xcb_get_image_reply_t>(
        xcb_get_image_reply(c,
                            xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, window, 0, 0,
                                          geometry->width, geometry->height, ~0u),
                            nullptr));
}

QByteArray windowBytes(XcbConnection &connection, xcb_window_t window)
{
    QSize size;
    const auto image = windowImage(connection, window, &size);
    if (!image)
        return {};
    return QByteArray(reinterpret_cast<const char *>(xcb_get_image_data(image.get())),
                      xcb_get_image_data_length(image.get()));
}

// The window's pixel values, one a pixel, row after row, with its size; empty with the
// reason in *error.
std::vector<uint32_t> pixelValues(XcbConnection &connection, xcb_window_t window, QSize *size,
                                  QString *error)
{
    const auto image = windowImage(connection, window, size);
    if (!image) {
        *error = QStringLiteral("window 0x%1 cannot be read").arg(window, 0, 16);
        return {};
    }
    const xcb_setup_t *setup = xcb_get_setup(connection.get());
    const xcb_format_t *format = pixmapFormat(setup, image->depth);
    if (!format || setup->image_byte_order != XCB_IMAGE_ORDER_LSB_FIRST ||
        format->bits_per_pixel % 8 != 0) {
        *error =
            QStringLiteral("depth %1: no LSB-first whole-byte pixmap format").arg(image->depth);
        return {};
    }
    const int bytesPerPixel = format->bits_per_pixel / 8;
    const int padBits = format->scanline_pad;
    const int strideBytes =
        (size->width() * format->bits_per_pixel + padBits - 1) / padBits * padBits / 8;
    if (xcb_get_image_data_length(image.get()) < strideBytes * size->height()) {
        *error = QStringLiteral("a short image");
        return {};
    }
    const uint32_t depthMask = image->depth >= 32 ? ~0u : (1u << image->depth) - 1;
    const uint8_t *data = xcb_get_image_data(image.get());
    std::vector<uint32_t> pixels;
    pixels.reserve(std::size_t(size->width()) * size->height());
    for (int y = 0; y < size->height(); ++y) {
        for (int x = 0; x < size->width(); ++x) {
            uint32_t pixel = 0;
            std::memcpy(&pixel, data + std::size_t(y) * strideBytes + x * bytesPerPixel,
                        bytesPerPixel);
            pixels.push_back(pixel & depthMask);
        }
    }
    return pixels;
}

// The colour of every pixel value in pixels as QueryColors gives it from colormap, on 8 bits
// a channel; empty when the server refused.
std::map<uint32_t, QRgb> queryColours(xcb_connection_t *c, xcb_colormap_t colormap,
                                      const std::vector<uint32_t> &pixels)
{
    std::map<uint32_t, QRgb> colours;
    for (const uint32_t pixel : pixels)
        colours.emplace(pixel, 0);
    std::vector<uint32_t> distinct;
    for (const auto &entry : colours)
        distinct.push_back(entry.first);
    for (std::size_t start = 0; start < distinct.size(); start += 16384) {
        const auto count = uint32_t(std::min<std::size_t>(16384, distinct.size() - start));
        const XcbReply<xcb_query_colors_reply_t> reply(xcb_query_colors_reply(
            c, xcb_query_colors(c, colormap, count, distinct.data() + start), nullptr));
        if (!reply)
            return {};
        const xcb_rgb_t *rgb = xcb_query_colors_colors(reply.get());
        for (uint32_t i = 0; i < count; ++i)
            colours[distinct[start + i]] =
                qRgb(rgb[i].red >> 8, rgb[i].green >> 8, rgb[i].blue >> 8);
    }
    return colours;
}

// What the window shows as the X server itself says it: each pixel's colour from
// QueryColors on the window's colormap. No code of Baton's is involved. Null with the
// reason in *error.
QImage serverColours(XcbConnection &connection, xcb_window_t window, QString *error)
{
    xcb_connection_t *c = connection.get();
    const XcbReply<xcb_get_window_attributes_reply_t> attributes(
        xcb_get_window_attributes_reply(c, xcb_get_window_attributes(c, window), nullptr));
    QSize size;
    const std::vector<uint32_t> pixels = pixelValues(connection, window, &size, error);
    if (!attributes || pixels.empty())
        return {};
    const std::map<uint32_t, QRgb> colours = queryColours(c, attributes->colormap, pixels);
    if (colours.empty()) {
        *error =
            QStringLiteral("QueryColors failed on colormap 0x%1").arg(attributes->colormap, 0, 16);
        return {};
    }
    QImage picture(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x)
            picture.setPixel(x, y, colours.at(pixels[std::size_t(y) * size.width() + x]));
    }
    return picture;
}

int distinctColours(const QImage &picture)
{
    std::set<QRgb> colours;
    for (int y = 0; y < picture.height(); ++y) {
        for (int x = 0; x < picture.width(); ++x)
            colours.insert(picture.pixel(x, y));
    }
    return int(colours.size());
}

// PSNR of b against a over the 8-bit red, green and blue samples; infinite when equal.
double psnrDb(const QImage &a, const QImage &b)
{
    double squaredError = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            for (const int d : {qRed(p) - qRed(q), qGreen(p) - qGreen(q), qBlue(p) - qBlue(q)})
                squaredError += double(d) * d;
        }
    }
    if (squaredError == 0)
        return std::numeric_limits<double>::infinity();
    return 10 * std::log10(255.0 * 255.0 * 3 * a.width() * a.height() / squaredError);
}

// The first pixel where the pictures' colours differ, with how many do; empty when none.
QString firstDifference(const QImage &saved, const QImage &reference)
{
    int differing = 0;
    QString first;
    for (int y = 0; y < saved.height(); ++y) {
        for (int x = 0; x < saved.width(); ++x) {
            if (((saved.pixel(x, y) ^ reference.pixel(x, y)) & 0x00ffffffu) == 0)
                continue;
            if (differing++ == 0)
                first = QStringLiteral("pixel (%1, %2): %3 saved, the server says %4")
                            .arg(x)
                            .arg(y)
                            .arg(saved.pixel(x, y) & 0xffffffu, 6, 16, QLatin1Char('0'))
                            .arg(reference.pixel(x, y) & 0xffffffu, 6, 16, QLatin1Char('0'));
        }
    }
    return differing == 0 ? QString()
                          : QStringLiteral("%1 (%2 pixels differ)").arg(first).arg(differing);
}

} // namespace

class TestVisualShare : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sharesAnXtermOfEveryDepth_data();
    void sharesAnXtermOfEveryDepth();
    void sharesFfplaysDirectColorVideo();

private:
    // An X server of depth bits and a connection to it; the display name, or empty.
    QString startServer(int depth, QString *error);
    QProcessEnvironment environmentOn(const QString &display) const;
    // Starts program; its standard error goes to errorFile when one is named.
    QProcess *start(const QString &program, const QStringList &arguments,
                    const QProcessEnvironment &environment, const QString &errorFile = {});
    // The top-level window titled title on the server, once mapped; 0 after kTimeoutMs.
    xcb_window_t findWindow(const QString &title);
    // "TrueColor", "DirectColor", … as xwininfo says the window's visual is.
    QString visualClass(const QString &display, xcb_window_t window);
    // Starts baton-cli host sharing window; its invite link, or empty.
    QString startHost(const QString &display, xcb_window_t window);
    // The end of what the host wrote on standard error.
    QByteArray hostSaid() const;
    void stopHost();
    // Waits until the window's pixels stay the same for stillMs; them, or empty.
    QByteArray waitUntilStill(xcb_window_t window, int stillMs, int timeoutMs);

    QTemporaryDir home_;
    std::unique_ptr<PrivateXServer> server_;
    std::unique_ptr<XcbConnection> connection_;
    std::vector<std::unique_ptr<QProcess>> processes_;
    QProcess *host_ = nullptr;
};

void TestVisualShare::init()
{
    QVERIFY(home_.isValid());
}

void TestVisualShare::cleanup()
{
    // Newest first: the viewer and the host before the applications, all before the server.
    for (auto process = processes_.rbegin(); process != processes_.rend(); ++process) {
        if ((*process)->state() != QProcess::NotRunning) {
            (*process)->kill();
            (*process)->waitForFinished(5000);
        }
    }
    processes_.clear();
    host_ = nullptr;
    connection_.reset();
    server_.reset();
}

QString TestVisualShare::startServer(int depth, QString *error)
{
    server_ = std::make_unique<PrivateXServer>();
    const QString display = server_->start(depth, QSize(1280, 720), {}, error);
    if (display.isEmpty())
        return {};
    connection_ = XcbConnection::open(display.toLocal8Bit(), error);
    return connection_ ? display : QString();
}

QProcessEnvironment TestVisualShare::environmentOn(const QString &display) const
{
    QProcessEnvironment environment = baton::test::privateEnvironment(home_);
    environment.insert(QStringLiteral("DISPLAY"), display);
    return environment;
}

QProcess *TestVisualShare::start(const QString &program, const QStringList &arguments,
                                 const QProcessEnvironment &environment, const QString &errorFile)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment);
    if (!errorFile.isEmpty())
        process->setStandardErrorFile(errorFile);
    process->start(program, arguments);
    process->waitForStarted(5000);
    processes_.push_back(std::move(process));
    return processes_.back().get();
}

xcb_window_t TestVisualShare::findWindow(const QString &title)
{
    X11WindowLister lister(*connection_);
    const QDeadlineTimer deadline(kTimeoutMs);
    while (!deadline.hasExpired()) {
        for (const WindowInfo &info : lister.list()) {
            if (info.title == title)
                return xcb_window_t(info.id);
        }
        QTest::qWait(50);
    }
    return XCB_WINDOW_NONE;
}

QString TestVisualShare::visualClass(const QString &display, xcb_window_t window)
{
    QProcess xwininfo;
    xwininfo.start(
        QStringLiteral("xwininfo"),
        {QStringLiteral("-display"), display, QStringLiteral("-id"), QString::number(window)});
    if (!xwininfo.waitForFinished(kTimeoutMs) || xwininfo.exitCode() != 0)
        return QStringLiteral("(xwininfo failed: %1)")
            .arg(QString::fromLocal8Bit(xwininfo.readAllStandardError()));
    for (const QByteArray &line : xwininfo.readAllStandardOutput().split('\n')) {
        if (line.trimmed().startsWith("Visual Class:"))
            return QString::fromLatin1(line.trimmed().mid(13).trimmed());
    }
    return QStringLiteral("(no visual class in xwininfo's answer)");
}

QString TestVisualShare::startHost(const QString &display, xcb_window_t window)
{
    host_ = start(kCli,
                  {QStringLiteral("host"), QStringLiteral("--window"),
                   QStringLiteral("0x%1").arg(window, 0, 16), QStringLiteral("--bind"),
                   QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0")},
                  // A file, not a pipe: libx264 says a lot, and a full pipe would stall the
                  // host while the test waits on another process.
                  environmentOn(display), home_.filePath(QStringLiteral("host.err")));
    const QString link = baton::test::readLine(*host_, kTimeoutMs);
    if (!link.startsWith(QLatin1String("baton://")))
        qWarning("baton-cli host gave no link: %s%s", qPrintable(link), hostSaid().constData());
    return link.startsWith(QLatin1String("baton://")) ? link : QString();
}

QByteArray TestVisualShare::hostSaid() const
{
    QFile file(home_.filePath(QStringLiteral("host.err")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().right(2000) : QByteArray();
}

void TestVisualShare::stopHost()
{
    host_->terminate();
    QVERIFY(host_->waitForFinished(kTimeoutMs));
    QVERIFY2(host_->exitStatus() == QProcess::NormalExit && host_->exitCode() == 0,
             hostSaid().constData());
}

QByteArray TestVisualShare::waitUntilStill(xcb_window_t window, int stillMs, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QByteArray last = windowBytes(*connection_, window);
    QDeadlineTimer still(stillMs);
    while (!deadline.hasExpired() && !last.isEmpty()) {
        QTest::qWait(100);
        const QByteArray now = windowBytes(*connection_, window);
        if (now != last) {
            last = now;
            still.setRemainingTime(stillMs);
        } else if (still.hasExpired()) {
            return last;
        }
    }
    return {};
}

void TestVisualShare::sharesAnXtermOfEveryDepth_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<QString>("expectedClass");
    QTest::newRow("16-bit TrueColor") << 16 << QStringLiteral("TrueColor");
    QTest::newRow("30-bit TrueColor") << 30 << QStringLiteral("TrueColor");
    QTest::newRow("8-bit PseudoColor") << 8 << QStringLiteral("PseudoColor");
}

// Text is shared losslessly, so the viewer's picture is exactly what the server shows.
void TestVisualShare::sharesAnXtermOfEveryDepth()
{
    QFETCH(int, depth);
    QFETCH(QString, expectedClass);
    QString error;
    const QString display = startServer(depth, &error);
    QVERIFY2(!display.isEmpty(), qPrintable(error));
    const QString title = QStringLiteral("baton-visualshare-%1").arg(depth);
    QProcess *xterm =
        start(QStringLiteral("xterm"),
              {QStringLiteral("-T"), title, QStringLiteral("-geometry"),
               QStringLiteral("60x12+10+10"), QStringLiteral("+sb"), QStringLiteral("-bg"),
               QStringLiteral("#3060a0"), QStringLiteral("-fg"), QStringLiteral("#f0c020"),
               QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"), kColouredText},
              environmentOn(display));
    const xcb_window_t window = findWindow(title);
    QVERIFY2(window != XCB_WINDOW_NONE,
             qPrintable(QStringLiteral("no xterm window on %1: %2")
                            .arg(display, QString::fromLocal8Bit(xterm->readAllStandardError()))));
    QCOMPARE(visualClass(display, window), expectedClass);

    const QString link = startHost(display, window);
    QVERIFY(!link.isEmpty());
    const QString framePath = home_.filePath(QStringLiteral("xterm-%1.png").arg(depth));
    QProcess join;
    join.setProcessEnvironment(baton::test::privateEnvironment(home_));
    join.start(kCli,
               {QStringLiteral("join"), link, QStringLiteral("--duration"), QStringLiteral("1.5"),
                QStringLiteral("--save-frame"), framePath});
    QVERIFY(join.waitForFinished(kTimeoutMs));
    QVERIFY2(join.exitCode() == 0, join.readAllStandardError().constData());

    const QImage reference = serverColours(*connection_, window, &error);
    QVERIFY2(!reference.isNull(), qPrintable(error));
    // The background, the foreground and the colours printed: 11 with xterm's bitmap font.
    const int colours = distinctColours(reference);
    QVERIFY2(colours >= 8, qPrintable(QStringLiteral("the xterm shows %1 colours").arg(colours)));
    const QImage saved(framePath);
    QVERIFY2(!saved.isNull(), "baton-cli join wrote no picture");
    QCOMPARE(saved.size(), reference.size());
    const QString difference = firstDifference(saved, reference);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    stopHost();
}

// ffplay on the visual SDL picks, DirectColor on Xvfb, shared while it plays: the
// viewer's pictures come through H.264 and end close to what the server shows. A second
// viewer that announces no video codec (join --no-video) gets the video as exact tiles.
void TestVisualShare::sharesFfplaysDirectColorVideo()
{
    // tools/deps/debian.txt installs them: a missing one is a broken set-up, not a skip.
    for (const char *tool : {"ffmpeg", "ffplay"})
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));
    const QString clip = home_.filePath(QStringLiteral("clip.mp4"));
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
                  QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), kClipSource,
                  QStringLiteral("-t"), QString::number(kClipSeconds), QStringLiteral("-c:v"),
                  QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                  clip});
    QVERIFY(ffmpeg.waitForFinished(30000));
    QVERIFY2(ffmpeg.exitCode() == 0, ffmpeg.readAllStandardError().constData());

    QString error;
    const QString display = startServer(24, &error);
    QVERIFY2(!display.isEmpty(), qPrintable(error));
    // SDL's own choice of visual: nothing says which. The driver is named only so that a
    // Wayland session around the test cannot take ffplay away from this X server.
    QProcessEnvironment environment = environmentOn(display);
    environment.remove(QStringLiteral("SDL_VIDEO_X11_VISUALID"));
    environment.insert(QStringLiteral("SDL_VIDEODRIVER"), QStringLiteral("x11"));
    environment.insert(QStringLiteral("SDL_AUDIODRIVER"), QStringLiteral("dummy"));
    const QString title = QStringLiteral("baton-visualshare-video");
    QProcess *ffplay = start(
        QStringLiteral("ffplay"),
        {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-nostats"),
         QStringLiteral("-an"), QStringLiteral("-window_title"), title, QStringLiteral("-left"),
         QStringLiteral("0"), QStringLiteral("-top"), QStringLiteral("0"), clip},
        environment);
    const xcb_window_t window = findWindow(title);
    QVERIFY2(window != XCB_WINDOW_NONE,
             qPrintable(QStringLiteral("no ffplay window on %1: %2")
                            .arg(display, QString::fromLocal8Bit(ffplay->readAllStandardError()))));
    const QString ffplayClass = visualClass(display, window);
    QVERIFY2(ffplayClass == QLatin1String("DirectColor"),
             qPrintable(QStringLiteral("ffplay's window has a %1 visual, so this no longer tests "
                                       "a DirectColor window")
                            .arg(ffplayClass)));

    const QString link = startHost(display, window);
    QVERIFY(!link.isEmpty());
    const QString framePath = home_.filePath(QStringLiteral("video.png"));
    const QString statsPath = home_.filePath(QStringLiteral("video.json"));
    QProcess join;
    join.setProcessEnvironment(baton::test::privateEnvironment(home_));
    join.start(kCli,
               {QStringLiteral("join"), link, QStringLiteral("--stats"), statsPath,
                QStringLiteral("--save-frame"), framePath});
    const QString tileStatsPath = home_.filePath(QStringLiteral("tiles.json"));
    QProcess tileJoin;
    tileJoin.setProcessEnvironment(baton::test::privateEnvironment(home_));
    tileJoin.start(kCli,
                   {QStringLiteral("join"), link, QStringLiteral("--no-video"),
                    QStringLiteral("--stats"), tileStatsPath});
    // The clip's last picture stays in the window; a second more for it to reach the viewer.
    const QByteArray still = waitUntilStill(window, 1000, (kClipSeconds + 10) * 1000);
    QVERIFY2(!still.isEmpty(), "ffplay's window never stood still");
    QTest::qWait(1000);
    for (QProcess *viewer : {&join, &tileJoin}) {
        viewer->terminate();
        QVERIFY(viewer->waitForFinished(kTimeoutMs));
        QVERIFY2(viewer->exitCode() == 0, viewer->readAllStandardError().constData());
    }
    QVERIFY2(windowBytes(*connection_, window) == still,
             "ffplay's picture changed after standing still for a second");

    QFile statsFile(statsPath);
    QVERIFY(statsFile.open(QIODevice::ReadOnly));
    const QJsonObject stats = QJsonDocument::fromJson(statsFile.readAll()).object();
    QVERIFY2(stats.value(QLatin1String("video_pictures")).toInt() > 0,
             "no H.264 picture reached the viewer: the video path went untested");
    QFile tileStatsFile(tileStatsPath);
    QVERIFY(tileStatsFile.open(QIODevice::ReadOnly));
    const QJsonObject tileStats = QJsonDocument::fromJson(tileStatsFile.readAll()).object();
    QCOMPARE(tileStats.value(QLatin1String("video_pictures")).toInt(-1), 0);
    QVERIFY(tileStats.value(QLatin1String("tiles")).toInt() >
            stats.value(QLatin1String("tiles")).toInt());

    const QImage reference = serverColours(*connection_, window, &error);
    QVERIFY2(!reference.isNull(), qPrintable(error));
    const QImage saved(framePath);
    QVERIFY2(!saved.isNull(), "baton-cli join wrote no picture");
    QCOMPARE(saved.size(), reference.size());
    const double psnr = psnrDb(saved, reference);
    qInfo("ffplay's DirectColor window at the viewer: %d H.264 pictures, then the still "
          "picture at %.1f dB PSNR",
          stats.value(QLatin1String("video_pictures")).toInt(), psnr);
    QVERIFY2(std::isinf(psnr),
             qPrintable(QStringLiteral("the still picture is not exact: %1 dB PSNR against the "
                                       "server's colours")
                            .arg(psnr, 0, 'f', 1)));

    stopHost();
}

QTEST_GUILESS_MAIN(TestVisualShare)
#include "tst_visualshare.moc"
