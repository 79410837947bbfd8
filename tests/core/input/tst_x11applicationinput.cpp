// XTEST input into an application share under Xvfb: the test is the application (one X
// client with a main window, a second top-level window and an override-redirect popup)
// and another program (a second X client); each reads the events its own windows got
// from the server, so what the injector did is checked by the X server itself.

#include "core/input/x11/X11InputInjector.h"
#include "core/input/x11/X11LocalInputMonitor.h"
#include "tests/core/capture/PrivateXServer.h"
#include "tests/core/capture/TestClient.h"
#include "tests/core/capture/XtermFixture.h"

#include <QSignalSpy>
#include <QTest>

#include <xcb/xcb.h>

#include <memory>

using baton::KeyInput;
using baton::PointerInput;
using baton::Rect;
using baton::SharedWindow;
using baton::ShareLayout;
using baton::X11InputInjector;
using baton::test::TestClient;

namespace {

constexpr int kTimeoutMs = 5000;
constexpr uint16_t kScancodeA = 0x1e;
// Where input lands is read from the server's events; the colours only tell the windows
// apart to a person watching the display.
constexpr uint32_t kAppColour = 0x2040a0u;
constexpr uint32_t kPopupColour = 0x20a040u;
constexpr uint32_t kOtherColour = 0x808080u;

SharedWindow shared(uint32_t id, SharedWindow::Kind kind, const Rect &rect)
{
    SharedWindow window;
    window.id = id;
    window.kind = kind;
    window.rect = rect;
    return window;
}

std::unique_ptr<X11InputInjector> injectorFor(uint32_t main, const ShareLayout &layout)
{
    QString error;
    auto injector = X11InputInjector::create(
        {}, main, [layout] { return layout; }, &error);
    if (!injector)
        qWarning("injector: %s", qPrintable(error));
    return injector;
}

PointerInput click(PointerInput::Type type, QPoint at)
{
    return {type, at, 1, 0, 0};
}

} // namespace

class TestX11ApplicationInput : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // An X server of its own: another suite's grab or window on the shared one cannot
        // take this one's clicks (a first click was once lost in CI).
        QString error;
        const QString display = privateServer_.start(24, QSize(1920, 1080), {}, &error);
        QVERIFY2(!display.isEmpty(), qPrintable(error));
        qputenv("DISPLAY", display.toLocal8Bit());
    }

    // Main window at (100,100) 300x200, a second one (a dialog) at (500,150) 200x150:
    // the picture is the box around both, from (100,100).
    void clickAndKeysReachTheSecondWindow()
    {
        TestClient app;
        QVERIFY(app.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t dialog = app.window({500, 150, 200, 150}, kAppColour);
        const ShareLayout layout{{100, 100, 600, 200},
                                 {shared(dialog, SharedWindow::Kind::Window, {400, 50, 200, 150}),
                                  shared(main, SharedWindow::Kind::Main, {0, 0, 300, 200})}};
        auto injector = injectorFor(main, layout);
        QVERIFY(injector);

        QVERIFY2(injector->pointer(click(PointerInput::Type::Press, {450, 80})),
                 qPrintable(injector->errorString()));
        QVERIFY(injector->pointer(click(PointerInput::Type::Release, {450, 80})));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(dialog, XCB_BUTTON_PRESS, {50, 30}), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(app.received(dialog, XCB_BUTTON_RELEASE, {50, 30}), kTimeoutMs);
        QCOMPARE(app.focused(), dialog); // clicked, so focused, as a window manager would

        // Keys go to the window with the focus: the dialog, not the main window.
        QVERIFY(injector->key(KeyInput{kScancodeA, false, true}));
        QVERIFY(injector->key(KeyInput{kScancodeA, false, false}));
        QTRY_COMPARE_WITH_TIMEOUT(app.count(XCB_KEY_PRESS, dialog), 1, kTimeoutMs);
        QCOMPARE(app.focused(), dialog);

        // With the focus on another program's window, keys focus the main window.
        TestClient other;
        QVERIFY(other.connection());
        const uint32_t elsewhere = other.window({900, 500, 100, 100}, kOtherColour);
        other.focus(elsewhere);
        QVERIFY(injector->key(KeyInput{kScancodeA, false, true}));
        QVERIFY(injector->key(KeyInput{kScancodeA, false, false}));
        QTRY_COMPARE_WITH_TIMEOUT(app.count(XCB_KEY_PRESS, main), 1, kTimeoutMs);
        QCOMPARE(app.focused(), main);
        QCOMPARE(app.count(XCB_KEY_PRESS, dialog), 1);
        QCOMPARE(other.count(XCB_KEY_PRESS), 0);
    }

    // Between the two windows lies another program's window, inside the picture.
    void clickOutsideEveryWindowIsRefused()
    {
        TestClient app;
        TestClient other;
        QVERIFY(app.connection() && other.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t dialog = app.window({500, 150, 200, 150}, kAppColour);
        const uint32_t between = other.window({420, 120, 60, 60}, kOtherColour);
        const ShareLayout layout{{100, 100, 600, 200},
                                 {shared(dialog, SharedWindow::Kind::Window, {400, 50, 200, 150}),
                                  shared(main, SharedWindow::Kind::Main, {0, 0, 300, 200})}};
        auto injector = injectorFor(main, layout);
        QVERIFY(injector);

        QVERIFY(!injector->pointer(click(PointerInput::Type::Press, {350, 50})));
        QCOMPARE(injector->errorString(),
                 QStringLiteral("(350, 50) is outside every shared window"));
        QVERIFY(!injector->pointer(click(PointerInput::Type::Release, {350, 50})));
        QVERIFY(!injector->pointer({PointerInput::Type::Wheel, {350, 50}, 0, 0, 120}));
        // A move there is nothing to refuse: the pointer stays over the application.
        QVERIFY(injector->pointer(click(PointerInput::Type::Move, {350, 50})));

        // A drag that starts in the main window and ends out there is released in it.
        QVERIFY(injector->pointer(click(PointerInput::Type::Press, {10, 20})));
        QVERIFY(injector->pointer(click(PointerInput::Type::Move, {350, 50})));
        QVERIFY2(injector->pointer(click(PointerInput::Type::Release, {350, 50})),
                 qPrintable(injector->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(main, XCB_BUTTON_PRESS, {10, 20}), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(app.received(main, XCB_BUTTON_RELEASE, {299, 50}), kTimeoutMs);

        QCOMPARE(other.count(XCB_BUTTON_PRESS), 0);
        QCOMPARE(other.count(XCB_BUTTON_RELEASE), 0);
        QCOMPARE(app.count(XCB_BUTTON_PRESS), 1);
        QVERIFY(app.stackingIndex(between) > app.stackingIndex(main));
    }

    // The main window at (100,100) 300x200 with its open popup at (150,150) 120x80;
    // another program's window, mapped last, covers the popup's right edge and part of
    // the main window.
    void popupTakesClicksAndStaysAboveTheMainWindow()
    {
        TestClient app;
        TestClient other;
        QVERIFY(app.connection() && other.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t popup =
            app.window({150, 150, 120, 80}, kPopupColour, {.overrideRedirect = true});
        const uint32_t cover = other.window({240, 120, 100, 100}, kOtherColour);
        const ShareLayout layout{{100, 100, 300, 200},
                                 {shared(popup, SharedWindow::Kind::Popup, {50, 50, 120, 80}),
                                  shared(main, SharedWindow::Kind::Main, {0, 0, 300, 200})}};
        auto injector = injectorFor(main, layout);
        QVERIFY(injector);
        const uint32_t focusBefore = app.focused();

        QVERIFY2(injector->pointer(click(PointerInput::Type::Press, {60, 60})),
                 qPrintable(injector->errorString()));
        QVERIFY(injector->pointer(click(PointerInput::Type::Release, {60, 60})));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(popup, XCB_BUTTON_PRESS, {10, 10}), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(app.received(popup, XCB_BUTTON_RELEASE, {10, 10}), kTimeoutMs);
        QCOMPARE(app.focused(), focusBefore); // a popup is not focused

        // Where the other program covers the popup, the click is refused and the popup
        // is not raised over it.
        QVERIFY(!injector->pointer(click(PointerInput::Type::Press, {150, 80})));
        QCOMPARE(injector->errorString(),
                 QStringLiteral("another program's window covers the shared window there"));
        QVERIFY(app.stackingIndex(cover) > app.stackingIndex(popup));

        // The main window, covered there, is raised over the cover, and its popup stays
        // above it.
        QVERIFY2(injector->pointer(click(PointerInput::Type::Press, {220, 30})),
                 qPrintable(injector->errorString()));
        QVERIFY(injector->pointer(click(PointerInput::Type::Release, {220, 30})));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(main, XCB_BUTTON_PRESS, {220, 30}), kTimeoutMs);
        QVERIFY(app.stackingIndex(main) > app.stackingIndex(cover));
        QVERIFY(app.stackingIndex(popup) > app.stackingIndex(main));
        QCOMPARE(app.focused(), main);

        QCOMPARE(other.count(XCB_BUTTON_PRESS), 0);
        QCOMPARE(app.count(XCB_BUTTON_PRESS), 2);
    }

    // A click on the main window where nothing covers it changes no stacking: the
    // application's dialog above it stays there.
    void uncoveredMainWindowIsNotRaised()
    {
        TestClient app;
        QVERIFY(app.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t dialog = app.window({200, 150, 150, 100}, kAppColour);
        const ShareLayout layout{{100, 100, 300, 200},
                                 {shared(dialog, SharedWindow::Kind::Window, {100, 50, 150, 100}),
                                  shared(main, SharedWindow::Kind::Main, {0, 0, 300, 200})}};
        auto injector = injectorFor(main, layout);
        QVERIFY(injector);
        QVERIFY2(injector->pointer(click(PointerInput::Type::Press, {20, 20})),
                 qPrintable(injector->errorString()));
        QVERIFY(injector->pointer(click(PointerInput::Type::Release, {20, 20})));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(main, XCB_BUTTON_PRESS, {20, 20}), kTimeoutMs);
        QVERIFY(app.stackingIndex(dialog) > app.stackingIndex(main));
    }

    // The host's own keys and clicks count on any of the application's windows, and on
    // no other program's.
    void monitorSeesTheHostOnEveryWindow()
    {
        TestClient app;
        TestClient other;
        QVERIFY(app.connection() && other.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t dialog = app.window({500, 150, 200, 150}, kAppColour);
        const uint32_t elsewhere = other.window({900, 500, 100, 100}, kOtherColour);
        const ShareLayout layout{{100, 100, 600, 200},
                                 {shared(dialog, SharedWindow::Kind::Window, {400, 50, 200, 150}),
                                  shared(main, SharedWindow::Kind::Main, {0, 0, 300, 200})}};
        QString error;
        // No injector here: every XTEST press (xdotool's) is the host's.
        auto monitor = baton::X11LocalInputMonitor::create(
            {}, main, [] { return uint64_t(0); }, [layout] { return layout; }, &error);
        QVERIFY2(monitor, qPrintable(error));
        QSignalSpy local(monitor.get(), &baton::LocalInputMonitor::localInput);

        app.focus(dialog);
        QVERIFY(baton::test::xdotool({QStringLiteral("key"), QStringLiteral("space")}));
        QTRY_VERIFY_WITH_TIMEOUT(!local.isEmpty(), kTimeoutMs);

        local.clear();
        QVERIFY(baton::test::xdotool({QStringLiteral("mousemove"), QStringLiteral("600"),
                                      QStringLiteral("250"), QStringLiteral("click"),
                                      QStringLiteral("1")}));
        QTRY_VERIFY_WITH_TIMEOUT(!local.isEmpty(), kTimeoutMs);

        // Another program's window: focused, then clicked.
        other.focus(elsewhere);
        local.clear();
        QVERIFY(baton::test::xdotool({QStringLiteral("key"), QStringLiteral("space")}));
        QVERIFY(baton::test::xdotool({QStringLiteral("mousemove"), QStringLiteral("950"),
                                      QStringLiteral("550"), QStringLiteral("click"),
                                      QStringLiteral("1")}));
        QTRY_VERIFY_WITH_TIMEOUT(other.count(XCB_BUTTON_PRESS) == 1, kTimeoutMs);
        QTest::qWait(300);
        QCOMPARE(local.size(), 0);
    }

private:
    baton::test::PrivateXServer privateServer_;
};

QTEST_GUILESS_MAIN(TestX11ApplicationInput)
#include "tst_x11applicationinput.moc"
