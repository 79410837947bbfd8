// The host's H.264 through the RDP gateway to Debian's xfreerdp with /gfx:avc420: `baton-cli
// host` shares ffplay playing testsrc2 on an Xvfb of the test's own, `baton-cli rdp-gateway`
// joins it, and xfreerdp (on an Xvfb of its own, XfreerdpClient) joins the gateway. The
// client joined mid-stream, so it starts on the next key frame, which a native viewer's
// join makes the host send; once ffplay pauses, the host's exact tiles make the xfreerdp
// window equal ffplay's own pixels, and the gateway says how many of the host's pictures
// it passed through without re-encoding them.

#include "AppTestSupport.h"
#include "XfreerdpClient.h"
#include "tests/core/capture/PrivateXServer.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kStartMs = 20000;
constexpr int kPictureMs = 30000;
const QString kTitle = QStringLiteral("baton-rdp-video");

using namespace baton;
using namespace baton::test;

// Runs a tool on display and returns what it printed; empty when it failed.
QString run(const QString &display, const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), display);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(kStartMs) || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestRdpGatewayVideo : public QObject {
    Q_OBJECT

private slots:
    void avc420ReachesXfreerdp();

private:
    QTemporaryDir home_;
};

void TestRdpGatewayVideo::avc420ReachesXfreerdp()
{
    // tools/deps/debian.txt installs them: a missing one is a broken set-up, not a skip.
    for (const char *tool : {"ffplay", "xfreerdp", "xdotool"})
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));
    PrivateXServer xServer;
    QString error;
    const QString display = xServer.start(24, QSize(800, 600), {}, &error);
    QVERIFY2(!display.isEmpty(), qPrintable(error));

    // testsrc2 straight from libavfilter: it plays until paused.
    QProcess ffplay;
    QProcessEnvironment ffplayEnvironment = QProcessEnvironment::systemEnvironment();
    ffplayEnvironment.insert(QStringLiteral("DISPLAY"), display);
    ffplayEnvironment.insert(QStringLiteral("SDL_VIDEODRIVER"), QStringLiteral("x11"));
    ffplayEnvironment.insert(QStringLiteral("SDL_AUDIODRIVER"), QStringLiteral("dummy"));
    ffplay.setProcessEnvironment(ffplayEnvironment);
    ffplay.start(QStringLiteral("ffplay"),
                 {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-nostats"),
                  QStringLiteral("-an"), QStringLiteral("-window_title"), kTitle,
                  QStringLiteral("-left"), QStringLiteral("0"), QStringLiteral("-top"),
                  QStringLiteral("0"), QStringLiteral("-f"), QStringLiteral("lavfi"),
                  QStringLiteral("testsrc2=size=320x240:rate=25")});
    const QString window = run(display, QStringLiteral("xdotool"),
                               {QStringLiteral("search"), QStringLiteral("--sync"),
                                QStringLiteral("--onlyvisible"), QStringLiteral("--name"), kTitle});
    QVERIFY2(!window.isEmpty(), qPrintable(QString::fromLocal8Bit(ffplay.readAllStandardError())));
    const uint32_t windowId = window.split(QLatin1Char('\n')).first().toUInt();

    const QProcessEnvironment env = privateEnvironment(home_);
    QProcessEnvironment hostEnvironment = env;
    hostEnvironment.insert(QStringLiteral("DISPLAY"), display);
    CliProcess host(kCli, hostEnvironment,
                    {QStringLiteral("host"), QStringLiteral("--window"),
                     QStringLiteral("0x%1").arg(windowId, 0, 16), QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0")});
    const QString link = readLine(host.process(), kStartMs);
    QVERIFY2(link.startsWith(QLatin1String("baton://")), qPrintable(link + host.waitFor({}, 0)));

    CliProcess gateway(kCli, env,
                       {QStringLiteral("rdp-gateway"), link, QStringLiteral("--bind"),
                        QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                        QStringLiteral("0")});
    const QRegularExpressionMatch port =
        QRegularExpression(QStringLiteral("^rdp://127\\.0\\.0\\.1:(\\d+)$"))
            .match(readLine(gateway.process(), kStartMs));
    QVERIFY2(port.hasMatch(), qPrintable(gateway.waitFor({}, 0)));
    const QString password = readLine(gateway.process(), kStartMs).mid(10);

    auto client = std::make_unique<XfreerdpClient>();
    QVERIFY2(client->start(quint16(port.captured(1).toUInt()), password,
                           {QStringLiteral("/gfx:avc420")}, &error),
             qPrintable(error));
    QVERIFY2(!gateway.waitFor(QStringLiteral("graphics pipeline ready"), kPictureMs).isEmpty(),
             qPrintable(gateway.said() + client->output()));
    // The gateway's own viewer had the key frame long ago; a native viewer's join makes the
    // host send another, from which the RDP client decodes the video itself.
    JoinProcess viewer(kCli, env, link, {});
    QVERIFY2(
        !gateway.waitFor(QStringLiteral("passed through as AVC420 from its key frame"), kPictureMs)
             .isEmpty(),
        qPrintable(gateway.said() + client->output()));

    // Stopped, ffplay's picture stands still: the host sends it as exact tiles, and xfreerdp
    // shows ffplay's own pixels.
    QVERIFY(::kill(pid_t(ffplay.processId()), SIGSTOP) == 0);
    QVERIFY2(client->waitForPicture([&] { return windowCapture(display, windowId); }, kPictureMs,
                                    &error),
             qPrintable(error));

    // Gone before the gateway leaves, so that it need not show anyone the end.
    client.reset();
    viewer.leave();
    QVERIFY(viewer.finishedWell(kStartMs));
    gateway.leave();
    QVERIFY2(gateway.finishedWell(kStartMs), qPrintable(gateway.said()));
    const QRegularExpressionMatch passed =
        QRegularExpression(QStringLiteral("(\\d+) of the host's video pictures passed through"))
            .match(gateway.said());
    QVERIFY2(passed.hasMatch() && passed.captured(1).toInt() > 0, qPrintable(gateway.said()));
    qInfo().noquote() << "the gateway passed" << passed.captured(1)
                      << "of the host's H.264 pictures to xfreerdp as AVC420";
    host.leave();
    QVERIFY(host.finishedWell(kStartMs));
    ::kill(pid_t(ffplay.processId()), SIGCONT);
    ffplay.terminate();
    ffplay.waitForFinished(kStartMs);
}

QTEST_GUILESS_MAIN(TestRdpGatewayVideo)
#include "tst_rdpgatewayvideo.moc"
