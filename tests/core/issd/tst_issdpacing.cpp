// How the agent's command rate limit treats a connection by its pacing, over loopback
// with the default limits (20 lines/s, burst 40): a flood paced just over the rate,
// whose admitted lines once reset the count of lines over the rate (issue 23), is cut
// within seconds; a client at the rate, or one that bursts once and then behaves, is not.

#include "IssdTestSupport.h"

#include <QElapsedTimer>

#include <cmath>

using namespace baton;
using namespace baton::issd;
using namespace baton::issd::test;
using namespace std::chrono_literals;

namespace {

constexpr QByteArrayView kClosing = "421 E_CLOSING too many lines; slow down";

// What one client was answered, line by line, and whether the agent cut it.
struct Tally {
    int ok = 0;
    int limited = 0; // 452
    int other = 0;
    bool cut = false;
    double cutAfterS = -1; // since the client started sending

    int answered() const { return ok + limited + other; }
    QString summary() const
    {
        return QStringLiteral("%1 answered 250, %2 answered 452, %3 other; %4")
            .arg(ok)
            .arg(limited)
            .arg(other)
            .arg(cut ? QStringLiteral("cut after %1 s").arg(cutAfterS, 0, 'f', 2)
                     : QStringLiteral("not cut"));
    }
};

// One plaintext connection that sends NOOP lines and counts the replies.
class PacedClient {
public:
    explicit PacedClient(quint16 port) : raw_(port) { }

    bool greeted() { return raw_.line().startsWith("220 OK ISSD/1"); }

    // `lines` at once, then waits for their replies.
    void burst(int lines)
    {
        startClock();
        raw_.send(QByteArray("NOOP\r\n").repeated(lines));
        sent_ += lines;
        waitFor([&] { return readReplies() || tally_.answered() == sent_; });
    }

    // NOOP at `linesPerSecond` for `duration` or until the agent closes. Lines go out on a
    // schedule of wall-clock time, never ahead of it, and a late timer catches up, so a
    // loaded machine changes neither the pacing nor which side of the rate it is on.
    // Returns the lines sent.
    int pace(double linesPerSecond, std::chrono::milliseconds duration)
    {
        startClock();
        QElapsedTimer run;
        run.start();
        int paced = 0;
        while (run.elapsed() < duration.count() && !readReplies()) {
            const int due = int(std::floor(linesPerSecond * double(run.elapsed()) / 1000.0));
            if (due > paced) {
                raw_.send(QByteArray("NOOP\r\n").repeated(due - paced));
                sent_ += due - paced;
                paced = due;
            }
            QTest::qWait(5);
        }
        // The replies still on their way.
        waitFor([&] { return readReplies() || tally_.answered() == sent_; }, 5000);
        return paced;
    }

    int sent() const { return sent_; }
    double elapsedS() const { return double(clock_.nsecsElapsed()) / 1e9; }
    const Tally &tally() const { return tally_; }
    bool connected() const { return raw_.socket.state() == QAbstractSocket::ConnectedState; }
    RawConnection &raw() { return raw_; }

private:
    void startClock()
    {
        if (!clock_.isValid())
            clock_.start();
    }

    // Counts the replies that have arrived; true once the agent has cut the connection.
    bool readReplies()
    {
        while (!tally_.cut && raw_.socket.canReadLine()) {
            const QByteArray line = raw_.socket.readLine().trimmed();
            if (line == kClosing) {
                tally_.cut = true;
                tally_.cutAfterS = elapsedS();
            } else if (line == "250 OK") {
                ++tally_.ok;
            } else if (line.startsWith("452 E_RATE retry-after=")) {
                ++tally_.limited;
            } else {
                ++tally_.other;
            }
        }
        return tally_.cut;
    }

    RawConnection raw_;
    QElapsedTimer clock_;
    Tally tally_;
    int sent_ = 0;
};

} // namespace

class TestIssdPacing : public QObject {
    Q_OBJECT

    struct Fixture {
        Fixture()
            : system(makeFakeSystem()),
              agent(testConfig(TlsPolicy::Optional), testSecrets(), system)
        {
            QString error;
            started = agent.start(&error);
            if (!started)
                qWarning() << error;
        }
        display::DisplaySystem system;
        IssdAgent agent;
        bool started = false;
    };

private slots:
    void floodJustOverTheRateIsCut()
    {
        Fixture f;
        QVERIFY(f.started);
        const IssdAgentConfig limits = testConfig();
        PacedClient flood(f.agent.tcpPort());
        QVERIFY(flood.greeted());
        // 5 times the rate: most lines are over it, but the rate lets one in five through.
        flood.pace(5 * limits.commandsPerSecond, 15s);
        const Tally &tally = flood.tally();
        qInfo("5x the rate: %d lines sent, %s", flood.sent(), qPrintable(tally.summary()));
        QVERIFY2(tally.cut, qPrintable(tally.summary()));
        // About 2 s: the burst, then 80 lines over the rate a second until 128 of them.
        QVERIFY2(tally.cutAfterS < 10, qPrintable(tally.summary()));
        QCOMPARE(tally.other, 0);
        // The lines answered 452 before the cut are the allowance and what its window
        // forgave while the client sent; one more and the connection is closed.
        const double windowS = std::chrono::duration<double>(limits.linesOverRateWindow).count();
        const double forgiven = limits.maxLinesOverRate * tally.cutAfterS / windowS;
        QVERIFY2(tally.limited <= limits.maxLinesOverRate + int(std::ceil(forgiven)),
                 qPrintable(tally.summary()));
        QVERIFY2(tally.limited >= limits.maxLinesOverRate, qPrintable(tally.summary()));
        QVERIFY(flood.raw().closedByPeer());
    }

    void clientAtTheRateIsNotCut()
    {
        Fixture f;
        QVERIFY(f.started);
        const IssdAgentConfig limits = testConfig();
        PacedClient client(f.agent.tcpPort());
        QVERIFY(client.greeted());
        // The whole burst first, so the paced lines find the bucket at its edge.
        client.burst(int(limits.commandBurst));
        QCOMPARE(client.tally().ok, int(limits.commandBurst));
        const int paced = client.pace(limits.commandsPerSecond, 3s);
        const Tally &tally = client.tally();
        qInfo("at the rate: %d lines sent, %s", client.sent(), qPrintable(tally.summary()));
        QVERIFY2(!tally.cut && client.connected(), qPrintable(tally.summary()));
        QCOMPARE(tally.answered(), client.sent());
        QVERIFY2(paced >= 55, qPrintable(QString::number(paced)));
        // A line is refused only when the agent's clock and ours disagree on a token edge.
        QVERIFY2(tally.limited <= 2 && tally.other == 0, qPrintable(tally.summary()));
    }

    void burstOfTwiceTheBurstThenBehavingIsNotCut()
    {
        Fixture f;
        QVERIFY(f.started);
        const IssdAgentConfig limits = testConfig();
        PacedClient client(f.agent.tcpPort());
        QVERIFY(client.greeted());
        const int burst = int(2 * limits.commandBurst);
        client.burst(burst);
        const int limitedInBurst = client.tally().limited;
        // Half of it is over the rate (a few tokens come back while it is read).
        QVERIFY2(limitedInBurst >= burst / 2 - 5, qPrintable(client.tally().summary()));
        client.pace(limits.commandsPerSecond, 3s);
        const Tally &tally = client.tally();
        qInfo("twice the burst, then the rate: %d lines sent, %s", client.sent(),
              qPrintable(tally.summary()));
        QVERIFY2(!tally.cut && client.connected(), qPrintable(tally.summary()));
        QCOMPARE(tally.answered(), client.sent());
        QVERIFY2(tally.limited - limitedInBurst <= 2 && tally.other == 0,
                 qPrintable(tally.summary()));
    }
};

QTEST_GUILESS_MAIN(TestIssdPacing)
#include "tst_issdpacing.moc"
