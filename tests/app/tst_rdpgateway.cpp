// Issue 18's acceptance with a real RDP client nobody here wrote: `baton-cli host` shares an
// xterm running bash, `baton-cli rdp-gateway` joins the share, and Debian's xfreerdp joins
// the gateway. Each xfreerdp runs on an Xvfb of its own (XfreerdpClient), the xterm and the
// host on another one of the test's own, so the test needs no lock on the shared server.

#include "AppTestSupport.h"
#include "XfreerdpClient.h"
#include "tests/core/capture/PrivateXServer.h"
#include "tests/core/capture/XtermFixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kStartMs = 20000;
constexpr int kPictureMs = 30000;

using namespace baton;
using namespace baton::test;

// The highest frame id of EVENT lines ("captured 12 …", "applied 12 …") in a timing log
// (baton-cli host and join --timing-log), -1 when there is none.
qint64 lastFrameId(const QString &path, const QByteArray &event)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 last = -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() == 3 && fields[0] == event)
            last = std::max(last, fields[1].toLongLong());
    }
    return last;
}

Frame frameOf(const QImage &image)
{
    if (image.isNull())
        return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    return Frame::copyOf(
        FrameView(rgb.constBits(), rgb.width(), rgb.height(), int32_t(rgb.bytesPerLine())));
}

// Waits until process has said text after the first `from` characters of what it said.
bool saysAfter(CliProcess &process, qsizetype from, const QString &text, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            process.waitFor(text, 0);
            return process.said().indexOf(text, from) >= 0;
        },
        timeoutMs);
}

QByteArray garbage(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(18);
    for (char &byte : bytes)
        byte = char(generator.generate() & 0xff);
    return bytes;
}

} // namespace

class TestRdpGateway : public QObject {
    Q_OBJECT

private:
    // The xterm's own pixels (GetImage of its window), the reference every picture is
    // compared with.
    Frame xtermPicture() const { return windowCapture(display_, uint32_t(xterm_->windowId())); }

    // Types text into the xterm through XTEST on the host's display, as a person at the
    // host would, and waits until bash has run it and printed its prompt again.
    bool typeAtHost(const QString &text)
    {
        QFile::remove(readyFile_);
        const QString id = QString::number(xterm_->windowId());
        if (!xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), id}) ||
            !xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
                      text + QLatin1Char('\n')}))
            return false;
        return QTest::qWaitFor([this] { return QFile::exists(readyFile_); }, kPictureMs);
    }

    // An xfreerdp joined to the gateway as clientName, showing the xterm.
    std::unique_ptr<XfreerdpClient> joinRdp(const QString &clientName)
    {
        auto client = std::make_unique<XfreerdpClient>();
        QString error;
        if (!client->start(rdpPort_, password_, {QStringLiteral("/client-hostname:") + clientName},
                           &error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        if (!client->waitForPicture([this] { return xtermPicture(); }, kPictureMs, &error)) {
            qWarning("%s: %s", qPrintable(clientName), qPrintable(error));
            return nullptr;
        }
        return client;
    }

    bool allShowTheXterm(const std::vector<XfreerdpClient *> &clients)
    {
        for (XfreerdpClient *client : clients) {
            QString difference;
            if (!client->waitForPicture([this] { return xtermPicture(); }, kPictureMs,
                                        &difference)) {
                qWarning("xfreerdp on %s: %s", qPrintable(client->display()),
                         qPrintable(difference));
                return false;
            }
        }
        return true;
    }

    // The xterm's picture once everything has caught up with it: every client shows it,
    // the host captured nothing since, and the native viewer writing viewerLog has applied
    // the host's last frame. Null when that did not happen in time. (bash announces its
    // prompt before printing it, so xterm may still draw after typeAtHost() returned.)
    Frame settledPicture(const std::vector<XfreerdpClient *> &clients, const QString &viewerLog)
    {
        const QDeadlineTimer deadline(kPictureMs);
        while (!deadline.hasExpired()) {
            if (!allShowTheXterm(clients))
                return {};
            const Frame shown = xtermPicture();
            const qint64 last = lastFrameId(hostTimingLog_, "captured");
            if (last < 0 ||
                !QTest::qWaitFor([&] { return lastFrameId(viewerLog, "applied") >= last; },
                                 int(deadline.remainingTime())))
                return {};
            const bool stillShown =
                std::all_of(clients.begin(), clients.end(), [&](XfreerdpClient *client) {
                    return sameColours(client->capture(), shown);
                });
            if (stillShown && sameColours(xtermPicture(), shown) &&
                lastFrameId(hostTimingLog_, "captured") == last)
                return shown;
        }
        return {};
    }

    QTemporaryDir home_;
    PrivateXServer xServer_;
    QString display_;
    QString readyFile_;
    std::unique_ptr<Xterm> xterm_;
    std::unique_ptr<CliProcess> host_;
    std::unique_ptr<CliProcess> gateway_;
    QString link_;
    QString hostTimingLog_;
    quint16 rdpPort_ = 0;
    QString password_;

private slots:
    void initTestCase()
    {
        QVERIFY(home_.isValid());
        QString error;
        display_ = xServer_.start(24, QSize(1280, 1024), {}, &error);
        QVERIFY2(!display_.isEmpty(), qPrintable(error));
        // The xterm, the host and xdotool all find this display through DISPLAY.
        qputenv("DISPLAY", display_.toLocal8Bit());
        readyFile_ = home_.filePath(QStringLiteral("prompt"));
        xterm_ = std::make_unique<Xterm>(QStringLiteral("rdpgateway"), bashArguments(readyFile_),
                                         QStringLiteral("80x24+0+0"));
        QVERIFY(xterm_->windowId() != 0);
        QVERIFY(QTest::qWaitFor([this] { return QFile::exists(readyFile_); }, kStartMs));

        hostTimingLog_ = home_.filePath(QStringLiteral("host-timing.log"));
        const QProcessEnvironment env = privateEnvironment(home_);
        host_ = std::make_unique<CliProcess>(
            kCli, env,
            QStringList{QStringLiteral("host"), QStringLiteral("--window"),
                        QStringLiteral("0x%1").arg(xterm_->windowId(), 0, 16),
                        QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--policy"),
                        QStringLiteral("auto"), QStringLiteral("--timing-log"), hostTimingLog_});
        link_ = readLine(host_->process(), kStartMs);
        QVERIFY2(link_.startsWith(QLatin1String("baton://")),
                 qPrintable(link_ + host_->waitFor(QString(), 0)));

        gateway_ = std::make_unique<CliProcess>(
            kCli, env,
            QStringList{QStringLiteral("rdp-gateway"), link_, QStringLiteral("--bind"),
                        QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--name"), QStringLiteral("test-gateway")});
        const QString address = readLine(gateway_->process(), kStartMs);
        const QRegularExpressionMatch port =
            QRegularExpression(QStringLiteral("^rdp://127\\.0\\.0\\.1:(\\d+)$")).match(address);
        gateway_->waitFor(QString(), 0);
        QVERIFY2(port.hasMatch(), qPrintable(address + QLatin1Char(' ') + gateway_->said()));
        rdpPort_ = quint16(port.captured(1).toUInt());
        const QString password = readLine(gateway_->process(), kStartMs);
        QVERIFY2(password.startsWith(QLatin1String("password: ")), qPrintable(password));
        password_ = password.mid(10);
        QVERIFY(!password_.isEmpty());
        const QString certificate = readLine(gateway_->process(), kStartMs);
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^certificate: SHA-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$"))
                     .match(certificate)
                     .hasMatch(),
                 qPrintable(certificate));
    }

    void cleanupTestCase()
    {
        if (gateway_) {
            gateway_->leave();
            QVERIFY2(gateway_->finishedWell(10000), qPrintable(gateway_->said()));
        }
        if (host_) {
            host_->leave();
            QVERIFY2(host_->finishedWell(10000), qPrintable(host_->said()));
        }
    }

    // Two xfreerdp and a native viewer watch at once; each shows the xterm's own pixels,
    // exactly, after typing and after many lines scrolled.
    void picturesEqualTheXterm()
    {
        const QString viewerLog = home_.filePath(QStringLiteral("native-timing.log"));
        const QString viewerPicture = home_.filePath(QStringLiteral("native.png"));
        JoinProcess native(kCli, privateEnvironment(home_), link_,
                           {QStringLiteral("--name"), QStringLiteral("native"),
                            QStringLiteral("--timing-log"), viewerLog,
                            QStringLiteral("--save-frame"), viewerPicture});
        QVERIFY2(!native.waitFor(QStringLiteral("joined"), kStartMs).isEmpty(),
                 qPrintable(native.said()));
        const auto first = joinRdp(QStringLiteral("rdp-first"));
        QVERIFY(first);
        const auto second = joinRdp(QStringLiteral("rdp-second"));
        QVERIFY(second);

        const Frame before = xtermPicture();
        QVERIFY(typeAtHost(QStringLiteral("echo typed at the host")));
        QVERIFY(!sameColours(xtermPicture(), before));
        QVERIFY(allShowTheXterm({first.get(), second.get()}));

        QVERIFY(typeAtHost(QStringLiteral("seq -f 'scrolled line %g' 1 400")));
        // The native viewer's picture is written when it leaves, so it leaves once it has
        // caught up with the settled xterm.
        const Frame settled = settledPicture({first.get(), second.get()}, viewerLog);
        QVERIFY(!settled.isNull());
        native.leave();
        QVERIFY2(native.finishedWell(10000), qPrintable(native.said()));
        QString difference;
        QVERIFY2(sameColours(frameOf(QImage(viewerPicture)), settled, &difference),
                 qPrintable(difference));
    }

    // Ctrl+Alt+Space in xfreerdp takes the floor (the host's policy is auto); what is typed
    // there then reaches bash in the xterm. The host's roster names the RDP client.
    void rdpClientTakesTheFloorAndTypes()
    {
        const auto typist = joinRdp(QStringLiteral("rdp-typist"));
        QVERIFY(typist);
        // The host's roster: the client's name, how and from where it came.
        const QString joined =
            host_->waitFor(QStringLiteral("'rdp-typist via RDP from 127.0.0.1' joined"), kStartMs);
        QVERIFY2(!joined.isEmpty(), qPrintable(host_->said()));
        const QString member = joined.section(QLatin1Char(' '), 1, 1); // "viewer ID '…' joined"

        const qsizetype before = host_->said().size();
        QVERIFY(typist->pressKeys(QStringLiteral("ctrl+alt+space")));
        const QString taken = QStringLiteral("floor: %1 holds it").arg(member);
        QVERIFY2(saysAfter(*host_, before, taken, kStartMs), qPrintable(host_->said().mid(before)));

        const QString file = home_.filePath(QStringLiteral("rdp-ok.txt"));
        QFile::remove(readyFile_);
        // Return as a key of its own: xdotool types a newline as a keysym that it maps to a
        // spare keycode, which no scancode stands for.
        QVERIFY(typist->typeText(QStringLiteral("echo rdp-ok > %1").arg(file)));
        QVERIFY(typist->pressKeys(QStringLiteral("Return")));
        QVERIFY2(QTest::qWaitFor([&] { return QFile::exists(readyFile_); }, kPictureMs),
                 qPrintable(host_->said().mid(before)));
        QFile written(file);
        QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(file));
        QCOMPARE(written.readAll(), QByteArray("rdp-ok\n"));
        QVERIFY(allShowTheXterm({typist.get()}));
    }

    // Ctrl+Alt+Space pressed again gives the floor back.
    void chordAgainGivesTheFloorBack()
    {
        const auto client = joinRdp(QStringLiteral("rdp-chord"));
        QVERIFY(client);
        const QString joined =
            host_->waitFor(QStringLiteral("'rdp-chord via RDP from 127.0.0.1' joined"), kStartMs);
        QVERIFY2(!joined.isEmpty(), qPrintable(host_->said()));
        const QString member = joined.section(QLatin1Char(' '), 1, 1);
        const qsizetype before = host_->said().size();
        QVERIFY(client->pressKeys(QStringLiteral("ctrl+alt+space")));
        QVERIFY2(
            saysAfter(*host_, before, QStringLiteral("floor: %1 holds it").arg(member), kStartMs),
            qPrintable(host_->said().mid(before)));

        // "floor: HOLDER holds it (CAUSE, from PREVIOUS)"
        const qsizetype held = host_->said().size();
        QVERIFY(client->pressKeys(QStringLiteral("ctrl+alt+space")));
        QVERIFY2(saysAfter(*host_, held, QStringLiteral(", from %1)").arg(member), kStartMs),
                 qPrintable(host_->said().mid(held)));
    }

    // A connection of garbage, and one that sets up TLS as RDP does and then sends garbage,
    // are closed by the gateway; the xfreerdp watching meanwhile carries on.
    void garbageConnectionsAreClosed()
    {
        const auto watcher = joinRdp(QStringLiteral("rdp-watcher"));
        QVERIFY(watcher);

        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, rdpPort_);
        QVERIFY(plain.waitForConnected(kStartMs));
        plain.write(garbage(16 * 1024));
        QTRY_COMPARE_WITH_TIMEOUT(plain.state(), QAbstractSocket::UnconnectedState, kStartMs);

        // X.224 Connection Request asking for TLS (TPKT, X.224 CR, RDP_NEG_REQ of
        // PROTOCOL_SSL), then the TLS handshake on the same socket, as an RDP client does.
        QSslSocket tls;
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls.connectToHost(QHostAddress::LocalHost, rdpPort_);
        QVERIFY(tls.waitForConnected(kStartMs));
        tls.write(QByteArray::fromHex("03000013"
                                      "0ee00000000000"
                                      "0100080001000000"));
        QTRY_VERIFY_WITH_TIMEOUT(tls.bytesAvailable() >= 19, kStartMs);
        const QByteArray confirm = tls.read(19);
        QCOMPARE(uint8_t(confirm[5]), uint8_t(0xd0)); // Connection Confirm
        QCOMPARE(uint8_t(confirm[11]), uint8_t(0x02)); // RDP_NEG_RSP
        QCOMPARE(uint8_t(confirm[15]), uint8_t(0x01)); // PROTOCOL_SSL selected
        tls.startClientEncryption();
        QVERIFY2(tls.waitForEncrypted(kStartMs), qPrintable(tls.errorString()));
        tls.write(garbage(16 * 1024));
        QTRY_COMPARE_WITH_TIMEOUT(tls.state(), QAbstractSocket::UnconnectedState, kStartMs);

        QVERIFY(typeAtHost(QStringLiteral("echo still watching")));
        QVERIFY(allShowTheXterm({watcher.get()}));
    }

    // xfreerdp with a wrong password is turned away before it is shown anything or named
    // in the roster.
    void wrongPasswordIsRefused()
    {
        XfreerdpClient intruder;
        QString error;
        QVERIFY2(intruder.start(rdpPort_, QStringLiteral("not-") + password_,
                                {QStringLiteral("/client-hostname:rdp-intruder")}, &error),
                 qPrintable(error));
        const int exitCode = intruder.waitForExit(kStartMs);
        QVERIFY2(
            exitCode > 0,
            qPrintable(
                QStringLiteral("exit %1: %2").arg(exitCode).arg(intruder.output().right(2000))));
        host_->waitFor(QString(), 0);
        QVERIFY2(!host_->said().contains(QLatin1String("rdp-intruder")), qPrintable(host_->said()));
    }
};

QTEST_GUILESS_MAIN(TestRdpGateway)
#include "tst_rdpgateway.moc"
