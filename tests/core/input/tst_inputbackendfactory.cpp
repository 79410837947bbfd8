// InputBackendFactory under Xvfb with a real xterm: an X11 window gets XTEST input that
// bash in the xterm really receives and a monitor that sees the host's own keys; any
// other window, or no display, gets a refusal that says why.

#include "core/capture/SyntheticWindowSource.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"
#include "core/input/InputBackendFactory.h"
#include "tests/core/capture/XtermFixture.h"
#include "tests/core/input/XClient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <xcb/xcb.h>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 20000;
constexpr uint16_t kReturnScancode = 0x1c;

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
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
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
        test::XClient app;
        test::XClient other;
        QVERIFY(app.isConnected() && other.isConnected());
        const uint32_t main = app.map({100, 100, 300, 200});
        const uint32_t second = app.map({500, 150, 200, 150});
        other.map({420, 120, 60, 60});
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

    void otherCaptureBackendIsRefused()
    {
        const SyntheticWindowSource source(SyntheticSceneKind::Idle, 64, 48);
        const InputBackendFactory::Creation creation = InputBackendFactory::create(source);
        QVERIFY(!creation.injector);
        QVERIFY(!creation.monitor);
        QCOMPARE(
            creation.refusals,
            QStringList{QStringLiteral("x11: the window is captured by 'synthetic', not x11")});
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
        QCOMPARE(creation.refusals, QStringList{QStringLiteral("x11: DISPLAY is not set")});
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestInputBackendFactory)
#include "tst_inputbackendfactory.moc"
