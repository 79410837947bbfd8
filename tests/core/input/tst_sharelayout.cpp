// ShareLayout: which shared window a picture point falls in, and when a layout is the
// single window of a Window-scope share.

#include "core/input/ShareLayout.h"

#include <QTest>

using baton::Rect;
using baton::SharedWindow;
using baton::ShareLayout;

namespace {

SharedWindow shared(uint64_t id, SharedWindow::Kind kind, const Rect &rect)
{
    SharedWindow window;
    window.id = id;
    window.kind = kind;
    window.rect = rect;
    return window;
}

// A menu (id 3) over the main window (id 1), a dialog (id 2) beside it; the picture is the
// box around them, from (100, 100) on the desktop.
ShareLayout application()
{
    return {{100, 100, 600, 300},
            {shared(3, SharedWindow::Kind::Popup, {250, 40, 100, 200}),
             shared(2, SharedWindow::Kind::Window, {400, 0, 200, 150}),
             shared(1, SharedWindow::Kind::Main, {0, 0, 300, 300})}};
}

} // namespace

class TestShareLayout : public QObject {
    Q_OBJECT
private slots:
    void windowAt_data()
    {
        QTest::addColumn<QPoint>("point");
        QTest::addColumn<uint64_t>("id"); // 0: none
        QTest::newRow("main") << QPoint(10, 10) << uint64_t(1);
        QTest::newRow("menu over main") << QPoint(260, 50) << uint64_t(3);
        QTest::newRow("menu past main's edge") << QPoint(320, 200) << uint64_t(3);
        QTest::newRow("menu over dialog") << QPoint(340, 100) << uint64_t(3);
        QTest::newRow("dialog") << QPoint(599, 149) << uint64_t(2);
        QTest::newRow("below dialog") << QPoint(500, 150) << uint64_t(0);
        QTest::newRow("between") << QPoint(370, 260) << uint64_t(0);
        QTest::newRow("left of picture") << QPoint(-1, 10) << uint64_t(0);
    }
    void windowAt()
    {
        QFETCH(QPoint, point);
        QFETCH(uint64_t, id);
        const ShareLayout layout = application();
        const SharedWindow *window = layout.windowAt(point);
        QCOMPARE(window ? window->id : 0, id);
    }

    void findsWindowsAndTheMainOne()
    {
        const ShareLayout layout = application();
        QCOMPARE(layout.mainWindow()->id, uint64_t(1));
        QCOMPARE(layout.find(2)->kind, SharedWindow::Kind::Window);
        QVERIFY(!layout.find(4));
        QVERIFY(!ShareLayout{}.mainWindow());
        QCOMPARE(layout.toDesktop({5, 7}), QPoint(105, 107));
    }

    void singleWindowFillsThePicture()
    {
        QVERIFY(!application().isSingleWindow());
        const ShareLayout alone{{40, 40, 640, 480},
                                {shared(1, SharedWindow::Kind::Main, {0, 0, 640, 480})}};
        QVERIFY(alone.isSingleWindow());
        // The application's main window alone, smaller than the picture (it shrank and the
        // picture follows on the next capture): not the single-window path.
        const ShareLayout shrunk{{40, 40, 640, 480},
                                 {shared(1, SharedWindow::Kind::Main, {0, 0, 600, 480})}};
        QVERIFY(!shrunk.isSingleWindow());
        QVERIFY(ShareLayout{}.isSingleWindow()); // nothing listed yet: the chosen window
    }
};

QTEST_GUILESS_MAIN(TestShareLayout)
#include "tst_sharelayout.moc"
