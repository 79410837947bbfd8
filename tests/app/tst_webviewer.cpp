// The web viewer end to end: baton-cli host shares a real xterm (or ffplay) under Xvfb,
// Debian's chromium, headless, opens the host's web link and joins as an ordinary viewer,
// driven over the DevTools protocol with real input events. The page's picture is compared
// with an independent capture of the window (xwd), pixel for pixel.

#include "AppTestSupport.h"
#include "app/cli/browser/BrowserPage.h"
#include "app/cli/browser/CdpClient.h"
#include "app/cli/browser/HeadlessChromium.h"
#include "core/capture/x11/XcbConnection.h"
#include "tests/core/capture/XtermFixture.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

#include <map>
#include <memory>

using baton::cli::BrowserPage;
using baton::cli::CdpClient;
using baton::cli::HeadlessChromium;

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
// Generous: CI runs this on two busy cores, and chromium is heavy.
constexpr int kTimeoutMs = 30000;

// What the page exposes for tests (web/src/main.js): window.batonViewer.
const QString kJoined = QStringLiteral("window.batonViewer?.state === 'joined'");
const QString kHoldsFloor = QStringLiteral("window.batonViewer?.holdsFloor === true");
const QString kPicturesPresented = QStringLiteral("window.batonViewer?.stats?.framesPresented");
// The page's Request control button, found by its label as a person finds it.
const QString kRequestControl = QStringLiteral(
    "[...document.querySelectorAll('button')].find(b => /request control/i.test(b.textContent))");
const QString kVideoPicturesDecoded = QStringLiteral("window.batonViewer?.stats?.videoPictures");

// The page's framebuffer as {width, height, base64 of its RGBA bytes}: pictureRGBA() gives
// {width, height, data: a copy of the RGBA bytes} (web/src/main.js).
const QString kPagePicture = QStringLiteral(R"((() => {
  const picture = window.batonViewer.pictureRGBA();
  let text = '';
  for (let i = 0; i < picture.data.length; i += 0x8000)
    text += String.fromCharCode.apply(null, picture.data.subarray(i, i + 0x8000));
  return {width: picture.width, height: picture.height, base64: btoa(text)};
})())");

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The page's picture as a Frame (0xRRGGBB pixels); null with the reason in *why.
baton::Frame pagePicture(BrowserPage &page, QString *why)
{
    const auto value = page.evaluate(kPagePicture, why);
    if (!value)
        return {};
    const QJsonObject picture = value->toObject();
    const int width = picture.value(QLatin1String("width")).toInt();
    const int height = picture.value(QLatin1String("height")).toInt();
    const QByteArray rgba =
        QByteArray::fromBase64(picture.value(QLatin1String("base64")).toString().toLatin1());
    if (!baton::Frame::isValidSize(width, height) || rgba.size() != qsizetype(width) * height * 4) {
        *why = QStringLiteral("the page's picture is %1x%2 with %3 bytes")
                   .arg(width)
                   .arg(height)
                   .arg(rgba.size());
        return {};
    }
    baton::Frame frame(width, height);
    const auto *p = reinterpret_cast<const uint8_t *>(rgba.constData());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x, p += 4)
            frame.setPixel(x, y, uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]);
    return frame;
}

// True when the page's picture is the window's as xwd captures it; else the first
// difference in *why.
bool pageShows(BrowserPage &page, uint64_t window, QString *why)
{
    const baton::Frame shown = pagePicture(page, why);
    if (shown.isNull())
        return false;
    const baton::Frame reference = baton::test::xwdCapture(window);
    if (reference.isNull()) {
        *why = QStringLiteral("xwd captured nothing");
        return false;
    }
    if (shown.width() != reference.width() || shown.height() != reference.height()) {
        *why = QStringLiteral("the page shows %1x%2, the window is %3x%4")
                   .arg(shown.width())
                   .arg(shown.height())
                   .arg(reference.width())
                   .arg(reference.height());
        return false;
    }
    return baton::test::sameColours(shown, reference, why);
}

// Static files over plain HTTP on loopback, for a test page that is not the viewer (a
// page on http://127.0.0.1 is a secure context, as WebCodecs needs): GET /PREFIX/PATH
// answers the file PATH under the folder given for PREFIX.
class StaticFileServer : public QObject {
public:
    explicit StaticFileServer(std::map<QString, QString> folders) : folders_(std::move(folders))
    {
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server_.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
        server_.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return server_.serverPort(); }

private:
    void answer(QTcpSocket *socket)
    {
        if (!socket->canReadLine())
            return;
        // "GET /prefix/path?query HTTP/1.1"; the rest of the request does not matter.
        const QString target = QString::fromLatin1(socket->readLine()).section(u' ', 1, 1);
        const QString path = target.section(u'?', 0, 0);
        const auto folder = folders_.find(path.section(u'/', 1, 1));
        QFile file(folder == folders_.end() || path.contains(QLatin1String(".."))
                       ? QString()
                       : folder->second + u'/' + path.section(u'/', 2));
        QByteArray type = "application/octet-stream";
        if (path.endsWith(QLatin1String(".html")))
            type = "text/html";
        else if (path.endsWith(QLatin1String(".js")) || path.endsWith(QLatin1String(".mjs")))
            type = "text/javascript";
        else if (path.endsWith(QLatin1String(".json")))
            type = "application/json";
        const QByteArray body = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        socket->write((file.isOpen() ? "HTTP/1.1 200 OK\r\nContent-Type: " + type
                                     : QByteArray("HTTP/1.1 404 Not Found")) +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer server_;
    std::map<QString, QString> folders_;
};

} // namespace

class TestWebViewer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        // tools/deps/debian.txt installs them: a missing one is a broken set-up, not a skip.
        QVERIFY2(QFile::exists(QString::fromLatin1(HeadlessChromium::kProgram)),
                 "chromium is not installed");
        xServer_ = baton::test::holdXServer();
        QVERIFY(xServer_ != nullptr);
    }

    void init()
    {
        QVERIFY(home_.isValid());
        host_.setProcessEnvironment(baton::test::privateEnvironment(home_));
        host_.setProcessChannelMode(QProcess::SeparateChannels);
    }

    void cleanup()
    {
        pages_.clear();
        cdp_.reset();
        browser_.reset();
        if (host_.state() != QProcess::NotRunning) {
            host_.kill();
            host_.waitForFinished(5000);
        }
        hostLog_.clear();
    }

    // A page joins and shows the xterm exactly; then after the host's user types, after
    // 300 lines scrolled, and to a second page that joins late; a native viewer at the same
    // time gets the same picture.
    void pagesShowTheXtermExactly()
    {
        const QString ready = home_.filePath(QStringLiteral("ready-picture"));
        baton::test::Xterm xterm(QStringLiteral("webpicture"), baton::test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kTimeoutMs);
        QString why;
        BrowserPage *first =
            shareWithAPage({QStringLiteral("--window"), QString::number(xterm.windowId())}, &why);
        QVERIFY2(first, qPrintable(why));
        QTRY_VERIFY2_WITH_TIMEOUT(pageShows(*first, xterm.windowId(), &why), qPrintable(why),
                                  kTimeoutMs);

        // Typed on the host's screen.
        QFile::remove(ready);
        QVERIFY(baton::test::xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"),
                                      QString::number(xterm.windowId()), QStringLiteral("type"),
                                      QStringLiteral("echo typed on the host\n")}));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kTimeoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(pageShows(*first, xterm.windowId(), &why), qPrintable(why),
                                  kTimeoutMs);

        // 300 lines scrolled through.
        QFile::remove(ready);
        QVERIFY(baton::test::xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"),
                                      QString::number(xterm.windowId()), QStringLiteral("type"),
                                      QStringLiteral("seq 300\n")}));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kTimeoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(pageShows(*first, xterm.windowId(), &why), qPrintable(why),
                                  kTimeoutMs);

        // A page that joins now gets the picture as it stands, and a native viewer beside
        // both pages the same.
        BrowserPage *late = joinPage(&why);
        QVERIFY2(late, qPrintable(why));
        // Both pages are viewers of the share under their own ids, with the page's name.
        for (BrowserPage *page : {first, late}) {
            const int userId = page->evaluate(QStringLiteral("window.batonViewer.userId"), &why)
                                   .value_or(0)
                                   .toInt();
            QVERIFY2(userId > 0, qPrintable(why));
            const QString joined = QStringLiteral("viewer %1 'Web viewer' joined").arg(userId);
            QTRY_VERIFY2_WITH_TIMEOUT(hostLog().contains(joined),
                                      qPrintable(joined + QStringLiteral(" not in: ") + hostLog_),
                                      kTimeoutMs);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(pageShows(*late, xterm.windowId(), &why), qPrintable(why),
                                  kTimeoutMs);
        const QString framePath = home_.filePath(QStringLiteral("native.png"));
        QProcess native;
        native.setProcessEnvironment(baton::test::privateEnvironment(home_));
        native.start(kCli,
                     {QStringLiteral("join"), nativeLink_, QStringLiteral("--name"),
                      QStringLiteral("native"), QStringLiteral("--duration"), QStringLiteral("2"),
                      QStringLiteral("--save-frame"), framePath});
        QVERIFY(native.waitForFinished(kTimeoutMs));
        QVERIFY2(native.exitCode() == 0, native.readAllStandardError().constData());
        const QImage saved(framePath);
        const baton::Frame reference = baton::test::xwdCapture(xterm.windowId());
        QVERIFY(!saved.isNull() && !reference.isNull());
        QCOMPARE(saved.size(), QSize(reference.width(), reference.height()));
        const QImage argb = saved.convertToFormat(QImage::Format_RGB32);
        baton::Frame nativeFrame(argb.width(), argb.height());
        for (int y = 0; y < argb.height(); ++y)
            for (int x = 0; x < argb.width(); ++x)
                nativeFrame.setPixel(x, y, argb.pixel(x, y));
        QVERIFY2(baton::test::sameColours(nativeFrame, reference, &why), qPrintable(why));
        QVERIFY2(pageShows(*first, xterm.windowId(), &why), qPrintable(why));
        QVERIFY2(pageShows(*late, xterm.windowId(), &why), qPrintable(why));
    }

    // The page asks for control with its button (a real click), the host's policy grants
    // it, and keys typed into the page run a command in the xterm.
    void pageTakesTheFloorAndTypes()
    {
        const QString ready = home_.filePath(QStringLiteral("ready-floor"));
        baton::test::Xterm xterm(QStringLiteral("webfloor"), baton::test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kTimeoutMs);
        QString why;
        BrowserPage *page =
            shareWithAPage({QStringLiteral("--window"), QString::number(xterm.windowId())}, &why);
        QVERIFY2(page, qPrintable(why));
        QVERIFY2(page->waitUntil(kRequestControl + QStringLiteral("?.disabled === false"),
                                 kTimeoutMs, &why),
                 qPrintable(why));
        QVERIFY2(page->clickElement(kRequestControl, &why), qPrintable(why));
        QVERIFY2(page->waitUntil(kHoldsFloor, kTimeoutMs, &why), qPrintable(why));

        const QString written = home_.filePath(QStringLiteral("web-ok"));
        QVERIFY2(page->type(QStringLiteral("echo web-ok > ") + written, &why), qPrintable(why));
        QVERIFY2(page->press(QStringLiteral("Enter"), QStringLiteral("Enter"), 0x0d, &why),
                 qPrintable(why));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(written), QStringLiteral("web-ok\n"), kTimeoutMs);
    }

    // Bytes that are not the protocol, on a WebSocket of their own: the host cuts that
    // connection, and the page beside it keeps receiving.
    void garbageOnAWebSocketCutsItAlone()
    {
        baton::test::Xterm xterm(QStringLiteral("webgarbage"));
        QVERIFY(xterm.windowId() != 0);
        QString why;
        BrowserPage *page =
            shareWithAPage({QStringLiteral("--window"), QString::number(xterm.windowId())}, &why);
        QVERIFY2(page, qPrintable(why));
        QTRY_VERIFY2_WITH_TIMEOUT(pageShows(*page, xterm.windowId(), &why), qPrintable(why),
                                  kTimeoutMs);

        const QUrl web(webLink_);
        const QString origin = QStringLiteral("https://%1:%2").arg(web.host()).arg(web.port());
        QNetworkRequest request(
            QUrl(QStringLiteral("wss://%1:%2/ws").arg(web.host()).arg(web.port())));
        request.setRawHeader("Origin", origin.toLatin1());
        QWebSocket rogue;
        // The host's own certificate, and no other, as the browser accepts it.
        QObject::connect(&rogue, &QWebSocket::sslErrors, &rogue,
                         [&](const QList<QSslError> &errors) {
                             for (const QSslError &error : errors)
                                 if (error.certificate() != certificate_)
                                     return;
                             rogue.ignoreSslErrors();
                         });
        QSignalSpy connected(&rogue, &QWebSocket::connected);
        QSignalSpy disconnected(&rogue, &QWebSocket::disconnected);
        rogue.open(request);
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, kTimeoutMs);
        QByteArray garbage(4096, Qt::Uninitialized);
        QRandomGenerator generator(17);
        for (char &byte : garbage)
            byte = char(generator.bounded(256));
        // Not a TPKT header: the host must not wait for a length it would never get.
        garbage[0] = char(0x55);
        rogue.sendBinaryMessage(garbage);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, kTimeoutMs);

        const double before = presented(*page);
        QVERIFY(baton::test::xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"),
                                      QString::number(xterm.windowId()), QStringLiteral("type"),
                                      QStringLiteral("still here")}));
        QTRY_VERIFY2_WITH_TIMEOUT(presented(*page) > before &&
                                      pageShows(*page, xterm.windowId(), &why),
                                  qPrintable(why), kTimeoutMs);
        QVERIFY2(page->evaluate(kJoined, &why).value_or(false).toBool(), qPrintable(why));
    }

    // ffplay's video reaches the page through WebCodecs (VideoDecoder), not only as tiles.
    void videoIsDecodedByWebCodecs()
    {
        for (const char *tool : {"ffmpeg", "ffplay"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));
        const QString clip = home_.filePath(QStringLiteral("clip.mp4"));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
                      QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=320x240:rate=25"), QStringLiteral("-t"),
                      QStringLiteral("2"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                      QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), clip});
        QVERIFY(ffmpeg.waitForFinished(kTimeoutMs));
        QVERIFY2(ffmpeg.exitCode() == 0, ffmpeg.readAllStandardError().constData());

        // Played in a loop, so it keeps moving until the page has decoded some.
        const QString title =
            QStringLiteral("baton-webviewer-video-%1").arg(QCoreApplication::applicationPid());
        QProcess ffplay;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SDL_VIDEODRIVER"), QStringLiteral("x11"));
        environment.insert(QStringLiteral("SDL_AUDIODRIVER"), QStringLiteral("dummy"));
        ffplay.setProcessEnvironment(environment);
        ffplay.start(QStringLiteral("ffplay"),
                     {QStringLiteral("-loglevel"), QStringLiteral("error"),
                      QStringLiteral("-nostats"), QStringLiteral("-an"), QStringLiteral("-loop"),
                      QStringLiteral("0"), QStringLiteral("-window_title"), title,
                      QStringLiteral("-left"), QStringLiteral("0"), QStringLiteral("-top"),
                      QStringLiteral("0"), clip});
        QVERIFY(ffplay.waitForStarted(kTimeoutMs));
        QProcess search;
        search.start(QStringLiteral("xdotool"),
                     {QStringLiteral("search"), QStringLiteral("--sync"),
                      QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                      QStringLiteral("^%1$").arg(title)});
        QVERIFY(search.waitForFinished(kTimeoutMs));
        const QString window =
            QString::fromLatin1(search.readAllStandardOutput()).section(u'\n', 0, 0);
        QVERIFY2(!window.isEmpty(), ffplay.readAllStandardError().constData());
        QString why;
        BrowserPage *page = shareWithAPage({QStringLiteral("--window"), window}, &why);
        QVERIFY2(page, qPrintable(why));
        QVERIFY2(page->waitUntil(kVideoPicturesDecoded + QStringLiteral(" > 0"), kTimeoutMs, &why),
                 qPrintable(why));
        ffplay.kill();
        ffplay.waitForFinished(5000);
    }

    // web/test/browser/video-golden.html: tests/web's golden H.264 stream decoded by this
    // chromium's WebCodecs equals libavcodec's planes, and the viewer's pictures of it the
    // C++ viewer's (within the page's bound).
    void videoGoldenInChromium()
    {
        const QString writer = QStringLiteral(BATON_WEB_PICTURE_GOLDEN);
        QVERIFY2(!writer.isEmpty(), "the golden writer is not built here");
        const QString golden = home_.filePath(QStringLiteral("golden"));
        QProcess write;
        write.start(writer, {golden});
        QVERIFY(write.waitForFinished(kTimeoutMs));
        QVERIFY2(write.exitStatus() == QProcess::NormalExit && write.exitCode() == 0,
                 write.readAllStandardError().constData());
        StaticFileServer files({{QStringLiteral("source"), QStringLiteral(BATON_SOURCE_DIR)},
                                {QStringLiteral("golden"), golden}});
        QVERIFY(files.port() != 0);
        QString why;
        browser_ = HeadlessChromium::start({}, &why);
        QVERIFY2(browser_, qPrintable(why));
        cdp_ = std::make_unique<CdpClient>();
        QVERIFY2(cdp_->open(browser_->devToolsEndpoint(), kTimeoutMs, &why), qPrintable(why));
        auto page = BrowserPage::open(*cdp_, &why);
        QVERIFY2(page, qPrintable(why));
        QVERIFY2(page->navigate(QStringLiteral("http://127.0.0.1:%1/source/web/test/browser/"
                                               "video-golden.html?golden=/golden/picture/")
                                    .arg(files.port()),
                                &why),
                 qPrintable(why));
        QVERIFY2(page->waitUntil(QStringLiteral("document.title === 'done'"), kTimeoutMs, &why),
                 qPrintable(why));
        const QString log =
            page->evaluate(QStringLiteral("document.getElementById('log').textContent"), &why)
                .value_or(QJsonValue())
                .toString();
        qInfo("%s", qPrintable(log));
        QVERIFY2(page->evaluate(QStringLiteral("window.result.ok === true"), &why)
                     .value_or(false)
                     .toBool(),
                 qPrintable(page->evaluate(QStringLiteral("JSON.stringify(window.result)"), &why)
                                .value_or(QJsonValue(why))
                                .toString()));
    }

private:
    // Starts baton-cli host sharing what SHARE names, its floor granted to whoever asks;
    // reads its two links (native first, web second).
    bool startHost(const QStringList &share, QString *error)
    {
        host_.start(kCli,
                    QStringList{QStringLiteral("host")} + share +
                        QStringList{QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                    QStringLiteral("--port"), QStringLiteral("0"),
                                    QStringLiteral("--policy"), QStringLiteral("auto")});
        const baton::test::HostLinks links = baton::test::readHostLinks(host_, kTimeoutMs);
        nativeLink_ = links.native;
        webLink_ = links.web;
        if (nativeLink_.startsWith(QLatin1String("baton://")) &&
            webLink_.startsWith(QLatin1String("https://127.0.0.1:")))
            return true;
        *error = QStringLiteral("baton-cli host printed '%1' and '%2' (the web link is the second "
                                "line): %3")
                     .arg(nativeLink_, webLink_, hostLog());
        return false;
    }

    // Starts chromium accepting the host's certificate as a person does who compared the
    // link's fingerprint with it: the certificate the host keeps in the test's HOME.
    bool startBrowser(QString *error)
    {
        const QString fingerprint =
            QUrlQuery(QUrl(webLink_).fragment()).queryItemValue(QStringLiteral("fp"));
        QDirIterator files(home_.path(), {QStringLiteral("cert.pem")}, QDir::Files,
                           QDirIterator::Subdirectories);
        const QList<QSslCertificate> certificates =
            files.hasNext() ? QSslCertificate::fromPath(files.next()) : QList<QSslCertificate>();
        if (certificates.isEmpty()) {
            *error = QStringLiteral("the host kept no certificate in its HOME");
            return false;
        }
        certificate_ = certificates.first();
        const QString kept = QString::fromLatin1(
            QCryptographicHash::hash(certificate_.toDer(), QCryptographicHash::Sha256).toHex());
        if (kept != fingerprint) {
            *error = QStringLiteral("the web link's fingerprint '%1' is not the certificate's %2")
                         .arg(fingerprint, kept);
            return false;
        }
        browser_ = HeadlessChromium::start({HeadlessChromium::spkiPin(certificate_)}, error);
        cdp_ = std::make_unique<CdpClient>();
        return browser_ && cdp_->open(browser_->devToolsEndpoint(), kTimeoutMs, error);
    }

    // startHost, startBrowser and a first page joined; null with the reason.
    BrowserPage *shareWithAPage(const QStringList &share, QString *error)
    {
        return startHost(share, error) && startBrowser(error) ? joinPage(error) : nullptr;
    }

    // A new tab that opened the web link and joined; null with the reason.
    BrowserPage *joinPage(QString *error)
    {
        auto page = BrowserPage::open(*cdp_, error);
        if (!page)
            return nullptr;
        if (!page->navigate(webLink_, error) || !page->waitUntil(kJoined, kTimeoutMs, error)) {
            saveScreenshot(*page);
            *error += QStringLiteral("\nhost: ") + hostLog();
            return nullptr;
        }
        pages_.push_back(std::move(page));
        return pages_.back().get();
    }

    // What the host wrote on its standard error so far.
    QString hostLog()
    {
        hostLog_ += QString::fromUtf8(host_.readAllStandardError());
        return hostLog_;
    }

    double presented(BrowserPage &page)
    {
        QString ignored;
        return page.evaluate(kPicturesPresented, &ignored).value_or(-1).toDouble(-1);
    }

    // What the page looked like, for the person reading a failure.
    void saveScreenshot(BrowserPage &page)
    {
        QString ignored;
        const QString path = QDir::temp().filePath(
            QStringLiteral("tst_webviewer-%1.png").arg(QCoreApplication::applicationPid()));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly) && file.write(page.screenshot(&ignored)) > 0)
            qWarning("the page as it stood: %s", qPrintable(path));
    }

    QTemporaryDir home_;
    std::unique_ptr<baton::XcbConnection> xServer_;
    QProcess host_;
    QString hostLog_;
    QString nativeLink_;
    QString webLink_;
    QSslCertificate certificate_;
    std::unique_ptr<HeadlessChromium> browser_;
    std::unique_ptr<CdpClient> cdp_;
    std::vector<std::unique_ptr<BrowserPage>> pages_;
};

QTEST_GUILESS_MAIN(TestWebViewer)
#include "tst_webviewer.moc"
