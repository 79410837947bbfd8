// `baton --agent` as a user runs it: its options and key storage, then the real program
// controlled over loopback TLS by an IssdClient: JOIN puts a loopback HostSession's share
// on its screen, which the host sees as a viewer named after the room display; LEAVE
// takes it off. Once offscreen (displays from QScreen), once on the X server (displays
// from RandR, mapped to Qt's screens by output name; the window checked with xwininfo).

#include "core/capture/SyntheticWindowSource.h"
#include "core/issd/IssdClient.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace baton;

namespace {

const QString kBaton = QStringLiteral(BATON_EXE);
const QByteArray kSecret = "correct horse battery staple";

template <typename Pred> bool waitFor(Pred pred, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred() && !deadline.hasExpired())
        QTest::qWait(5);
    return pred();
}

QProcessEnvironment environmentFor(const QString &platform)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    if (platform == u"offscreen")
        env.remove(QStringLiteral("DISPLAY")); // the QScreen backend, not the X server
    return env;
}

QProcessEnvironment offscreen()
{
    return environmentFor(QStringLiteral("offscreen"));
}

// xwininfo's lines for the X server's windows, and the root window's size.
QString xwininfo(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral("xwininfo"), args);
    process.waitForFinished(10000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

QSize rootSize()
{
    const QString root = xwininfo({QStringLiteral("-root")});
    const auto width = QRegularExpression(QStringLiteral("Width: (\\d+)")).match(root);
    const auto height = QRegularExpression(QStringLiteral("Height: (\\d+)")).match(root);
    return {width.captured(1).toInt(), height.captured(1).toInt()};
}

// The size of the mapped window whose name starts with prefix, if there is one.
std::optional<QSize> mappedWindow(const QString &prefix)
{
    const QString tree = xwininfo({QStringLiteral("-root"), QStringLiteral("-tree")});
    const QRegularExpression line(QStringLiteral("\"%1[^\"]*\".*\\s(\\d+)x(\\d+)\\+")
                                      .arg(QRegularExpression::escape(prefix)));
    const auto match = line.match(tree);
    if (!match.hasMatch())
        return std::nullopt;
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

struct Ran {
    int exitCode = -1;
    QString out;
    QString err;
};

Ran run(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessEnvironment(offscreen());
    process.start(kBaton, args);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

bool hasViewerNamed(const HostSession &host, const std::string &name)
{
    for (const auto &participant : host.roster().participants())
        if (participant.name == name)
            return true;
    return false;
}

} // namespace

class TestBatonAgent : public QObject {
    Q_OBJECT

private slots:
    void optionsAndKeys();
    void joinAndLeaveThroughTheProgram_data();
    void joinAndLeaveThroughTheProgram();

private:
    QTemporaryDir dir_;
};

void TestBatonAgent::optionsAndKeys()
{
    const Ran help = run({QStringLiteral("--agent"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(QStringLiteral("--secret-file")) && help.out.contains(QStringLiteral("--tls")),
             qPrintable(help.out));

    const QString keys = dir_.filePath(QStringLiteral("issd-keys"));
    const Ran noKeys = run({QStringLiteral("--agent"), QStringLiteral("--secret-file"), keys});
    QCOMPARE(noKeys.exitCode, 1);
    QVERIFY2(noKeys.err.contains(QStringLiteral("baton --agent --set-secret")), qPrintable(noKeys.err));

    QCOMPARE(run({QStringLiteral("--agent"), QStringLiteral("--port"), QStringLiteral("x")}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("--agent"), QStringLiteral("--nonsense")}).exitCode, 2);
    const Ran late = run({QStringLiteral("--no-share"), QStringLiteral("--agent")});
    QCOMPARE(late.exitCode, 2);
    QVERIFY2(late.err.contains(QStringLiteral("first")), qPrintable(late.err));

    const Ran stored = run({QStringLiteral("--agent"), QStringLiteral("--set-secret"), QStringLiteral("--secret-file"), keys},
                           kSecret + '\n');
    QCOMPARE(stored.exitCode, 0);
    QVERIFY(QFile::exists(keys));
    QFile file(keys);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(!file.readAll().contains(kSecret), "only a salted key is stored");
}

void TestBatonAgent::joinAndLeaveThroughTheProgram_data()
{
    QTest::addColumn<QString>("platform");
    QTest::newRow("offscreen") << QStringLiteral("offscreen");
    QTest::newRow("x11") << QStringLiteral("xcb");
}

void TestBatonAgent::joinAndLeaveThroughTheProgram()
{
    QFETCH(QString, platform);
    const bool x11 = platform == u"xcb";
    if (x11 && qEnvironmentVariableIsEmpty("DISPLAY"))
        QSKIP("no X server ($DISPLAY is empty); CI runs this under Xvfb");
    const QString keys = dir_.filePath(QStringLiteral("issd-keys"));
    QVERIFY(QFile::exists(keys)); // optionsAndKeys stored it

    QProcess agent;
    agent.setProcessEnvironment(environmentFor(platform));
    agent.setProcessChannelMode(QProcess::SeparateChannels);
    agent.start(kBaton, {QStringLiteral("--agent"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--no-udp"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("--no-ddc"), QStringLiteral("--secret-file"), keys,
                         QStringLiteral("--tls-dir"), dir_.filePath(QStringLiteral("tls"))});
    QString printed;
    const QRegularExpression listening(QStringLiteral("listening on TCP (\\d+)"));
    QVERIFY2(waitFor([&] {
                 printed += QString::fromUtf8(agent.readAllStandardOutput());
                 return listening.match(printed).hasMatch() || agent.state() == QProcess::NotRunning;
             }),
             qPrintable(printed));
    const auto match = listening.match(printed);
    QVERIFY2(match.hasMatch(), qPrintable(printed + QString::fromUtf8(agent.readAllStandardError())));
    if (x11)
        QVERIFY2(printed.contains(QStringLiteral("displays through x11-randr")), qPrintable(printed));
    const quint16 port = quint16(match.captured(1).toUInt());

    static const auto identity = net::CertificateStore::generate(QStringLiteral("agent-host"));
    HostSessionConfig config;
    config.listener.bindAddress = QHostAddress::LocalHost;
    config.listener.port = 0;
    config.listener.policy.sessionId = "deck";
    config.listener.policy.hostName = "host";
    config.advertisedHost = QStringLiteral("127.0.0.1");
    HostSession host(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 640, 400), *identity,
                     std::move(config));
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));

    issd::IssdClient::Options options;
    options.secret = kSecret;
    issd::IssdClient client(options);
    QList<issd::Event> events;
    connect(&client, &issd::IssdClient::eventReceived, this, [&](const issd::Event &e) { events.append(e); });
    bool ready = false;
    connect(&client, &issd::IssdClient::ready, this, [&] { ready = true; });
    client.connectToAgent(QStringLiteral("127.0.0.1"), port);
    QVERIFY(waitFor([&] { return ready; }));
    QVERIFY2(client.capabilities().join(u' ').contains(QStringLiteral("share-baton")),
             qPrintable(client.capabilities().join(u' ')));

    const auto call = [&](const QString &line) {
        issd::ParseError parseError;
        const auto command = issd::Command::parse(line.toUtf8(), &parseError);
        issd::IssdClient::Response response;
        bool done = false;
        client.send(*command, [&](const issd::IssdClient::Response &r) {
            response = r;
            done = true;
        });
        waitFor([&] { return done || !client.isReady(); });
        return response;
    };
    const auto shareState = [&](const QString &state) {
        return waitFor([&] {
            return std::any_of(events.cbegin(), events.cend(), [&](const issd::Event &e) {
                return e.type == u"share" && e.args.value(u"state") == state;
            });
        });
    };
    QCOMPARE(call(QStringLiteral("SUBSCRIBE share")).code, 250);
    QCOMPARE(call(QStringLiteral("JOIN 1 ") + host.inviteLink().toString()).code, 202);
    QVERIFY(shareState(QStringLiteral("started")));
    const std::string name = QStringLiteral("Room display on %1").arg(QHostInfo::localHostName()).toStdString();
    QVERIFY(waitFor([&] { return host.viewerCount() == 1 && hasViewerNamed(host, name); }));
    const QString title = QStringLiteral("Baton share on ");
    if (x11) {
        // Full screen on the X server's only screen.
        const QSize root = rootSize();
        QVERIFY(!root.isEmpty());
        QVERIFY2(waitFor([&] { return mappedWindow(title) == root; }),
                 qPrintable(xwininfo({QStringLiteral("-root"), QStringLiteral("-tree")})));
    }

    QCOMPARE(call(QStringLiteral("LEAVE 1")).code, 250);
    QVERIFY(shareState(QStringLiteral("ended")));
    QVERIFY(waitFor([&] { return host.viewerCount() == 0; }));
    if (x11)
        QVERIFY(waitFor([&] { return !mappedWindow(title); }));
    QVERIFY2(agent.state() == QProcess::Running, "closing the share's window does not end the agent");

    agent.terminate();
    QVERIFY(agent.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestBatonAgent)
#include "tst_batonagent.moc"
