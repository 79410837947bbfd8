// InputBackendFactory under Xvfb with a real xterm: an X11 window gets XTEST input that
// bash in the xterm really receives and a monitor that sees the host's own keys; an
// application share's input follows the source's windows (a second window, xterm's menu);
// any other window, or no display, gets a refusal that says why.

#include "core/capture/SyntheticWindowSource.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"
#include "core/input/InputBackendFactory.h"
#include "tests/core/capture/PrivateXServer.h"
#include "tests/core/capture/TestClient.h"
#include "tests/core/capture/XtermFixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <xcb/xcb.h>

#include <optional>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 20000;
constexpr int kMenuTimeoutMs = 120000;
constexpr uint16_t kReturnScancode = 0x1c;
constexpr uint16_t kControlScancode = 0x1d;
// Where input lands is read from the server's events; the colours only tell the windows
// apart to a person watching the display.
constexpr uint32_t kAppColour = 0x2040a0u;
constexpr uint32_t kOtherColour = 0x808080u;

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestInputBackendFactory : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // An X server of its own: another suite's grab or window on the shared one cannot
        // hold up this one's menus and clicks (xterm's menu once came a minute late in CI).
        QString error;
        const QString display = privateServer_.start(24, QSize(1920, 1080), {}, &error);
        QVERIFY2(!display.isEmpty(), qPrintable(error));
        qputenv("DISPLAY", display.toLocal8Bit());
        QVERIFY((xServer_ = test::holdXServer()) != nullptr);
    }

    void x11WindowGetsXtestAndAMonitor()
    {
        QTemporaryDir dir;
        const QString ready = dir.filePath(QStringLiteral("ready"));
        test::Xterm xterm(QStringLiteral("inputfactory"), test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        const X11WindowSource source(xterm.windowId());

        InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        QVERIFY2(creation.refusals.isEmpty(), qPrintable(creation.refusals.join(u'\n')));
        QVERIFY(creation.injector);
        QVERIFY(creation.monitor);

        // The injector drives this very window: bash in it runs what was typed.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), kTimeoutMs);
        const QString typed = dir.filePath(QStringLiteral("typed"));
        QVERIFY2(creation.injector->text(QStringLiteral("echo typed > ") + typed),
                 qPrintable(creation.injector->errorString()));
        QVERIFY(creation.injector->key({kReturnScancode, false, true}));
        QVERIFY(creation.injector->key({kReturnScancode, false, false}));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(typed), QStringLiteral("typed\n"), kTimeoutMs);

        // A key from another client (as the person at the host would press it) is seen.
        QSignalSpy local(creation.monitor.get(), &LocalInputMonitor::localInput);
        QVERIFY(test::xdotool({QStringLiteral("key"), QStringLiteral("--window"),
                               QString::number(xterm.windowId()), QStringLiteral("space")}));
        QTRY_VERIFY_WITH_TIMEOUT(!local.isEmpty(), kTimeoutMs);
    }

    // An application share: the injector reads the source's windows, so a click reaches
    // the application's second window, and one on another program's window between the
    // two (inside the share's picture) is refused.
    void applicationShareReachesEveryWindow()
    {
        test::TestClient app;
        test::TestClient other;
        QVERIFY(app.connection() && other.connection());
        const uint32_t main = app.window({100, 100, 300, 200}, kAppColour);
        const uint32_t second = app.window({500, 150, 200, 150}, kAppColour);
        other.window({420, 120, 60, 60}, kOtherColour);
        X11WindowSource source(main);
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(source.sharedWindows().size(), size_t(2), kTimeoutMs);
        QCOMPARE(source.window().geometry, (Rect{100, 100, 600, 200}));

        const InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        QVERIFY(creation.injector);
        const QPoint inSecond(500 - 100 + 30, 150 - 100 + 20);
        QVERIFY2(creation.injector->pointer({PointerInput::Type::Press, inSecond, 1, 0, 0}),
                 qPrintable(creation.injector->errorString()));
        QVERIFY(creation.injector->pointer({PointerInput::Type::Release, inSecond, 1, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(app.received(second, XCB_BUTTON_PRESS, {30, 20}), kTimeoutMs);

        const QPoint onOther(420 - 100 + 10, 120 - 100 + 10);
        QVERIFY(!creation.injector->pointer({PointerInput::Type::Press, onOther, 1, 0, 0}));
        QVERIFY2(creation.injector->errorString().contains(QLatin1String("outside every")),
                 qPrintable(creation.injector->errorString()));
        QCOMPARE(other.count(XCB_BUTTON_PRESS), 0);
        QCOMPARE(app.count(XCB_BUTTON_PRESS), 1);
    }

    // Through the injector alone, as a floor holder would: Ctrl+left-click opens xterm's
    // main menu (an override-redirect popup that grabs the pointer), the drag goes into
    // it, and releasing on its last item, Quit, ends the xterm.
    void xtermMenuItemIsPickedThroughTheInjector()
    {
        test::Xterm xterm(QStringLiteral("inputfactory-menu"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        const InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        QVERIFY(creation.injector);
        InputInjector &injector = *creation.injector;

        const QPoint inXterm(40, 30);
        QVERIFY(injector.key({kControlScancode, false, true}));
        QVERIFY2(injector.pointer({PointerInput::Type::Press, inXterm, 1, 0, 0}),
                 qPrintable(injector.errorString()));
        const auto popup = [&source]() -> std::optional<SharedWindow> {
            for (const SharedWindow &window : source.sharedWindows())
                if (window.kind == SharedWindow::Kind::Popup)
                    return window;
            return std::nullopt;
        };
        // xterm's menu has come up to a minute late in CI's sanitizer lane under load, even
        // on this suite's own X server (59.4 s once, on 2026-12-08; cause not found): the
        // point is that it opens through the injector, not how fast.
        QTRY_VERIFY_WITH_TIMEOUT(popup().has_value(), kMenuTimeoutMs);
        const Rect menu = popup()->rect;
        const QPoint quit(menu.x + menu.width / 2, menu.bottom() - 6);
        QVERIFY(injector.pointer({PointerInput::Type::Move, quit, 0, 0, 0}));
        QVERIFY2(injector.pointer({PointerInput::Type::Release, quit, 1, 0, 0}),
                 qPrintable(injector.errorString()));
        QVERIFY(injector.key({kControlScancode, false, false}));
        QTRY_COMPARE_WITH_TIMEOUT(xterm.pid(), qint64(0), kTimeoutMs); // it quit
    }

    void otherCaptureBackendIsRefused()
    {
        const SyntheticWindowSource source(SyntheticSceneKind::Idle, 64, 48);
        const InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        QVERIFY(!creation.injector);
        QVERIFY(!creation.monitor);
        QCOMPARE(creation.refusals,
                 QStringList({QStringLiteral("x11: the window is captured by 'synthetic', not x11"),
                              QStringLiteral("wayland: the window is captured by 'synthetic', "
                                             "not by a Wayland screen cast")}));
    }

    void noDisplayIsRefused()
    {
        test::Xterm xterm(QStringLiteral("inputfactory-nodisplay"));
        QVERIFY(xterm.windowId() != 0);
        const X11WindowSource source(xterm.windowId());
        const QByteArray display = qgetenv("DISPLAY");
        qunsetenv("DISPLAY");
        const InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        qputenv("DISPLAY", display);
        QVERIFY(!creation.injector);
        QVERIFY(!creation.monitor);
        QCOMPARE(creation.refusals,
                 QStringList({QStringLiteral("x11: DISPLAY is not set"),
                              QStringLiteral("wayland: the window is captured by 'x11', not by a "
                                             "Wayland screen cast")}));
    }

private:
    test::PrivateXServer privateServer_;
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestInputBackendFactory)
#include "tst_inputbackendfactory.moc"
