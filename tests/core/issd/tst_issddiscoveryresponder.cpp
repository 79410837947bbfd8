#include "core/issd/IssdDiscoveryResponder.h"
#include "tests/core/net/LogCapture.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

using baton::issd::IssdDiscoveryResponder;
using baton::test::LogCapture;
using namespace std::chrono_literals;

namespace {

const QByteArray kShortRequest = "ISSD/1 DISCOVER nonce=0123456789abcdef";

// How many refusals a baton.issd line stands for: one of its own, or a summary's count.
int refusalsIn(const QString &line)
{
    static const QRegularExpression summary(QStringLiteral("^(\\d+) more refusal\\(s\\) "));
    const auto match = summary.match(line);
    return match.hasMatch() ? match.captured(1).toInt() : 1;
}

int refusalsIn(const QStringList &lines)
{
    int total = 0;
    for (const QString &line : lines)
        total += refusalsIn(line);
    return total;
}

} // namespace

// The responder on loopback, with requests from many loopback addresses (127.0.0.0/8), as
// a spray of short DISCOVERs from many sources on the agent's network would come.
class TestIssdDiscoveryResponder : public QObject {
    Q_OBJECT
private slots:
    void shortRequestsFromManySourcesAreLoggedSummarised()
    {
        const LogCapture log("baton.issd", QtInfoMsg);
        const auto interval = 1s;
        IssdDiscoveryResponder responder(
            {0, QHostAddress::LocalHost, 0, false, interval}, QStringLiteral("test"),
            [] { return QStringLiteral("id=test name=\"Test\" tcp=1600 tls=yes"); });
        QString error;
        QVERIFY2(responder.start(&error), qPrintable(error));

        // A request long enough is answered: the responder works, it only logs less.
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        probe.writeDatagram(kShortRequest + " pad=" + QByteArray(100, '.'), QHostAddress::LocalHost,
                            responder.port());
        QTRY_VERIFY_WITH_TIMEOUT(probe.hasPendingDatagrams(), 20000);
        QCOMPARE(log.lines(), QStringList());

        constexpr int kSources = 64;
        std::vector<std::unique_ptr<QUdpSocket>> sources;
        QElapsedTimer elapsed;
        elapsed.start();
        for (int i = 0; i < kSources; ++i) {
            auto &source = sources.emplace_back(std::make_unique<QUdpSocket>());
            QVERIFY(source->bind(QHostAddress(quint32(0x7F000002 + i)), 0)); // 127.0.0.2…
            QCOMPARE(
                source->writeDatagram(kShortRequest, QHostAddress::LocalHost, responder.port()),
                qint64(kShortRequest.size()));
        }
        // Every short request is accounted for, in far fewer lines than requests.
        QTRY_COMPARE_WITH_TIMEOUT(refusalsIn(log.lines()), kSources, 20000);
        const auto intervals = elapsed.elapsed() / std::chrono::milliseconds(interval).count();
        QVERIFY2(log.lines().size() <= 2 + intervals, qPrintable(log.lines().join(u'\n')));
        QVERIFY2(log.lines().size() < kSources / 4, qPrintable(log.lines().join(u'\n')));
        QVERIFY2(log.lines().first().contains(
                     QStringLiteral(" not answered: discovery request shorter than the reply (")),
                 qPrintable(log.lines().first()));
        for (const auto &source : sources)
            QVERIFY(!source->hasPendingDatagrams());
    }
};

QTEST_GUILESS_MAIN(TestIssdDiscoveryResponder)
#include "tst_issddiscoveryresponder.moc"
