// TokenBucket on a fake clock: the burst, the rate after it, the wait it announces.

#include "core/common/TokenBucket.h"

#include <QTest>

using namespace std::chrono_literals;
using baton::TokenBucket;

class TestTokenBucket : public QObject {
    Q_OBJECT
private:
    std::chrono::nanoseconds now_{0};
    TokenBucket::Clock clock()
    {
        return [this] { return now_; };
    }

private slots:
    void init() { now_ = 0ns; }

    void burstThenNone()
    {
        TokenBucket bucket(100, 3, clock());
        for (int i = 0; i < 3; ++i)
            QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
        // 100/s: one token every 10 ms.
        QCOMPARE(bucket.untilNext(), std::chrono::nanoseconds(10ms));
    }

    void refillsAtTheRateUpToTheBurst()
    {
        TokenBucket bucket(100, 3, clock());
        while (bucket.tryTake()) { }
        now_ += 25ms; // two tokens and a half
        QVERIFY(bucket.tryTake());
        QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
        QCOMPARE(bucket.untilNext(), std::chrono::nanoseconds(5ms));
        now_ += 10s; // long idle: no more than the burst
        int taken = 0;
        while (bucket.tryTake())
            ++taken;
        QCOMPARE(taken, 3);
    }

    void sustainedRateIsTheRate()
    {
        TokenBucket bucket(200, 32, clock());
        int taken = 0;
        // Asked every 100 µs for 10 s: the burst, then 200 a second.
        for (int step = 0; step < 100'000; ++step) {
            if (bucket.tryTake())
                ++taken;
            now_ += 100us;
        }
        QVERIFY2(taken >= 32 + 2000 - 1 && taken <= 32 + 2000, qPrintable(QString::number(taken)));
    }

    void waitsAreNeverEarly()
    {
        TokenBucket bucket(3, 1, clock());
        QVERIFY(bucket.tryTake());
        const auto wait = bucket.untilNext();
        now_ += wait;
        QVERIFY(bucket.tryTake());
        now_ += bucket.untilNext() - 1ns;
        QVERIFY(!bucket.tryTake());
    }
};

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
