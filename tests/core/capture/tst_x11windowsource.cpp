#include "TestClient.h"
#include "XtermFixture.h"
#include "codecs/diff/FrameDiffer.h"
#include "core/capture/x11/X11WindowLister.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"

#include <QSignalSpy>
#include <QTest>

#include <xcb/xcb.h>

using namespace baton;
using namespace baton::test;

namespace {

// Captures until the source hands out a frame (a resize or map may need a moment).
bool captureSoon(X11WindowSource &source, CapturedFrame &frame)
{
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        if (source.captureFrame(frame))
            return true;
        QTest::qWait(20);
    }
    return false;
}

// Captures until the window's pixels equal xwd's view of it: both are snapshots of a
// window that may still be drawing right after it appeared.
bool matchesXwdSoon(X11WindowSource &source, uint64_t windowId, QString *why)
{
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        CapturedFrame frame;
        const Frame reference = xwdCapture(windowId);
        if (source.captureFrame(frame) && !reference.isNull() &&
            sameColours(frame.pixels, reference, why))
            return true;
        QTest::qWait(50);
    }
    return false;
}

} // namespace

class TestX11WindowSource : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY((xServer_ = holdXServer()) != nullptr);
        qRegisterMetaType<baton::WindowEvent>();
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
    }

    // Without a window manager there is no _NET_CLIENT_LIST: the tree walk finds the
    // xterm with its title, class, pid and geometry.
    void listsXtermByTitle()
    {
        Xterm xterm(QStringLiteral("list"), {}, QStringLiteral("80x24+33+44"));
        QVERIFY(xterm.windowId() != 0);
        QString error;
        auto connection = XcbConnection::open({}, &error);
        QVERIFY2(connection, qPrintable(error));
        X11WindowLister lister(*connection);
        const QList<WindowInfo> windows = lister.list();
        QVERIFY(!lister.usedClientList());
        const auto it = std::find_if(windows.begin(), windows.end(),
                                     [&](const WindowInfo &w) { return w.title == xterm.title(); });
        QVERIFY(it != windows.end());
        QCOMPARE(it->id, xterm.windowId());
        QCOMPARE(it->className, QStringLiteral("XTerm"));
        QVERIFY(it->visible);
        QCOMPARE(it->geometry.x, 33 + 1); // xterm's 1-pixel border is outside the contents
        QCOMPARE(it->geometry.y, 44 + 1);
        QVERIFY(it->geometry.width > 200 && it->geometry.height > 200);
        if (it->pid != 0)
            QCOMPARE(it->pid, xterm.pid());
    }

    void capturesWhatXwdSees_data()
    {
        QTest::addColumn<bool>("useShm");
        QTest::addColumn<bool>("useComposite");
        QTest::newRow("Composite, MIT-SHM") << true << true;
        QTest::newRow("Composite, GetImage") << false << true;
        QTest::newRow("screen, MIT-SHM") << true << false;
    }

    void capturesWhatXwdSees()
    {
        QFETCH(bool, useShm);
        QFETCH(bool, useComposite);
        Xterm xterm(QStringLiteral("pixels"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("seq 1 40; exec sleep 60")});
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId(), {{}, useShm, useComposite});
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QCOMPARE(source.usesComposite(), useComposite);
        QCOMPARE(source.usesShm(), useShm);
        QVERIFY(source.hasDamage());
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QCOMPARE(frame.pixels.width(), source.window().geometry.width);
        QCOMPARE(frame.damage, Region(frame.pixels.rect())); // the first frame is all new
        QString why;
        QVERIFY2(matchesXwdSoon(source, xterm.windowId(), &why), qPrintable(why));
    }

    // Composite keeps the covered window's own pixels: the capture still equals what
    // xwd saw before the cover, while the screen shows the cover.
    void coveredWindowStillCaptured()
    {
        // The text cursor hidden (DECTCEM): the cover takes the focus, and xterm would draw
        // its cursor hollow whenever it gets to it, a change the comparison must not see.
        Xterm xterm(QStringLiteral("covered"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("printf '\\033[?25l'; seq 100 140; exec sleep 60")});
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        QString why;
        QVERIFY2(matchesXwdSoon(source, xterm.windowId(), &why), qPrintable(why));
        const Frame uncovered = xwdCapture(xterm.windowId());

        const Rect geometry = source.window().geometry;
        TestClient cover;
        cover.window({geometry.x + 20, geometry.y + 20, geometry.width, geometry.height},
                     0x00ff0000u, {.overrideRedirect = true});
        // The screen shows the cover (xwd would not: it reads the redirected window).
        QVERIFY(!sameColours(screenCapture(geometry), uncovered));
        QCOMPARE(screenCapture(geometry).pixel(30, 30) & 0xffffffu, 0xff0000u);
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QVERIFY2(sameColours(frame.pixels, uncovered, &why), qPrintable(why));
    }

    // Typing makes the xterm draw; Damage reports it and the differ finds the change
    // inside the hint.
    void damageAfterTyping()
    {
        Xterm xterm(QStringLiteral("typing"), {QStringLiteral("-e"), QStringLiteral("cat")});
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        QString why;
        QVERIFY2(matchesXwdSoon(source, xterm.windowId(), &why), qPrintable(why));
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        FrameDiffer differ;
        differ.diff(frame.pixels);
        QVERIFY(source.captureFrame(frame));
        QVERIFY(differ.diff(frame.pixels, frame.damage).dirty.isEmpty());

        QSignalSpy damaged(&source, &WindowSource::damaged);
        QVERIFY(xdotool({QStringLiteral("windowfocus"), QString::number(xterm.windowId()),
                         QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
                         QStringLiteral("hello baton")}));
        QTRY_VERIFY_WITH_TIMEOUT(damaged.count() > 0, 5000);
        Region dirty;
        const QDeadlineTimer deadline(5000);
        // The 11 characters may arrive over several frames; collect until the line shows.
        while (!deadline.hasExpired() && dirty.boundingRect().width < 11 * 5) {
            QVERIFY(source.captureFrame(frame));
            QVERIFY(!frame.damage.isEmpty() || !dirty.isEmpty());
            const DiffResult &result = differ.diff(frame.pixels, frame.damage);
            QCOMPARE(result.dirty.intersected(frame.damage), result.dirty);
            dirty |= result.dirty;
            QTest::qWait(20);
        }
        QVERIFY(!dirty.isEmpty());
        QVERIFY(dirty.boundingRect().height <= 64); // one line of text, one tile row
        QVERIFY2(matchesXwdSoon(source, xterm.windowId(), &why), qPrintable(why));
    }

    void windowEvents()
    {
        Xterm xterm(QStringLiteral("events"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        QSignalSpy events(&source, &WindowSource::windowEvent);
        const QString id = QString::number(xterm.windowId());
        auto lastKind = [&] { return events.last().at(0).value<WindowEvent>().kind; };

        QVERIFY(xdotool(
            {QStringLiteral("windowsize"), id, QStringLiteral("300"), QStringLiteral("200")}));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty() && lastKind() == WindowEventKind::Resized, 5000);
        CapturedFrame frame;
        QVERIFY(captureSoon(source, frame));
        QCOMPARE(frame.pixels.width(), 300);
        QCOMPARE(frame.pixels.height(), 200);
        QCOMPARE(frame.damage, Region(Rect{0, 0, 300, 200}));

        QVERIFY(xdotool(
            {QStringLiteral("windowmove"), id, QStringLiteral("222"), QStringLiteral("111")}));
        QTRY_VERIFY_WITH_TIMEOUT(lastKind() == WindowEventKind::Moved, 5000);
        QCOMPARE(source.window().geometry.x, 222 + 1);
        QCOMPARE(source.window().geometry.y, 111 + 1);

        // --sync waits for the pointer to move: it must not be there already (a run of
        // this test just before, e.g. the sanitizer lane's, leaves it there).
        QVERIFY(xdotool({QStringLiteral("mousemove"), QStringLiteral("0"), QStringLiteral("0")}));
        QVERIFY(xdotool({QStringLiteral("mousemove"), QStringLiteral("--sync"),
                         QString::number(223 + 10), QString::number(112 + 20)}));
        const CursorState cursor = source.cursor();
        QCOMPARE(cursor.x, 10);
        QCOMPARE(cursor.y, 20);
        QVERIFY(cursor.visible);
        QVERIFY(!cursor.image.isNull());

        QVERIFY(xdotool({QStringLiteral("windowunmap"), QStringLiteral("--sync"), id}));
        QTRY_VERIFY_WITH_TIMEOUT(lastKind() == WindowEventKind::Hidden, 5000);
        QVERIFY(!source.captureFrame(frame));
        QVERIFY(xdotool({QStringLiteral("windowmap"), QStringLiteral("--sync"), id}));
        QTRY_VERIFY_WITH_TIMEOUT(lastKind() == WindowEventKind::Shown, 5000);
        QVERIFY(captureSoon(source, frame));

        xterm.kill();
        QTRY_VERIFY_WITH_TIMEOUT(lastKind() == WindowEventKind::Closed, 5000);
        QVERIFY(!source.captureFrame(frame));
        QCOMPARE(source.errorString(), QStringLiteral("window closed"));
    }

    void missingWindowFailsToStart()
    {
        X11WindowSource source(0x7ffffff0u);
        QVERIFY(!source.start());
        QCOMPARE(source.errorString(), QStringLiteral("no such window"));
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestX11WindowSource)
#include "tst_x11windowsource.moc"
