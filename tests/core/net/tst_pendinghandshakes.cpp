// PendingHandshakes: slots shared per source (IPv4 address, IPv6 /64) under contention,
// busy replies beyond them, and nothing for a source over its share.
#include "core/net/PendingHandshakes.h"

#include <QObject>
#include <QTest>

#include <deque>

using baton::net::PendingHandshakes;
using Admission = PendingHandshakes::Admission;

class TestPendingHandshakes : public QObject {
    Q_OBJECT
private:
    std::deque<QObject> keys_;
    QObject *key() { return &keys_.emplace_back(); }

private slots:
    void init() { keys_.clear(); }

    void oneSourceGetsItsShareOnly()
    {
        PendingHandshakes pending({4, 2, 1});
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        QObject *first = key();
        QCOMPARE(pending.admit(first, a), Admission::Handshake);
        QCOMPARE(pending.admit(key(), a), Admission::Handshake);
        QCOMPARE(pending.admit(key(), a), Admission::Drop);
        QCOMPARE(pending.fromSource(a), 2);
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("192.0.2.2"))),
                 Admission::Handshake);
        // A released slot is the source's again.
        QVERIFY(pending.release(first));
        QVERIFY(!pending.release(first));
        QCOMPARE(pending.admit(key(), a), Admission::Handshake);
        QCOMPARE(pending.handshakes(), 3);
    }

    void ipv6CountsPerSlash64AndMappedIpv4AsIpv4()
    {
        PendingHandshakes pending({2, 1, 0});
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("2001:db8:0:1::1"))),
                 Admission::Handshake);
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("2001:db8:0:1::ffff"))),
                 Admission::Drop);
        QCOMPARE(pending.fromSource(QHostAddress(QStringLiteral("2001:db8:0:1:8::"))), 1);
        QCOMPARE(pending.fromSource(QHostAddress(QStringLiteral("2001:db8:0:2::1"))), 0);
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("::ffff:192.0.2.1"))),
                 Admission::Handshake);
        QCOMPARE(pending.fromSource(QHostAddress(QStringLiteral("192.0.2.1"))), 1);
    }

    void aBurstFromOneSourceIsAdmittedWhileHalfThePoolIsFree()
    {
        PendingHandshakes pending({8, 2, 0});
        const QHostAddress natted(QStringLiteral("192.0.2.1"));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(pending.admit(key(), natted), Admission::Handshake);
        // Half the slots are taken: from now on every source keeps to its share.
        QCOMPARE(pending.admit(key(), natted), Admission::Drop);
        const QHostAddress other(QStringLiteral("192.0.2.2"));
        QCOMPARE(pending.admit(key(), other), Admission::Handshake);
        QCOMPARE(pending.admit(key(), other), Admission::Handshake);
        QCOMPARE(pending.admit(key(), other), Admission::Drop);
        QCOMPARE(pending.handshakes(), 6);
    }

    void fullPoolGivesBusyRepliesThenDrops()
    {
        PendingHandshakes pending({2, 8, 1});
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("192.0.2.1"))),
                 Admission::Handshake);
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("192.0.2.2"))),
                 Admission::Handshake);
        QObject *busy = key();
        QCOMPARE(pending.admit(busy, QHostAddress(QStringLiteral("192.0.2.3"))),
                 Admission::BusyReply);
        QVERIFY(pending.isBusyReply(busy));
        QCOMPARE(pending.admit(key(), QHostAddress(QStringLiteral("192.0.2.4"))), Admission::Drop);
        QCOMPARE(pending.busyReplies(), 1);
        QVERIFY(pending.release(busy));
        QCOMPARE(pending.busyReplies(), 0);
        QCOMPARE(pending.handshakes(), 2);
        QCOMPARE(pending.takeAll().size(), size_t(2));
        QCOMPARE(pending.handshakes(), 0);
        QCOMPARE(pending.fromSource(QHostAddress(QStringLiteral("192.0.2.1"))), 0);
    }
};

QTEST_GUILESS_MAIN(TestPendingHandshakes)
#include "tst_pendinghandshakes.moc"
