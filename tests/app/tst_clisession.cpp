// baton-cli host and baton-cli join as a user runs them: two real processes, real TLS on
// loopback, and what they print, exit with and write.

#include "AppTestSupport.h"
#include "core/capture/x11/XcbConnection.h"
#include "core/common/InviteLink.h"
#include "tests/core/capture/XtermFixture.h"
#include "tests/core/net/TestCertificateAuthority.h"

#include <QCryptographicHash>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

using baton::InviteLink;
using baton::test::privateEnvironment;
using baton::test::readHostLinks;
using baton::test::readLine;
using baton::test::TestCertificateAuthority;

} // namespace

class TestCliSession : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(home_.isValid());
        host_.setProcessEnvironment(privateEnvironment(home_));
        host_.setProcessChannelMode(QProcess::SeparateChannels);
    }

    void cleanup()
    {
        if (host_.state() != QProcess::NotRunning) {
            host_.kill();
            host_.waitForFinished(5000);
        }
    }

    // The host prints its invite link first and its web form second; a viewer given
    // --duration joins, stays and leaves on its own, writing its statistics and the picture
    // it ended with. When the host is stopped with SIGTERM, it exits cleanly and a viewer
    // still joined is told.
    void hostAndJoinOverLoopback()
    {
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--synthetic"),
                     QStringLiteral("typing"), QStringLiteral("--size"), QStringLiteral("640x360"),
                     QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(host_.waitForStarted());
        const auto links = readHostLinks(host_, 10000);
        const QString link = links.native;
        QVERIFY2(link.startsWith(QLatin1String("baton://127.0.0.1:")),
                 qPrintable(link + QString::fromUtf8(host_.readAllStandardError())));
        const auto native = InviteLink::parse(link);
        QVERIFY(native);
        QCOMPARE(links.web,
                 QStringLiteral("https://127.0.0.1:%1/s/%2#fp=%3")
                     .arg(native->port)
                     .arg(native->sessionId, QString::fromLatin1(native->fingerprint.toHex())));

        const QString statsPath = home_.filePath(QStringLiteral("stats.json"));
        const QString framePath = home_.filePath(QStringLiteral("frame.png"));
        QProcess timed;
        timed.setProcessEnvironment(privateEnvironment(home_));
        timed.start(kCli,
                    {QStringLiteral("join"), link, QStringLiteral("--name"),
                     QStringLiteral("timed"), QStringLiteral("--duration"), QStringLiteral("2"),
                     QStringLiteral("--stats"), statsPath, QStringLiteral("--save-frame"),
                     framePath});
        QVERIFY(timed.waitForFinished(15000));
        const QString timedErr = QString::fromUtf8(timed.readAllStandardError());
        QCOMPARE(timed.exitStatus(), QProcess::NormalExit);
        QVERIFY2(timed.exitCode() == 0, qPrintable(timedErr));
        QVERIFY2(timedErr.contains(QLatin1String("joined")), qPrintable(timedErr));

        QFile statsFile(statsPath);
        QVERIFY(statsFile.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonObject stats =
            QJsonDocument::fromJson(statsFile.readAll(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString()));
        QVERIFY(stats.value(QLatin1String("bytes_received")).toDouble() > 0);
        QVERIFY(stats.value(QLatin1String("batches_applied")).toDouble() > 0);
        QVERIFY(stats.value(QLatin1String("first_picture_ms")).toDouble(-1) >= 0);
        for (const char *key : {"update_delay_mean_ms", "update_delay_p90_ms"}) {
            QVERIFY2(stats.value(QLatin1String(key)).isDouble(), key);
            QVERIFY2(stats.value(QLatin1String(key)).toDouble() >= 0, key);
        }
        QCOMPARE(stats.value(QLatin1String("width")).toInt(), 640);
        QCOMPARE(stats.value(QLatin1String("height")).toInt(), 360);

        const QImage frame(framePath);
        QVERIFY(!frame.isNull());
        QCOMPARE(frame.size(), QSize(640, 360));
        // The typing scene, not an empty picture.
        QSet<QRgb> colours;
        for (int y = 0; y < frame.height(); y += 2)
            for (int x = 0; x < frame.width(); x += 2)
                colours.insert(frame.pixel(x, y));
        QVERIFY2(colours.size() > 1, qPrintable(QString::number(colours.size())));

        QProcess staying;
        staying.setProcessEnvironment(privateEnvironment(home_));
        staying.start(
            kCli,
            {QStringLiteral("join"), link, QStringLiteral("--name"), QStringLiteral("staying")});
        QVERIFY(staying.waitForStarted());
        QByteArray stayingErr;
        QTRY_VERIFY_WITH_TIMEOUT((stayingErr += staying.readAllStandardError()).contains("joined"),
                                 10000);
        QByteArray hostErr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (hostErr += host_.readAllStandardError()).contains("'staying' joined"), 10000);

        host_.terminate(); // SIGTERM
        QVERIFY(host_.waitForFinished(10000));
        hostErr += host_.readAllStandardError();
        QCOMPARE(host_.exitStatus(), QProcess::NormalExit);
        QVERIFY2(host_.exitCode() == 0, hostErr.constData());
        QVERIFY2(hostErr.contains("share ended"), hostErr.constData());
        // The share's statistics: both viewers, one after the other.
        QVERIFY2(hostErr.contains("share statistics: "), hostErr.constData());
        QVERIFY2(hostErr.contains("2 viewers joined, at most 1 at once"), hostErr.constData());

        QVERIFY(staying.waitForFinished(10000));
        stayingErr += staying.readAllStandardError();
        QCOMPARE(staying.exitStatus(), QProcess::NormalExit);
        QVERIFY2(staying.exitCode() == 0, stayingErr.constData());
        QVERIFY2(stayingErr.contains("left: The host ended the session."), stayingErr.constData());
    }

    // Shares a real xterm by its id: the frame the viewer saves is exactly the xterm's
    // pixels as xwd sees them, with no pointer drawn in.
    void joinSavesTheSharedXtermsPixels()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        const auto xServer = baton::test::holdXServer();
        QVERIFY(xServer != nullptr);
        baton::test::Xterm xterm(QStringLiteral("cli"),
                                 {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("seq -f 'line %g shared by baton-cli' 1 30; "
                                                 "exec sleep 600")});
        QVERIFY(xterm.windowId() != 0);
        // The pointer over the text, where a cursor drawn into the picture would show.
        QVERIFY(baton::test::xdotool({QStringLiteral("mousemove"), QStringLiteral("--window"),
                                      QString::number(xterm.windowId()), QStringLiteral("30"),
                                      QStringLiteral("8")}));
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--window"),
                     QStringLiteral("0x%1").arg(xterm.windowId(), 0, 16), QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0")});
        const QString link = readLine(host_, 10000);
        QVERIFY2(link.startsWith(QLatin1String("baton://")),
                 qPrintable(link + QString::fromUtf8(host_.readAllStandardError())));

        const QString framePath = home_.filePath(QStringLiteral("xterm.png"));
        QProcess join;
        join.setProcessEnvironment(privateEnvironment(home_));
        join.start(kCli,
                   {QStringLiteral("join"), link, QStringLiteral("--duration"),
                    QStringLiteral("1.5"), QStringLiteral("--save-frame"), framePath});
        QVERIFY(join.waitForFinished(15000));
        QVERIFY2(join.exitCode() == 0, join.readAllStandardError().constData());

        const QImage saved(framePath);
        const baton::Frame reference = baton::test::xwdCapture(xterm.windowId());
        QVERIFY(!saved.isNull() && !reference.isNull());
        QCOMPARE(saved.size(), QSize(reference.width(), reference.height()));
        for (int y = 0; y < saved.height(); ++y) {
            for (int x = 0; x < saved.width(); ++x) {
                if (((saved.pixel(x, y) ^ reference.pixel(x, y)) & 0x00ffffffu) != 0)
                    QFAIL(qPrintable(QStringLiteral("pixel (%1, %2): %3 saved, %4 on screen")
                                         .arg(x)
                                         .arg(y)
                                         .arg(saved.pixel(x, y), 8, 16)
                                         .arg(reference.pixel(x, y), 8, 16)));
            }
        }
        host_.terminate();
        QVERIFY(host_.waitForFinished(10000));
        QCOMPARE(host_.exitCode(), 0);
    }

    // The host says whether it shares the window's application (the default) or the
    // window alone.
    void hostSaysWhatItShares_data()
    {
        QTest::addColumn<QStringList>("scope");
        QTest::addColumn<QString>("line");
        const QString application =
            QStringLiteral("Sharing the application of '%1' (its menus and dialogs too) on port ");
        QTest::newRow("default") << QStringList{} << application;
        QTest::newRow("--app") << QStringList{QStringLiteral("--app")} << application;
        QTest::newRow("--only-window") << QStringList{QStringLiteral("--only-window")}
                                       << QStringLiteral("Sharing the window '%1' only on port ");
    }
    void hostSaysWhatItShares()
    {
        QFETCH(QStringList, scope);
        QFETCH(QString, line);
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        const auto xServer = baton::test::holdXServer();
        QVERIFY(xServer != nullptr);
        baton::test::Xterm xterm(QStringLiteral("cli-scope"));
        QVERIFY(xterm.windowId() != 0);
        host_.start(kCli,
                    QStringList{QStringLiteral("host"), QStringLiteral("--window"),
                                QStringLiteral("0x%1").arg(xterm.windowId(), 0, 16),
                                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--port"), QStringLiteral("0")} +
                        scope);
        const QString link = readLine(host_, 10000);
        // Read once, into err: the messages of QVERIFY2 are evaluated even when it passes.
        QByteArray err = host_.readAllStandardError();
        QVERIFY2(link.startsWith(QLatin1String("baton://")), err.constData());
        QTRY_VERIFY2_WITH_TIMEOUT((err += host_.readAllStandardError()).contains("Ctrl+C ends"),
                                  err.constData(), 10000);
        QVERIFY2(QString::fromUtf8(err).contains(line.arg(xterm.title())), err.constData());
        host_.terminate();
        QVERIFY(host_.waitForFinished(10000));
        QCOMPARE(host_.exitCode(), 0);
    }

    // --tls-cert and --tls-key: a certificate chain from a CA, which a client that trusts
    // that CA alone accepts without being told to ignore anything, and gets the viewer page
    // over, as a browser would; the links pin that certificate, and a native viewer joins
    // with the web form of the link.
    void hostWithACaCertificate()
    {
        QVERIFY(QDir().mkpath(home_.filePath(QStringLiteral("ca"))));
        TestCertificateAuthority ca(home_.filePath(QStringLiteral("ca")));
        QVERIFY2(ca.isValid(), qPrintable(ca.error()));
        const auto issued =
            ca.issue(QStringLiteral("host"), TestCertificateAuthority::KeyType::Rsa);
        QVERIFY2(issued, qPrintable(ca.error()));
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--synthetic"), QStringLiteral("idle"),
                     QStringLiteral("--size"), QStringLiteral("320x200"), QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                     QStringLiteral("--passcode"), QStringLiteral("4711"),
                     QStringLiteral("--tls-cert"), issued->chainPath, QStringLiteral("--tls-key"),
                     issued->keyPath});
        const auto links = readHostLinks(host_, 10000);
        QVERIFY2(links.web.startsWith(QLatin1String("https://127.0.0.1:")),
                 qPrintable(links.native + QString::fromUtf8(host_.readAllStandardError())));
        const auto native = InviteLink::parse(links.native);
        const auto web = InviteLink::parse(links.web);
        QVERIFY(native && web);
        QCOMPARE(web->toString(), native->toString());
        QCOMPARE(web->passcode, QStringLiteral("4711"));
        QFile chain(issued->chainPath);
        QVERIFY(chain.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(chain.readAll());
        QCOMPARE(certificates.size(), 2);
        QCOMPARE(
            native->fingerprint,
            QCryptographicHash::hash(certificates.first().toDer(), QCryptographicHash::Sha256));

        QSslSocket client;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({ca.root()});
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        client.setSslConfiguration(tls);
        QList<QSslError> errors;
        connect(&client, &QSslSocket::sslErrors, this,
                [&errors](const QList<QSslError> &list) { errors += list; });
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), native->port,
                                      QStringLiteral("localhost"));
        const bool encrypted = client.waitForEncrypted(10000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).errorString()));
        QVERIFY2(encrypted, qPrintable(client.errorString()));
        // The intermediate came from the host: the client knew the root alone.
        QCOMPARE(client.peerCertificateChain().mid(0, 2), certificates);
        // What a browser then asks for: the viewer page.
        client.write(QStringLiteral("GET /s/%1 HTTP/1.1\r\nHost: localhost:%2\r\n\r\n")
                         .arg(web->sessionId)
                         .arg(web->port)
                         .toLatin1());
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT((response += client.readAll()).contains("\r\n\r\n"), 10000);
        QVERIFY2(response.startsWith("HTTP/1.1 200"), response.left(200).constData());
        client.disconnectFromHost();

        QProcess join;
        join.setProcessEnvironment(privateEnvironment(home_));
        join.start(
            kCli,
            {QStringLiteral("join"), links.web, QStringLiteral("--duration"), QStringLiteral("1")});
        QVERIFY(join.waitForFinished(15000));
        const QByteArray joinErr = join.readAllStandardError();
        QVERIFY2(join.exitCode() == 0 && joinErr.contains("joined"), joinErr.constData());
    }

    // An unusable certificate stops the host before it listens, naming the file.
    void hostRefusesAnExpiredCertificate()
    {
        QVERIFY(QDir().mkpath(home_.filePath(QStringLiteral("ca"))));
        TestCertificateAuthority ca(home_.filePath(QStringLiteral("ca")));
        QVERIFY2(ca.isValid(), qPrintable(ca.error()));
        const auto expired =
            ca.issue(QStringLiteral("expired"), TestCertificateAuthority::KeyType::Ec, -1);
        QVERIFY2(expired, qPrintable(ca.error()));
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--synthetic"), QStringLiteral("idle"),
                     QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-cert"),
                     expired->chainPath, QStringLiteral("--tls-key"), expired->keyPath});
        QVERIFY(host_.waitForFinished(10000));
        const QString err = QString::fromUtf8(host_.readAllStandardError());
        QCOMPARE(host_.exitCode(), kExitFailure);
        QVERIFY2(err.startsWith(QLatin1String("baton-cli host: ") + expired->chainPath +
                                QLatin1String(": the certificate expired on ")),
                 qPrintable(err));
        QVERIFY(host_.readAllStandardOutput().isEmpty());
    }

    // Unlike the Share panel, the host does not move to another port: it was asked for
    // this one, and a script may have told the viewers.
    void hostFailsOnATakenPort()
    {
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost));
        const QString port = QString::number(other.serverPort());
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--synthetic"), QStringLiteral("idle"),
                     QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), port});
        QVERIFY(host_.waitForFinished(15000));
        const QString err = QString::fromUtf8(host_.readAllStandardError());
        QCOMPARE(host_.exitStatus(), QProcess::NormalExit);
        QCOMPARE(host_.exitCode(), kExitFailure);
        QVERIFY2(err.contains(QLatin1String("baton-cli host: ")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("port ") + port), qPrintable(err));
        QVERIFY(host_.readAllStandardOutput().isEmpty()); // no link to a share that is not there
    }

    void hostRefusesABadOption_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("policy") << QStringList{QStringLiteral("--policy"), QStringLiteral("Ask")}
                                << QStringLiteral("--policy takes ask, auto or collaborate");
        QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("65536")}
                              << QStringLiteral("--port takes a number from 0 to 65535");
        QTest::newRow("codec") << QStringList{QStringLiteral("--codec"), QStringLiteral("vp9")}
                               << QStringLiteral("--codec takes");
        QTest::newRow("both scopes")
            << QStringList{QStringLiteral("--app"), QStringLiteral("--only-window")}
            << QStringLiteral("choose one of --app and --only-window");
        QTest::newRow("certificate without key")
            << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/dev/null")}
            << QStringLiteral("--tls-cert and --tls-key go together");
    }
    void hostRefusesABadOption()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        host_.start(kCli,
                    QStringList{QStringLiteral("host"), QStringLiteral("--synthetic"),
                                QStringLiteral("idle")} +
                        options);
        QVERIFY(host_.waitForFinished(10000));
        const QString err = QString::fromUtf8(host_.readAllStandardError());
        QCOMPARE(host_.exitCode(), kExitUsage);
        QVERIFY2(err.startsWith(QLatin1String("baton-cli host: ")), qPrintable(err));
        QVERIFY2(err.contains(message), qPrintable(err));
    }

    void joinRefusesABadLink_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("message");
        QTest::newRow("not baton") << QStringLiteral("ftp://example.org/x")
                                   << QStringLiteral("must start with baton:// or https://");
        QTest::newRow("web, not a session")
            << QStringLiteral("https://example.org/x") << QStringLiteral("path is /s/");
        QTest::newRow("no fingerprint") << QStringLiteral("baton://127.0.0.1:1627/abcdef0123456789")
                                        << QStringLiteral("fingerprint");
        QTest::newRow("short fingerprint")
            << QStringLiteral("baton://127.0.0.1:1627/abcdef0123456789?fp=abcd")
            << QStringLiteral("64 hexadecimal digits");
    }
    void joinRefusesABadLink()
    {
        QFETCH(QString, link);
        QFETCH(QString, message);
        QProcess join;
        join.setProcessEnvironment(privateEnvironment(home_));
        join.start(kCli, {QStringLiteral("join"), link});
        QVERIFY(join.waitForFinished(10000));
        const QString err = QString::fromUtf8(join.readAllStandardError());
        QCOMPARE(join.exitStatus(), QProcess::NormalExit);
        QCOMPARE(join.exitCode(), kExitUsage);
        QVERIFY2(err.startsWith(QLatin1String("baton-cli join: ")), qPrintable(err));
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY(join.readAllStandardOutput().isEmpty());
    }

private:
    QTemporaryDir home_;
    QProcess host_;
};

QTEST_GUILESS_MAIN(TestCliSession)
#include "tst_clisession.moc"
