#include "XtermFixture.h"
#include "core/capture/qt/QtScreenWindowSource.h"
#include "core/capture/x11/XcbConnection.h"

#include <QSignalSpy>
#include <QTest>

using namespace baton;
using namespace baton::test;

// The Qt fallback on the xcb platform: QScreen::grabWindow of a real xterm equals
// xwd's capture, the whole frame is hinted, and a closed window is reported.
class TestQtScreenSource : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY((xServer_ = holdXServer()) != nullptr); }
    void grabsXterm()
    {
        qRegisterMetaType<baton::WindowEvent>();
        QString reason;
        QVERIFY2(QtScreenWindowSource::isSupported(&reason), qPrintable(reason));
        Xterm xterm(QStringLiteral("qtgrab"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("seq 1 30; exec sleep 60")});
        QVERIFY(xterm.windowId() != 0);
        WindowInfo info;
        info.id = xterm.windowId();
        QtScreenWindowSource source(info, 20);
        QSignalSpy damaged(&source, &WindowSource::damaged);
        QVERIFY(source.start());
        QTRY_VERIFY(damaged.count() > 0);

        bool same = false;
        QString why;
        CapturedFrame frame;
        const QDeadlineTimer deadline(5000);
        while (!same && !deadline.hasExpired()) {
            QVERIFY(source.captureFrame(frame));
            same = sameColours(frame.pixels, xwdCapture(xterm.windowId()), &why);
            if (!same)
                QTest::qWait(50);
        }
        QVERIFY2(same, qPrintable(why));
        QCOMPARE(frame.damage, Region(frame.pixels.rect()));
        QCOMPARE(source.window().geometry.width, frame.pixels.width());

        QSignalSpy events(&source, &WindowSource::windowEvent);
        xterm.kill();
        QTRY_VERIFY(!source.captureFrame(frame));
        QCOMPARE(events.count(), 1);
        QCOMPARE(events.first().at(0).value<WindowEvent>().kind, WindowEventKind::Closed);
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_MAIN(TestQtScreenSource)
#include "tst_qtscreensource.moc"
