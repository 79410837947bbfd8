#include "ui/demo/DemoCanvas.h"
#include "ui/demo/DemoChart.h"
#include "ui/demo/DemoText.h"
#include "ui/demo/DemoWindow.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QTest>

using baton::demo::DemoWindow;

namespace {

QImage render(DemoWindow &window)
{
    return window.grab().toImage().convertToFormat(QImage::Format_ARGB32);
}

} // namespace

class TestDemoWindow : public QObject {
    Q_OBJECT
private slots:
    void hasEveryPart()
    {
        DemoWindow window;
        QVERIFY(window.editor()->document()->blockCount() > 40);
        QVERIFY(window.list()->count() >= 20);
        QVERIFY(window.canvas()->strokeCount() > 0);
        QVERIFY(window.chart()->isRunning());
        QCOMPARE(window.windowTitle(), QStringLiteral("Baton Demo"));
    }

    void sameSeedSamePixels()
    {
        DemoWindow a(7);
        DemoWindow b(7);
        DemoWindow c(8);
        for (DemoWindow *w : {&a, &b, &c}) {
            w->setAnimated(false);
            w->resize(900, 600);
        }
        QCOMPARE(render(a), render(b));
        QVERIFY(render(a) != render(c));
        QCOMPARE(baton::demo::DemoText::document(7), baton::demo::DemoText::document(7));
    }

    void chartMovesOnlyTheChart()
    {
        DemoWindow window(3);
        window.setAnimated(false);
        window.resize(900, 600);
        // The first grab polishes and lays out; scroll bars settle on the next event loop pass.
        render(window);
        QCoreApplication::processEvents();
        const QImage before = render(window);
        window.chart()->advance();
        const QImage after = render(window);
        QVERIFY(before != after);

        const QRect chartArea(window.chart()->mapTo(&window, QPoint(0, 0)), window.chart()->size());
        for (int y = 0; y < before.height(); ++y)
            for (int x = 0; x < before.width(); ++x)
                if (!chartArea.contains(x, y) && before.pixel(x, y) != after.pixel(x, y))
                    QFAIL(qPrintable(
                        QStringLiteral("pixel %1,%2 outside the chart changed").arg(x).arg(y)));
    }

    void animatesAtAboutThirtyFps()
    {
        DemoWindow window;
        window.show();
        const quint64 start = window.chart()->frameIndex();
        QTest::qWait(500);
        // A loose lower bound: the timer runs, without timing the machine.
        QVERIFY(window.chart()->frameIndex() - start >= 3);
    }

    void canvasDrawsWithTheMouse()
    {
        DemoWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int before = window.canvas()->strokeCount();
        QTest::mousePress(window.canvas(), Qt::LeftButton, {}, QPoint(20, 20));
        QTest::mouseMove(window.canvas(), QPoint(60, 40));
        QTest::mouseRelease(window.canvas(), Qt::LeftButton, {}, QPoint(60, 40));
        QCOMPARE(window.canvas()->strokeCount(), before + 1);
    }
};

QTEST_MAIN(TestDemoWindow)
#include "tst_demowindow.moc"
