// The viewer window's live figures: delay, frames per second and bandwidth over each
// interval, from the running totals a ViewerSession keeps.

#include "core/viewer/ViewerStats.h"
#include "ui/viewer/ViewerRateMeter.h"

#include <QTest>

using namespace baton;
using namespace baton::ui;

class TestViewerRateMeter : public QObject {
    Q_OBJECT

private slots:
    void ratesOverEachInterval()
    {
        ViewerRateMeter meter;
        ViewerStats stats;
        stats.batchesApplied = 5;
        stats.updateDelaysMs = {100, 100};
        // The first sample only sets the starting point.
        ViewerRateMeter::Rates rates = meter.sample(stats, 1000, 10'000);
        QCOMPARE(rates.framesPerSecond, 0.0);
        QCOMPARE(rates.delayMs, -1.0);

        stats.batchesApplied = 35;
        stats.updateDelaysMs.insert(stats.updateDelaysMs.end(), {10, 20, 30});
        rates = meter.sample(stats, 1000 + 250'000, 12'000);
        QCOMPARE(rates.framesPerSecond, 15.0);
        QCOMPARE(rates.bitsPerSecond, 1'000'000.0);
        QCOMPARE(rates.delayMs, 20.0);
        QCOMPARE(ViewerRateMeter::describe(rates),
                 QStringLiteral("Delay 20 ms · 15 fps · 1.0 Mbit/s"));

        // A quiet second: no frames, no delay to speak of.
        rates = meter.sample(stats, 1000 + 250'000 + 1000, 13'000);
        QCOMPARE(rates.framesPerSecond, 0.0);
        QCOMPARE(rates.delayMs, -1.0);
        QCOMPARE(ViewerRateMeter::describe(rates), QStringLiteral("Delay — · 0 fps · 8 kbit/s"));

        // A new session's totals start again from zero.
        meter.reset();
        QCOMPARE(meter.sample(ViewerStats{}, 0, 14'000).framesPerSecond, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestViewerRateMeter)
#include "tst_viewerratemeter.moc"
