#include "core/net/RefusalLog.h"
#include "tests/core/net/LogCapture.h"

#include <QTest>

using baton::net::CloseInfo;
using baton::net::RefusalLog;
using baton::protocol::CloseReason;
using baton::test::LogCapture;
using namespace std::chrono_literals;

namespace {

CloseInfo refusal(CloseReason reason)
{
    return {reason, CloseInfo::Origin::Local, {}};
}

QString sentence(CloseReason reason)
{
    const std::string_view text = baton::protocol::describe(reason);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QHostAddress address(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}

} // namespace

// The log's own timer ends each interval; refusals are fed without returning to the event
// loop, so which of them fall into an interval does not depend on the machine's load.
class TestRefusalLog : public QObject {
    Q_OBJECT
private slots:
    void firstAtOnceThenOneSummaryPerIntervalByReason()
    {
        const LogCapture log("baton.net", QtInfoMsg);
        RefusalLog refusals(1s);
        refusals.refused(address("192.0.2.1"), refusal(CloseReason::HostBusy));
        QCOMPARE(log.lines(),
                 QStringList{QStringLiteral("viewer 192.0.2.1 not admitted: ") +
                             sentence(CloseReason::HostBusy)});
        QCOMPARE(refusals.counted(), 0);
        QVERIFY(refusals.summarising());

        // A flood: one /64 rotating through its addresses counts as one source.
        for (int i = 1; i <= 200; ++i)
            refusals.refused(QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i, 0, 16)),
                             refusal(CloseReason::WrongPasscode));
        for (int i = 0; i < 100; ++i)
            refusals.refused(address("192.0.2.9"), refusal(CloseReason::HostBusy));
        QCOMPARE(log.lines().size(), 1);
        QCOMPARE(refusals.counted(), 300);

        QTRY_COMPARE_WITH_TIMEOUT(log.lines().size(), 2, 20000);
        QCOMPARE(log.lines()[1],
                 QStringLiteral("300 more connections not admitted in 1 s, most from "
                                "2001:db8:1:2:: (200): 200 × \"%1\", 100 × \"%2\"")
                     .arg(sentence(CloseReason::WrongPasscode), sentence(CloseReason::HostBusy)));
        QCOMPARE(refusals.counted(), 0);

        // Still within the flood: the next interval is summarised too, not logged at once.
        QVERIFY(refusals.summarising());
        refusals.refused(address("198.51.100.4"), refusal(CloseReason::SessionFull));
        QCOMPARE(log.lines().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(log.lines().size(), 3, 20000);
        QCOMPARE(log.lines()[2],
                 QStringLiteral("1 more connections not admitted in 1 s, most from "
                                "198.51.100.4 (1): 1 × \"%1\"")
                     .arg(sentence(CloseReason::SessionFull)));

        // A whole interval without refusals: the next one gets its own line at once.
        QTRY_VERIFY_WITH_TIMEOUT(!refusals.summarising(), 20000);
        QCOMPARE(log.lines().size(), 3);
        refusals.refused(address("198.51.100.5"), refusal(CloseReason::RateLimited));
        QCOMPARE(log.lines().size(), 4);
        QCOMPARE(log.lines()[3],
                 QStringLiteral("viewer 198.51.100.5 not admitted: ") +
                     sentence(CloseReason::RateLimited));
    }

    void whatIsStillCountedIsWrittenAtTheEnd()
    {
        const LogCapture log("baton.net", QtInfoMsg);
        {
            RefusalLog refusals(1h);
            for (int i = 0; i < 4; ++i)
                refusals.refused(address("192.0.2.1"), refusal(CloseReason::Timeout));
            QCOMPARE(log.lines().size(), 1);
        }
        QCOMPARE(log.lines().size(), 2);
        QVERIFY2(log.lines()[1].startsWith(QStringLiteral("3 more connections not admitted")),
                 qPrintable(log.lines()[1]));
    }
};

QTEST_GUILESS_MAIN(TestRefusalLog)
#include "tst_refusallog.moc"
