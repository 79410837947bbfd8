// `baton-cli agent` as a room machine runs it, soaked for 25 s in what unauthenticated
// peers can send at once: garbage, slowloris, an empty-line flood, over-long lines, a
// hundred idle connections and wrong AUTH from many addresses (127.0.0.0/8 stands for
// other machines). Honest clients keep asking: a new connection's greeting and NOOP, an
// authenticated session's INFO, a fresh login. Every request must be answered promptly
// and the agent's memory must stay flat and come back.

#include "IssdTestSupport.h"
#include "core/common/MonotonicClock.h"
#include "tests/app/AppTestSupport.h"
#include "tests/app/HostileClients.h"

#include <QEventLoop>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <vector>

using namespace baton;
using namespace baton::issd;
using namespace std::chrono_literals;

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);
constexpr int kTimeoutMs = 15000;
constexpr auto kBaseline = 10s;
constexpr auto kMix = 25s;
constexpr auto kRecovery = 5s;
constexpr auto kProbeInterval = 250ms;
// Loopback answers in about a millisecond; these leave room for a loaded 2-core machine.
constexpr double kMaxMedianMs = 100;
constexpr double kMaxWorstMs = 1000;
constexpr double kMaxLoginMs = 5000; // includes the client's own PBKDF2
constexpr double kMaxGrowthMiB = 50;
constexpr double kMaxResidueMiB = 10;

double msSince(qint64 fromNs)
{
    return double(monotonicNowNs() - fromNs) / 1e6;
}

// Latencies of one kind of honest request, in ms; a request never answered counts apart.
struct Latencies {
    std::vector<double> ms;
    int unanswered = 0;

    void add(double latency, bool answered)
    {
        if (answered)
            ms.push_back(latency);
        else
            ++unanswered;
    }
    double quantile(double q) const
    {
        if (ms.empty())
            return -1;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[size_t(q * double(sorted.size() - 1))];
    }
    QString summary() const
    {
        return QStringLiteral("%1 answered, %2 not; median %3 ms, p90 %4 ms, worst %5 ms")
            .arg(ms.size())
            .arg(unanswered)
            .arg(quantile(0.5), 0, 'f', 1)
            .arg(quantile(0.9), 0, 'f', 1)
            .arg(quantile(1), 0, 'f', 1);
    }
};

} // namespace

class TestIssdSoak : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    QProcess agent_;
    quint16 port_ = 0;
    std::unique_ptr<IssdClient> session_;

    // A new connection's greeting, then NOOP; the time for both. Blocking socket calls,
    // not the event loop's polling: they time the agent, not the loop's granularity.
    void probeGreeting(Latencies &latencies)
    {
        const qint64 from = monotonicNowNs();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port_);
        const auto finalLine = [&socket] {
            for (;;) {
                while (!socket.canReadLine())
                    if (!socket.waitForReadyRead(kTimeoutMs))
                        return QByteArray();
                const QByteArray line = socket.readLine();
                if (line.size() >= 4 && line[3] == ' ')
                    return line;
            }
        };
        bool answered = socket.waitForConnected(kTimeoutMs) && finalLine().startsWith("220");
        socket.write("NOOP\r\n");
        answered = answered && finalLine().startsWith("250");
        latencies.add(msSince(from), answered);
    }

    // INFO on the authenticated session, timed by the reply's arrival.
    void probeCommand(Latencies &latencies)
    {
        const qint64 from = monotonicNowNs();
        ParseError error;
        const auto command = Command::parse("INFO", &error);
        // Shared with the callback, which may come after a timeout has ended this probe.
        auto reply = std::make_shared<int>(0);
        QEventLoop loop;
        QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
        QPointer<QEventLoop> waiting(&loop);
        session_->send(*command, [reply, waiting](const IssdClient::Response &response) {
            *reply = response.code;
            if (waiting)
                waiting->quit();
        });
        if (*reply == 0)
            loop.exec();
        const int code = *reply;
        latencies.add(msSince(from), code == 250);
    }

    // Probes every 250 ms for duration.
    void probe(std::chrono::milliseconds duration, Latencies &greetings, Latencies &commands)
    {
        const QDeadlineTimer end(duration);
        while (!end.hasExpired()) {
            const QDeadlineTimer next(kProbeInterval);
            probeGreeting(greetings);
            probeCommand(commands);
            QTest::qWait(int(std::max<qint64>(0, next.remainingTime())));
        }
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("the agent manages an X server's displays (xvfb-run)");
        QVERIFY(home_.isValid());
        const QString secrets = home_.filePath(QStringLiteral("issd-keys"));
        QProcess setSecret;
        setSecret.setProcessEnvironment(baton::test::privateEnvironment(home_));
        setSecret.start(kCli,
                        {QStringLiteral("agent"), QStringLiteral("--secret-file"), secrets,
                         QStringLiteral("--set-secret")});
        setSecret.write(issd::test::kSecret + '\n');
        setSecret.closeWriteChannel();
        QVERIFY(setSecret.waitForFinished(kTimeoutMs));
        QVERIFY2(setSecret.exitCode() == 0, setSecret.readAllStandardError().constData());

        QTcpServer free; // a free port for the agent
        QVERIFY(free.listen(QHostAddress::LocalHost));
        port_ = free.serverPort();
        free.close();
        agent_.setProcessEnvironment(baton::test::privateEnvironment(home_));
        agent_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        agent_.start(kCli,
                     {QStringLiteral("agent"), QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(port_),
                      QStringLiteral("--no-udp"), QStringLiteral("--no-ddc"),
                      QStringLiteral("--secret-file"), secrets, QStringLiteral("--tls-dir"),
                      home_.filePath(QStringLiteral("tls"))});
        QVERIFY(agent_.waitForStarted(kTimeoutMs));
        QString failure;
        QVERIFY(issd::test::waitFor(
            [&] {
                session_ = issd::test::login(port_, issd::test::kSecret, true, &failure);
                return session_->isReady() || agent_.state() == QProcess::NotRunning;
            },
            kTimeoutMs));
        QVERIFY2(session_->isReady(),
                 qPrintable(failure + QString::fromUtf8(agent_.readAllStandardError())));
    }

    void cleanupTestCase()
    {
        session_.reset();
        if (agent_.state() != QProcess::NotRunning) {
            agent_.terminate();
            if (!agent_.waitForFinished(kTimeoutMs))
                agent_.kill();
        }
    }

    void honestClientsAreAnsweredWhileHostilePeersAttack()
    {
        Latencies baselineGreetings, baselineCommands;
        probe(kBaseline, baselineGreetings, baselineCommands);
        const double rssBaseline = baton::test::residentMiB(agent_.processId());

        double rssPeak = rssBaseline;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this,
                [&] { rssPeak = std::max(rssPeak, baton::test::residentMiB(agent_.processId())); });
        sampler.start(100);

        // At most 2 connections per source: the agent's per-source limit is not what is
        // under test here, its total and its line handling are.
        using baton::test::Sources;
        baton::test::HostileClients attack(port_);
        attack.garbage(2, Sources::loopback(1, 2));
        attack.slowloris(20, "HELLO 1 client=slow\r\n", Sources::loopback(2, 10));
        QByteArray emptyLines;
        for (int i = 0; i < 2048; ++i)
            emptyLines += "\r\n";
        attack.flood(QStringLiteral("empty lines"), 2, emptyLines, Sources::loopback(3, 1));
        attack.flood(QStringLiteral("over-long lines"), 2, QByteArray(20000, 'A') + "\r\n",
                     Sources::loopback(4, 1));
        attack.idle(100, Sources::loopback(5, 50));
        attack.issdWrongAuth(Sources::loopback(6, 100));

        Latencies mixGreetings, mixCommands;
        const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(kMix / 2);
        probe(half, mixGreetings, mixCommands);
        // A fresh login with everything going: AUTH from 127.0.0.1 is not backed off by
        // the wrong proofs from other addresses.
        const qint64 loginFrom = monotonicNowNs();
        QString loginFailure;
        const auto fresh = issd::test::login(port_, issd::test::kSecret, true, &loginFailure);
        const double loginMs = msSince(loginFrom);
        const bool loggedIn = fresh->isReady();
        probe(half, mixGreetings, mixCommands);

        attack.stop();
        sampler.stop();
        QTest::qWait(int(std::chrono::milliseconds(kRecovery).count()));
        const double rssAfter = baton::test::residentMiB(agent_.processId());
        Latencies afterGreetings, afterCommands;
        probeGreeting(afterGreetings);
        probeCommand(afterCommands);

        for (const QString &line : attack.report())
            qInfo("attack %s", qPrintable(line));
        qInfo("greeting + NOOP, baseline: %s", qPrintable(baselineGreetings.summary()));
        qInfo("greeting + NOOP, mix:      %s", qPrintable(mixGreetings.summary()));
        qInfo("INFO, baseline: %s", qPrintable(baselineCommands.summary()));
        qInfo("INFO, mix:      %s", qPrintable(mixCommands.summary()));
        qInfo("fresh login during the mix: %s in %.0f ms", loggedIn ? "ready" : "failed", loginMs);
        qInfo("agent RSS: %.1f MiB before the mix, %.1f MiB peak, %.1f MiB %d s after", rssBaseline,
              rssPeak, rssAfter, int(kRecovery.count()));

        for (const Latencies *each : {&baselineGreetings, &mixGreetings, &afterGreetings,
                                      &baselineCommands, &mixCommands, &afterCommands}) {
            QVERIFY2(each->unanswered == 0 && !each->ms.empty(), qPrintable(each->summary()));
        }
        for (const Latencies *each : {&mixGreetings, &mixCommands}) {
            QVERIFY2(each->quantile(0.5) <= kMaxMedianMs, qPrintable(each->summary()));
            QVERIFY2(each->quantile(1) <= kMaxWorstMs, qPrintable(each->summary()));
        }
        QVERIFY2(loggedIn, qPrintable(loginFailure));
        QVERIFY2(loginMs <= kMaxLoginMs, qPrintable(QString::number(loginMs)));
        QVERIFY(rssBaseline > 0);
        QVERIFY2(rssPeak - rssBaseline <= kMaxGrowthMiB, "agent memory grew under attack");
        QVERIFY2(rssAfter - rssBaseline <= kMaxResidueMiB, "agent memory stayed after the attack");
        QVERIFY(session_->isReady());
    }
};

QTEST_GUILESS_MAIN(TestIssdSoak)
#include "tst_issdsoak.moc"
