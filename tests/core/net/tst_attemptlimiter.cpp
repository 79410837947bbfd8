#include "core/net/AttemptLimiter.h"
#include "tests/core/net/LogCapture.h"

#include <QTest>

using baton::net::AttemptLimiter;
using baton::test::LogCapture;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

// Time is a fake clock the test advances by hand, so nothing here waits.
class TestAttemptLimiter : public QObject {
    Q_OBJECT
private:
    milliseconds now_{1'000'000};
    AttemptLimiter makeLimiter()
    {
        return AttemptLimiter([this] { return now_; });
    }
    const QHostAddress attacker_{QStringLiteral("192.0.2.7")};
    const QHostAddress bystander_{QStringLiteral("192.0.2.8")};

private slots:
    void init() { now_ = milliseconds(1'000'000); }

    void fifthFailureWithinAMinuteBlocksForAMinute()
    {
        AttemptLimiter limiter = makeLimiter();
        for (int i = 0; i < 4; ++i) {
            QVERIFY(!limiter.recordFailure(attacker_));
            QVERIFY(!limiter.isBlocked(attacker_));
            now_ += 10s;
        }
        QVERIFY(limiter.recordFailure(attacker_));
        QCOMPARE(limiter.blockedFor(attacker_), milliseconds(60s));
        QVERIFY(!limiter.isBlocked(bystander_));

        now_ += 59s;
        QCOMPARE(limiter.blockedFor(attacker_), milliseconds(1s));
        now_ += 1s;
        QVERIFY(!limiter.isBlocked(attacker_));
        // The block wiped the count: one more failure does not block again at once.
        QVERIFY(!limiter.recordFailure(attacker_));
        QVERIFY(!limiter.isBlocked(attacker_));
    }

    void failuresOlderThanTheWindowDoNotCount()
    {
        AttemptLimiter limiter = makeLimiter();
        for (int i = 0; i < 4; ++i)
            limiter.recordFailure(attacker_);
        now_ += 60s;
        QVERIFY(!limiter.recordFailure(attacker_));
        QVERIFY(!limiter.isBlocked(attacker_));
        // Four in the last 15 s plus the one above: the fifth within a minute blocks.
        for (int i = 0; i < 3; ++i) {
            now_ += 5s;
            QVERIFY(!limiter.recordFailure(attacker_));
        }
        now_ += 5s;
        QVERIFY(limiter.recordFailure(attacker_));
        QVERIFY(limiter.isBlocked(attacker_));
    }

    void successClearsTheCount()
    {
        AttemptLimiter limiter = makeLimiter();
        for (int i = 0; i < 4; ++i)
            limiter.recordFailure(attacker_);
        limiter.recordSuccess(attacker_);
        QCOMPARE(limiter.trackedSources(), 0);
        for (int i = 0; i < 4; ++i)
            QVERIFY(!limiter.recordFailure(attacker_));
    }

    void failuresWhileBlockedDoNotExtendTheBlock()
    {
        AttemptLimiter limiter = makeLimiter();
        for (int i = 0; i < 5; ++i)
            limiter.recordFailure(attacker_);
        now_ += 30s;
        QVERIFY(!limiter.recordFailure(attacker_));
        QCOMPARE(limiter.blockedFor(attacker_), milliseconds(30s));
    }

    void mappedIpv4AndIpv6PrefixShareAnEntry()
    {
        AttemptLimiter limiter = makeLimiter();
        for (int i = 0; i < 5; ++i)
            limiter.recordFailure(QHostAddress(QStringLiteral("::ffff:192.0.2.7")));
        QVERIFY(limiter.isBlocked(attacker_));

        for (int i = 0; i < 5; ++i)
            limiter.recordFailure(QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i + 1)));
        QVERIFY(limiter.isBlocked(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))));
        QVERIFY(!limiter.isBlocked(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
    }

    void staleEntriesAreForgottenAndTheTableIsBounded()
    {
        AttemptLimiter limiter({.maxTrackedSources = 3}, [this] { return now_; });
        for (int i = 1; i <= 5; ++i)
            limiter.recordFailure(QHostAddress(QStringLiteral("198.51.100.%1").arg(i)));
        QCOMPARE(limiter.trackedSources(), 3);
        now_ += 61s;
        limiter.recordFailure(attacker_);
        QCOMPARE(limiter.trackedSources(), 1);
    }

    // A spray of wrong passcodes from more sources than the table holds writes one warning
    // per interval with a count, not one per attempt.
    void aFullTableWarnsOncePerIntervalWithACount()
    {
        const LogCapture warnings("baton.net", QtWarningMsg);
        AttemptLimiter limiter({.maxTrackedSources = 4}, [this] { return now_; });
        for (int i = 1; i <= 4; ++i)
            limiter.recordFailure(QHostAddress(QStringLiteral("198.51.100.%1").arg(i)));
        QCOMPARE(warnings.lines(), QStringList());

        const auto spray = [&](int count) {
            for (int i = 0; i < count; ++i)
                limiter.recordFailure(QHostAddress(quint32(0x0A000000 + i))); // 10.0.0.0/8
        };
        spray(1000);
        QCOMPARE(limiter.trackedSources(), 4);
        QCOMPARE(
            warnings.lines(),
            QStringList{QStringLiteral("attempt limiter full (4 sources); not tracking 10.0.0.0")});

        now_ += AttemptLimiter::kFullLogInterval - 1ms;
        spray(500);
        QCOMPARE(warnings.lines().size(), 1);
        now_ += 1ms;
        spray(1);
        QCOMPARE(warnings.lines().size(), 2);
        QCOMPARE(warnings.lines().last(),
                 QStringLiteral("attempt limiter full (4 sources); not tracking 10.0.0.0 and 1499 "
                                "more wrong passcodes since the last warning"));

        // The spray's tail is reported once the table has room again, not lost.
        spray(20);
        QCOMPARE(warnings.lines().size(), 2);
        now_ += 60s; // the window: the four tracked sources are forgotten
        limiter.recordFailure(attacker_);
        QCOMPARE(limiter.trackedSources(), 1);
        QCOMPARE(warnings.lines().size(), 3);
        QCOMPARE(warnings.lines().last(),
                 QStringLiteral("attempt limiter has room again; 20 more wrong passcodes went "
                                "untracked since the last warning"));
        limiter.recordFailure(bystander_);
        QCOMPARE(warnings.lines().size(), 3);
    }

    void blocksFromManySourcesWarnOncePerIntervalWithACount()
    {
        const LogCapture warnings("baton.net", QtWarningMsg);
        AttemptLimiter limiter({.maxFailures = 2}, [this] { return now_; });
        const auto block = [&](int first, int count) {
            for (int i = first; i < first + count; ++i)
                for (int attempt = 0; attempt < 2; ++attempt)
                    limiter.recordFailure(QHostAddress(quint32(0x0A000000 + i))); // 10.0.0.0/8
        };
        block(0, 100);
        QVERIFY(limiter.isBlocked(QHostAddress(QStringLiteral("10.0.0.99"))));
        QCOMPARE(
            warnings.lines(),
            QStringList{QStringLiteral("10.0.0.0 refused for 60000 ms after 2 wrong passcodes")});
        now_ += AttemptLimiter::kFullLogInterval;
        block(100, 1);
        QCOMPARE(warnings.lines().size(), 2);
        QCOMPARE(warnings.lines().last(),
                 QStringLiteral("10.0.0.100 refused for 60000 ms after 2 wrong passcodes; 99 more "
                                "sources refused since the last warning"));
    }
};

QTEST_GUILESS_MAIN(TestAttemptLimiter)
#include "tst_attemptlimiter.moc"
