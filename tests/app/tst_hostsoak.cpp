// `baton-cli host --synthetic typing` as a person runs it, with two `baton-cli join`
// viewers watching, soaked for 25 s in what unauthenticated peers can send at once:
// garbage, slowloris, pre-Hello fragments and over-size frames, 200 idle connections, a
// TLS handshake flood and wrong passcodes from many addresses (127.0.0.0/8 stands for
// other machines). The viewers must stay joined and exact, their picture rate must hold,
// an honest join must get in, and the host's memory must stay flat and come back.

#include "AppTestSupport.h"
#include "HostileClients.h"
#include "core/common/MonotonicClock.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

using namespace baton;
using namespace std::chrono_literals;

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kTimeoutMs = 15000;
constexpr auto kWarmUp = 2s;
constexpr auto kBaseline = 10s;
constexpr auto kMix = 25s;
constexpr auto kHonestJoinAfter = 15s; // into the mix, with every attack going
constexpr auto kRecovery = 5s;
constexpr double kMinRateRatio = 0.8;
constexpr double kMaxGrowthMiB = 50;
constexpr double kMaxResidueMiB = 10;
constexpr int kHonestRetryMs = 5000;
// The host steps its scene 30 times a second; the test ends long before this.
constexpr int kMaxSceneSteps = 4000;

qint64 nowNs()
{
    return monotonicNowNs();
}
constexpr qint64 ns(std::chrono::nanoseconds d)
{
    return d.count();
}

// A viewer as a person starts it: `baton-cli join LINK`, its pictures timed in a log.
class Viewer {
public:
    Viewer(const QString &name, const QString &link, const QTemporaryDir &home)
        : name_(name),
          timingLog_(home.filePath(name + QStringLiteral(".timing"))),
          frame_(home.filePath(name + QStringLiteral(".png")))
    {
        process_.setProcessEnvironment(test::privateEnvironment(home));
        process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        process_.start(kCli,
                       {QStringLiteral("join"), link, QStringLiteral("--name"), name,
                        QStringLiteral("--timing-log"), timingLog_, QStringLiteral("--save-frame"),
                        frame_});
    }
    ~Viewer()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }

    const QByteArray &err()
    {
        err_ += process_.readAllStandardError();
        return err_;
    }
    bool joined() { return err().contains("joined"); }
    bool left() { return err().contains("left:"); }

    // Pictures applied in [fromNs, toNs), per second.
    double pictureRate(qint64 fromNs, qint64 toNs) const
    {
        QFile log(timingLog_);
        if (!log.open(QIODevice::ReadOnly))
            return 0;
        int pictures = 0;
        while (!log.atEnd()) {
            const QList<QByteArray> fields = log.readLine().trimmed().split(' ');
            const qint64 at = fields.value(2).toLongLong();
            if (fields.value(0) == "applied" && at >= fromNs && at < toNs)
                ++pictures;
        }
        return pictures * 1e9 / double(toNs - fromNs);
    }

    // Leaves as on SIGTERM: exits 0 and writes the picture it ended with.
    bool leave()
    {
        process_.terminate();
        return process_.waitForFinished(kTimeoutMs) &&
            process_.exitStatus() == QProcess::NormalExit && process_.exitCode() == 0;
    }
    QImage finalPicture() const { return QImage(frame_); }
    const QString &name() const { return name_; }

private:
    QString name_;
    QString timingLog_;
    QString frame_;
    QProcess process_;
    QByteArray err_;
};

// The first TLS record header of a ClientHello announcing 512 bytes: a slowloris peer
// keeps the TLS layer waiting for the rest.
const QByteArray kClientHelloStart("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);

struct JoinOutcome {
    bool joined = false;
    bool busy = false; // told the host is busy, to try again
    QString said; // the viewer's last line
};

// `baton-cli join LINK --duration 1`: joins, stays a second, leaves.
JoinOutcome joinOnce(const QString &link, const QTemporaryDir &home)
{
    QProcess join;
    join.setProcessEnvironment(test::privateEnvironment(home));
    join.start(kCli,
               {QStringLiteral("join"), link, QStringLiteral("--name"), QStringLiteral("third"),
                QStringLiteral("--duration"), QStringLiteral("1")});
    JoinOutcome outcome;
    // Not waitForFinished(): the test's event loop keeps sampling the host meanwhile.
    if (!QTest::qWaitFor([&] { return join.state() == QProcess::NotRunning; }, kTimeoutMs)) {
        join.kill();
        join.waitForFinished(5000);
        outcome.said = QStringLiteral("no answer in 15 s");
        return outcome;
    }
    const QString err = QString::fromUtf8(join.readAllStandardError()).trimmed();
    outcome.said = err.section(QLatin1Char('\n'), -1);
    outcome.joined = join.exitStatus() == QProcess::NormalExit && join.exitCode() == 0 &&
        err.contains(QLatin1String("joined"));
    outcome.busy = !outcome.joined && err.contains(QLatin1String("busy"));
    return outcome;
}

} // namespace

class TestHostSoak : public QObject {
    Q_OBJECT

    QProcess host_;

private slots:
    void cleanup()
    {
        if (host_.state() != QProcess::NotRunning) {
            host_.kill();
            host_.waitForFinished(kTimeoutMs);
        }
    }

    void viewersKeepWatchingWhileHostilePeersAttack()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        host_.setProcessEnvironment(test::privateEnvironment(home));
        host_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        host_.start(kCli,
                    {QStringLiteral("host"), QStringLiteral("--synthetic"),
                     QStringLiteral("typing"), QStringLiteral("--size"), QStringLiteral("320x200"),
                     QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--passcode"),
                     QStringLiteral("271828")});
        const QString linkText = test::readLine(host_, kTimeoutMs);
        const auto link = InviteLink::parse(linkText);
        QVERIFY2(link, qPrintable(linkText + QString::fromUtf8(host_.readAllStandardError())));

        Viewer first(QStringLiteral("first"), linkText, home);
        Viewer second(QStringLiteral("second"), linkText, home);
        QTRY_VERIFY_WITH_TIMEOUT(first.joined() && second.joined(), kTimeoutMs);
        QTest::qWait(int(std::chrono::milliseconds(kWarmUp).count()));

        const qint64 baselineFrom = nowNs();
        QTest::qWait(int(std::chrono::milliseconds(kBaseline).count()));
        const qint64 mixFrom = nowNs();
        const double rssBaseline = test::residentMiB(host_.processId());

        double rssPeak = rssBaseline;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this,
                [&] { rssPeak = std::max(rssPeak, test::residentMiB(host_.processId())); });
        sampler.start(100);

        test::HostileClients attack(link->port);
        attack.garbage(2, test::Sources::loopback(1, 2));
        attack.slowloris(20, kClientHelloStart, test::Sources::loopback(2, 10));
        attack.tlsFrames(QStringLiteral("pre-Hello fragments and over-size frames"),
                         {test::hostile::preHelloFragment(), test::hostile::overSizeFrame()},
                         test::Sources::loopback(3, 20));
        attack.idle(200, test::Sources::loopback(4, 4));
        attack.tlsHandshakes(3, test::Sources::loopback(5, 3));
        attack.tlsFrames(QStringLiteral("wrong passcodes"),
                         {test::hostile::wrongPasscodeHello(*link)},
                         test::Sources::loopback(6, 100));

        // An honest third viewer joins with everything going; a busy host may make it try again.
        QTest::qWait(int(std::chrono::milliseconds(kHonestJoinAfter).count()));
        const qint64 honestFrom = nowNs();
        qint64 firstBusyAt = -1;
        int honestAttempts = 0;
        QString honestOutcome;
        bool honestJoined = false;
        for (;;) {
            ++honestAttempts;
            const JoinOutcome outcome = joinOnce(linkText, home);
            honestJoined = outcome.joined;
            honestOutcome += outcome.said;
            if (honestJoined || !outcome.busy)
                break;
            if (firstBusyAt < 0)
                firstBusyAt = nowNs();
            if (nowNs() - firstBusyAt > kHonestRetryMs * 1'000'000LL)
                break;
            honestOutcome += QStringLiteral("; ");
            QTest::qWait(250);
        }
        const double honestMs = double(nowNs() - honestFrom) / 1e6;

        const qint64 mixTo = mixFrom + ns(kMix);
        QTest::qWait(int(std::max<qint64>(0, (mixTo - nowNs()) / 1'000'000)));
        const bool stillJoined = !first.left() && !second.left();
        attack.stop();
        sampler.stop();
        const qint64 stoppedAt = nowNs();
        QTest::qWait(int(std::chrono::milliseconds(kRecovery).count()));
        const double rssAfter = test::residentMiB(host_.processId());

        const double firstBaseline = first.pictureRate(baselineFrom, mixFrom);
        const double secondBaseline = second.pictureRate(baselineFrom, mixFrom);
        const double firstMix = first.pictureRate(mixFrom, mixTo);
        const double secondMix = second.pictureRate(mixFrom, mixTo);
        const double afterStop = first.pictureRate(stoppedAt, nowNs());
        QVERIFY2(first.leave(), first.err().constData());
        QVERIFY2(second.leave(), second.err().constData());
        const int firstStep = test::typingSceneStepShown(first.finalPicture(), kMaxSceneSteps);
        const int secondStep = test::typingSceneStepShown(second.finalPicture(), kMaxSceneSteps);

        for (const QString &line : attack.report())
            qInfo("attack %s", qPrintable(line));
        qInfo("pictures/s, baseline -> mix: first %.1f -> %.1f, second %.1f -> %.1f "
              "(after the attack: %.1f)",
              firstBaseline, firstMix, secondBaseline, secondMix, afterStop);
        qInfo("host RSS: %.1f MiB before the mix, %.1f MiB peak, %.1f MiB %d s after", rssBaseline,
              rssPeak, rssAfter, int(kRecovery.count()));
        qInfo("honest join during the mix: %s after %.0f ms, %d attempt(s) (%s)",
              honestJoined ? "joined" : "failed", honestMs, honestAttempts,
              qPrintable(honestOutcome));
        qInfo("final pictures: scene steps %d and %d", firstStep, secondStep);
        qInfo("host log: %lld lines on stderr for the whole run",
              qint64(host_.readAllStandardError().count('\n')));

        QVERIFY2(stillJoined, qPrintable(QString::fromUtf8(first.err() + second.err())));
        QVERIFY2(firstStep >= 0, "the first viewer's picture is not the host's");
        QVERIFY2(secondStep >= 0, "the second viewer's picture is not the host's");
        QVERIFY(firstBaseline > 5 && secondBaseline > 5); // the scene really was moving
        QVERIFY2(firstMix >= kMinRateRatio * firstBaseline, "the first viewer's pictures slowed");
        QVERIFY2(secondMix >= kMinRateRatio * secondBaseline,
                 "the second viewer's pictures slowed");
        // Joined, at once or on a retry within 5 s of being told the host is busy.
        QVERIFY2(honestJoined, qPrintable(honestOutcome));
        QVERIFY(rssBaseline > 0);
        QVERIFY2(rssPeak - rssBaseline <= kMaxGrowthMiB, "host memory grew under attack");
        QVERIFY2(rssAfter - rssBaseline <= kMaxResidueMiB, "host memory stayed after the attack");

        host_.terminate();
        QVERIFY(host_.waitForFinished(kTimeoutMs));
        QCOMPARE(host_.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHostSoak)
#include "tst_hostsoak.moc"
