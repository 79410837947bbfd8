// Keys typed on a real X server into the viewer window travel as physical scancodes
// (the X keycode, not the text): xdotool presses keys through XTEST while the viewer holds
// the floor, and the shared widget of an in-process HostSession over loopback TLS gets
// exactly those keys, Shift included; the same keys without the floor reach nothing.

#include "ViewerTestHost.h"
#include "core/viewer/ViewerSession.h"
#include "ui/viewer/ViewerWidget.h"
#include "ui/viewer/ViewerWindow.h"

#include <QGuiApplication>
#include <QProcess>
#include <QTest>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 20000;

bool xdotool(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral("xdotool"), args);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit &&
        process.exitCode() == 0;
}

// Gives the viewer window the X input focus (there is no window manager to do it).
bool focus(QWidget &window)
{
    return xdotool(
        {QStringLiteral("windowfocus"), QStringLiteral("--sync"), QString::number(window.winId())});
}

bool typeKeys(const QStringList &keys)
{
    return xdotool(
        QStringList{QStringLiteral("key"), QStringLiteral("--delay"), QStringLiteral("20")} + keys);
}

} // namespace

class TestViewerX11 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
    }

    void physicalKeysReachTheHostOnlyWithTheFloor()
    {
        test::SharedForm form;
        form.window.move(0, 0);
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        form.edit->setFocus();
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());

        net::ViewerOptions options;
        options.displayName = "Ana";
        options.featureFlags =
            protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
        ViewerWindow window(host.session->inviteLink(), options);
        window.move(420, 0);
        window.resize(640, 480);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->isJoined() && !window.canvas()->image().isNull(),
                                 kTimeoutMs);

        // Without the floor: the keys go nowhere.
        QVERIFY(focus(window));
        QVERIFY(typeKeys({QStringLiteral("x"), QStringLiteral("y")}));

        window.requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->holdsFloor(), kTimeoutMs);
        QVERIFY(focus(window));
        QTRY_VERIFY(window.canvas()->hasFocus());
        QVERIFY(typeKeys({QStringLiteral("h"), QStringLiteral("i"), QStringLiteral("shift+a"),
                          QStringLiteral("BackSpace"), QStringLiteral("shift+1")}));
        QTRY_COMPARE_WITH_TIMEOUT(form.edit->text(), QStringLiteral("hi!"), kTimeoutMs);
        QCOMPARE(host.session->floor().droppedInputEvents(), 0);
    }
};

QTEST_MAIN(TestViewerX11)
#include "tst_viewerx11.moc"
