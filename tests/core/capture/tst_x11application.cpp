#include "PrivateXServer.h"
#include "TestClient.h"
#include "XtermFixture.h"
#include "core/capture/ShareCanvas.h"
#include "core/capture/x11/X11ApplicationWindows.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::test;

namespace {

// What the picture must be, read independently of the source: the desktop between the
// windows is the share's background and each shared window shows what the screen shows
// there (nothing else covers them in these tests), bottom to top.
Frame expectedPicture(const X11WindowSource &source)
{
    const Rect box = source.window().geometry;
    Frame expected(box.width, box.height);
    expected.fill(ShareCanvas::kBackground);
    const SharedWindows windows = source.sharedWindows();
    for (auto it = windows.rbegin(); it != windows.rend(); ++it) {
        const Rect onScreen = it->rect.translated(box.x, box.y).intersected({0, 0, 1920, 1080});
        const Frame pixels = screenCapture(onScreen);
        if (pixels.isNull())
            return {};
        expected.mutableView().copyFrom(pixels, onScreen.x - box.x, onScreen.y - box.y);
    }
    return expected;
}

// Captures until the picture equals the independent one: windows draw a moment after
// they appear.
bool matchesScreenSoon(X11WindowSource &source, QString *why)
{
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        CapturedFrame frame;
        if (source.captureFrame(frame)) {
            const Frame expected = expectedPicture(source);
            if (!expected.isNull() && sameColours(frame.pixels, expected, why))
                return true;
        }
        QTest::qWait(50);
    }
    return false;
}

std::optional<SharedWindow> popupOf(const X11WindowSource &source)
{
    for (const SharedWindow &window : source.sharedWindows())
        if (window.kind == SharedWindow::Kind::Popup)
            return window;
    return std::nullopt;
}

// Whether window's parent is no longer the root: a window manager framed it.
bool framed(XcbConnection &connection, xcb_window_t window)
{
    xcb_connection_t *c = connection.get();
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, window), nullptr));
    return tree && tree->parent != tree->root;
}

// Every pixel of rect in the picture is colour (0xRRGGBB).
bool solid(const FrameView &picture, const Rect &rect, uint32_t colour)
{
    for (int32_t y = rect.y; y < rect.bottom(); ++y)
        for (int32_t x = rect.x; x < rect.right(); ++x)
            if ((picture.pixel(x, y) & 0xffffffu) != colour)
                return false;
    return true;
}

} // namespace

class TestX11Application : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        QVERIFY((xServer_ = holdXServer()) != nullptr);
        qRegisterMetaType<baton::WindowEvent>();
    }

    // The rules, without a server: the same X client, client leader, or process on the
    // same machine; or transient for a member. Nothing else.
    void membershipRules()
    {
        const X11WindowFacts main{0x400001, 0x400001, 0x400000, 0x400002, 77, "box", 0, false};
        X11WindowFacts popup{0x40000a, 0x40000a, 0x400000, 0, 0, {}, 0, true};
        QVERIFY(belongsToApplication(popup, main, {}));
        X11WindowFacts led{0x600001, 0x600001, 0x600000, 0x400002, 0, {}, 0, false};
        QVERIFY(belongsToApplication(led, main, {}));
        X11WindowFacts sameProcess{0x800001, 0x800001, 0x800000, 0, 77, "box", 0, false};
        QVERIFY(belongsToApplication(sameProcess, main, {}));
        sameProcess.machine = "elsewhere";
        QVERIFY(!belongsToApplication(sameProcess, main, {}));
        const X11WindowFacts other{0xa00001, 0xa00001, 0xa00000, 0xa00002, 99, "box", 0, false};
        QVERIFY(!belongsToApplication(other, main, {}));
        X11WindowFacts dialog = other;
        dialog.transientFor = 0x600001;
        QVERIFY(!belongsToApplication(dialog, main, {}));
        const std::vector<X11WindowFacts> members{main, led};
        QVERIFY(belongsToApplication(dialog, main, members));
    }

    // The acceptance case of issue 16 at the source: the menu is in the picture where
    // it is on the screen, pixel for pixel.
    void xtermMenuIsShared()
    {
        Xterm xterm(QStringLiteral("menu"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("printf '\\033[?25l'; seq 1 30; exec sleep 60")},
                    QStringLiteral("80x50+100+100"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QCOMPARE(source.scope(), ShareScope::Application);
        QCOMPARE(source.sharedWindows().size(), std::size_t(1));
        const Rect mainBox = source.window().geometry;
        QString why;
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));

        QSignalSpy events(&source, &WindowSource::windowEvent);
        {
            XtermMenu menu(xterm, 200, 30);
            QVERIFY(menu.opened());
            QTRY_VERIFY_WITH_TIMEOUT(popupOf(source).has_value(), 5000);
            const SharedWindow popup = *popupOf(source);
            QCOMPARE(popup.ownerId, xterm.windowId());
            QCOMPARE(source.sharedWindows().front().id, popup.id); // topmost
            // Opened inside the window: the picture keeps its size and place.
            QCOMPARE(source.window().geometry, mainBox);
            QVERIFY(std::any_of(events.begin(), events.end(), [](const QList<QVariant> &e) {
                return e.at(0).value<WindowEvent>().kind == WindowEventKind::Arranged;
            }));
            QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!popupOf(source).has_value(), 5000);
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
    }

    // A menu opening past the window's edge is shown whole: the picture grows at once,
    // and shrinks back a while after the menu closed.
    void pictureGrowsForAMenuPastTheEdge()
    {
        Xterm xterm(QStringLiteral("edge"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("printf '\\033[?25l'; exec sleep 60")},
                    QStringLiteral("30x6+200+200"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        const Rect mainBox = source.window().geometry;
        QSignalSpy events(&source, &WindowSource::windowEvent);
        auto resizes = [&] {
            return std::count_if(events.begin(), events.end(), [](const QList<QVariant> &e) {
                return e.at(0).value<WindowEvent>().kind == WindowEventKind::Resized;
            });
        };
        {
            XtermMenu menu(xterm, mainBox.width - 5, mainBox.height - 5);
            QVERIFY(menu.opened());
            QTRY_VERIFY_WITH_TIMEOUT(popupOf(source).has_value(), 5000);
            QCOMPARE(resizes(), 1);
            const Rect box = source.window().geometry;
            QVERIFY(box.contains(mainBox));
            QVERIFY(box.contains(popupOf(source)->rect.translated(box.x, box.y)));
            QVERIFY(box.height > mainBox.height);
            QString why;
            QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!popupOf(source).has_value(), 5000);
        QCOMPARE(resizes(), 1); // not yet: another menu may open at once
        QTRY_VERIFY_WITH_TIMEOUT(source.window().geometry == mainBox, 5000);
        QCOMPARE(resizes(), 2);
    }

    // Another program's windows never show: not as windows of the share, not over the
    // shared one (Composite keeps its own pixels).
    void otherProgramsNeverShow()
    {
        Xterm xterm(QStringLiteral("private"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("printf '\\033[?25l'; seq 1 20; exec sleep 60")},
                    QStringLiteral("80x24+100+100"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        QString why;
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
        // Settled: the picture compared below must not be one the xterm was still drawing.
        QTest::qWait(300);
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        const Frame before = Frame::copyOf(frame.pixels);

        const Rect box = source.window().geometry;
        TestClient other;
        other.window({box.x + 30, box.y + 30, 200, 100}, 0xff0000u, {.overrideRedirect = true});
        other.window({box.x + 300, box.y + 60, 200, 100}, 0x00ff00u);
        QTest::qWait(200);
        QCOMPARE(source.sharedWindows().size(), std::size_t(1));
        QVERIFY(source.captureFrame(frame));
        QVERIFY2(sameColours(frame.pixels, before, &why), qPrintable(why));
    }

    // One client's windows are one application: a second top-level and a dialog join
    // the share, stacked as on the screen, and leave it when unmapped; the window scope
    // shares the chosen one alone.
    void windowsOfOneClientJoin()
    {
        TestClient app;
        const xcb_window_t main = app.window({100, 100, 300, 200}, 0x2040a0u);
        X11WindowSource source(main);
        QVERIFY(source.start());
        X11WindowSource alone(main, {.scope = ShareScope::Window});
        QVERIFY(alone.start());

        const xcb_window_t second = app.window({500, 150, 200, 150}, 0xa04020u);
        const xcb_window_t dialog =
            app.window({150, 250, 120, 80}, 0x20a040u, {.transientFor = main});
        QTRY_COMPARE_WITH_TIMEOUT(source.sharedWindows().size(), std::size_t(3), 5000);
        const SharedWindows windows = source.sharedWindows();
        QCOMPARE(windows[0].id, uint64_t(dialog));
        QCOMPARE(windows[0].kind, SharedWindow::Kind::Window);
        QCOMPARE(windows[0].ownerId, uint64_t(main));
        QCOMPARE(windows[1].id, uint64_t(second));
        QCOMPARE(windows[2].id, uint64_t(main));
        QCOMPARE(windows[2].kind, SharedWindow::Kind::Main);
        QCOMPARE(source.window().geometry, Rect::fromEdges(100, 100, 700, 330));
        QCOMPARE(windows[1].rect, (Rect{400, 50, 200, 150}));
        QString why;
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QCOMPARE(frame.pixels.pixel(350, 20), ShareCanvas::kBackground); // between windows

        // Raised above the dialog, the main window covers it in the picture too.
        app.raise(main);
        QTRY_COMPARE_WITH_TIMEOUT(source.sharedWindows().front().id, uint64_t(main), 5000);
        QVERIFY2(matchesScreenSoon(source, &why), qPrintable(why));

        // A new title reaches the list (and the session's window list with it).
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QVERIFY(xdotool({QStringLiteral("set_window"), QStringLiteral("--name"),
                         QStringLiteral("second document"), QString::number(second)}));
        const auto titleOf = [&](xcb_window_t id) {
            for (const SharedWindow &window : source.sharedWindows())
                if (window.id == id)
                    return window.title;
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(second), QStringLiteral("second document"), 5000);
        QCOMPARE(events.last().at(0).value<WindowEvent>().kind, WindowEventKind::Arranged);

        app.unmap(dialog);
        app.unmap(second);
        QTRY_COMPARE_WITH_TIMEOUT(source.sharedWindows().size(), std::size_t(1), 5000);

        QCOMPARE(alone.sharedWindows().size(), std::size_t(1));
        QCOMPARE(alone.window().geometry, (Rect{100, 100, 300, 200}));
    }

    // Under a reparenting window manager the top-levels are its frames: the share still
    // finds the application's client windows inside them, and shows none of the frames.
    void windowsUnderAWindowManager()
    {
        PrivateXServer server;
        QString error;
        const QByteArray display = server.start(24, QSize(1024, 768), {}, &error).toUtf8();
        QVERIFY2(!display.isEmpty(), qPrintable(error));
        QTemporaryDir dir;
        QFile rc(dir.filePath(QStringLiteral("twmrc")));
        QVERIFY(rc.open(QIODevice::WriteOnly));
        // Places windows itself, never asks; the core font every X server has.
        rc.write("RandomPlacement\nBorderWidth 3\nTitleFont \"fixed\"\nMenuFont \"fixed\"\n"
                 "IconFont \"fixed\"\nResizeFont \"fixed\"\nIconManagerFont \"fixed\"\n");
        rc.close();
        QProcess twm;
        twm.setStandardOutputFile(QProcess::nullDevice()); // a warning per missing charset
        twm.setStandardErrorFile(QProcess::nullDevice());
        twm.start(QStringLiteral("twm"),
                  {QStringLiteral("-display"), QString::fromUtf8(display), QStringLiteral("-f"),
                   rc.fileName()});
        QVERIFY2(twm.waitForStarted(5000), "twm is missing (tools/deps/debian.txt)");
        QTest::qWait(300); // twm selects the root's redirection before the windows map

        TestClient app(display);
        QVERIFY(app.connection() != nullptr);
        const xcb_window_t main = app.window({40, 40, 300, 200}, 0x2040a0u);
        const xcb_window_t dialog =
            app.window({500, 400, 160, 100}, 0x20a040u, {.transientFor = main});
        QTRY_VERIFY_WITH_TIMEOUT(
            framed(*app.connection(), main) && framed(*app.connection(), dialog), 5000);

        X11WindowSource source(main, {.display = display});
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(source.sharedWindows().size(), std::size_t(2), 5000);
        const SharedWindows windows = source.sharedWindows();
        QCOMPARE(windows[0].id, uint64_t(dialog)); // the client, not twm's frame
        QCOMPARE(windows[0].ownerId, uint64_t(main));
        QCOMPARE(windows[1].id, uint64_t(main));
        QCOMPARE(windows[0].rect.width, 160);
        QCOMPARE(windows[1].rect.width, 300);
        CapturedFrame frame;
        QTRY_VERIFY_WITH_TIMEOUT(
            source.captureFrame(frame) && solid(frame.pixels, windows[0].rect, 0x20a040u), 5000);
        const Region mainShows = Region(windows[1].rect).subtracted(windows[0].rect);
        for (const Rect &part : mainShows.rects())
            QVERIFY(solid(frame.pixels, part, 0x2040a0u));
        // Nothing of the frames: outside the two windows lies the share's background.
        const Region between =
            Region(frame.pixels.rect()).subtracted(windows[0].rect).subtracted(windows[1].rect);
        for (const Rect &part : between.rects())
            QVERIFY(solid(frame.pixels, part, ShareCanvas::kBackground & 0xffffffu));
        source.stop();
        twm.kill();
        twm.waitForFinished(5000);
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestX11Application)
#include "tst_x11application.moc"
