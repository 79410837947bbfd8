// The desktop portal's screen cast path (org.freedesktop.portal.ScreenCast and
// RemoteDesktop) against a real xdg-desktop-portal with its GNOME backend on a headless
// mutter: Start shows GNOME's sharing dialog, which waits for someone to pick a window.
// The tests drive that dialog as a person would, with clicks and keys sent through
// mutter's own remote desktop interface into it: cancelled, and (a monitor: the dialog
// lists no windows without gnome-shell) granted, then restored by the token without it.
// Each test has a desktop of its own; the sessions are made on the fixture's connection.

#include "HeadlessGnome.h"
#include "core/capture/wayland/MutterScreenCastSession.h"
#include "core/capture/wayland/PipeWireStream.h"
#include "core/capture/wayland/PortalScreenCastSession.h"

#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

#include <linux/input-event-codes.h>

using namespace baton;
using namespace baton::test;

namespace {

const QSize kMonitorSize(1024, 768);

// Whether the portal still has a Session object at path.
bool portalHasSession(const QDBusConnection &bus, const QString &path)
{
    const QDBusMessage reply = bus.call(QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.portal.Desktop"), path,
        QStringLiteral("org.freedesktop.DBus.Introspectable"), QStringLiteral("Introspect")));
    return reply.type() == QDBusMessage::ReplyMessage &&
        reply.arguments().value(0).toString().contains(
            QStringLiteral("org.freedesktop.portal.Session"));
}

} // namespace

class TstPortalScreenCast : public QObject {
    Q_OBJECT

private slots:
    void startAwaitsTheChooser_data();
    void startAwaitsTheChooser();
    void cancellingTheChooserRefuses();
    void grantedThroughTheChooserAndRestored();
};

void TstPortalScreenCast::startAwaitsTheChooser_data()
{
    QTest::addColumn<bool>("withInput");
    QTest::newRow("screen cast") << false;
    QTest::newRow("remote desktop") << true;
}

void TstPortalScreenCast::startAwaitsTheChooser()
{
    QFETCH(bool, withInput);
    HeadlessGnome gnome;
    QString error;
    HeadlessGnome::Options desktop;
    desktop.portal = true;
    QVERIFY2(gnome.start(desktop, &error), qPrintable(error));
    // No window yet: the first one to take the focus is the portal's dialog.
    QVERIFY(!gnome.hasFocusedWindow());

    QString sessionHandle;
    {
        PortalScreenCastSession session(gnome.bus());
        QSignalSpy granted(&session, &ScreenCastSession::granted);
        QSignalSpy refused(&session, &ScreenCastSession::refused);
        ScreenCastOptions options;
        options.withInput = withInput;
        session.begin(options);
        // CreateSession answered, then SelectSources (and SelectDevices) and Start were
        // asked in turn: the dialog appears only on Start.
        QTRY_VERIFY_WITH_TIMEOUT(!session.sessionHandle().isEmpty() || !refused.isEmpty(), 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
        sessionHandle = session.sessionHandle();
        QVERIFY(portalHasSession(gnome.bus(), sessionHandle));
        QTRY_VERIFY2_WITH_TIMEOUT(gnome.hasFocusedWindow() || !refused.isEmpty(),
                                  qPrintable(gnome.logTails()), 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
        // The dialog waits for the person: nobody answered Start.
        QCOMPARE(granted.count(), 0);
        QVERIFY(!session.canInject());
        QCOMPARE(session.openPipeWireRemote(&error), -2);
    }
    // Giving up closes the request (the dialog goes) and the portal's session.
    QTRY_VERIFY_WITH_TIMEOUT(!portalHasSession(gnome.bus(), sessionHandle), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(!gnome.hasFocusedWindow(), qPrintable(gnome.logTails()), 20000);
}

void TstPortalScreenCast::cancellingTheChooserRefuses()
{
    HeadlessGnome gnome;
    QString error;
    HeadlessGnome::Options desktop;
    desktop.portal = true;
    QVERIFY2(gnome.start(desktop, &error), qPrintable(error));

    PortalScreenCastSession session(gnome.bus());
    QSignalSpy granted(&session, &ScreenCastSession::granted);
    QSignalSpy refused(&session, &ScreenCastSession::refused);
    session.begin({});
    QTRY_VERIFY2_WITH_TIMEOUT(gnome.hasFocusedWindow() || !refused.isEmpty(),
                              qPrintable(gnome.logTails()), 20000);
    QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
    const QString sessionHandle = session.sessionHandle();

    // The person presses Escape in the dialog: typed through GNOME's own remote desktop
    // interface into the focused window, the dialog. The seat's keyboard comes with that
    // session and the first keys may be lost, so Escape is pressed until the answer comes.
    MutterScreenCastSession keyboard(gnome.bus());
    QSignalSpy keyboardGranted(&keyboard, &ScreenCastSession::granted);
    keyboard.begin({});
    QTRY_COMPARE_WITH_TIMEOUT(keyboardGranted.count(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty() ||
                                 (keyboard.notifyKeyboardKeycode(KEY_ESC, true) &&
                                  keyboard.notifyKeyboardKeycode(KEY_ESC, false) && false),
                             20000);
    QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("The sharing dialog was cancelled"));
    QCOMPARE(session.errorString(), QStringLiteral("The sharing dialog was cancelled"));
    QCOMPARE(granted.count(), 0);
    QCOMPARE(refused.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!portalHasSession(gnome.bus(), sessionHandle), 20000);
}

void TstPortalScreenCast::grantedThroughTheChooserAndRestored()
{
    HeadlessGnome gnome;
    QString error;
    HeadlessGnome::Options desktop;
    desktop.portal = true;
    desktop.monitor = kMonitorSize;
    QVERIFY2(gnome.start(desktop, &error), qPrintable(error));
    // PipeWireStream connects through libpipewire, which finds its daemon by XDG_RUNTIME_DIR.
    gnome.useInThisProcess();

    // The monitor: with mutter alone the dialog lists no windows (its window list comes
    // from gnome-shell's Introspect interface).
    ScreenCastOptions options;
    options.withInput = false;
    QString restoreToken;
    {
        PortalScreenCastSession session(gnome.bus(), PortalScreenCastSession::Sources::Monitor);
        QSignalSpy granted(&session, &ScreenCastSession::granted);
        QSignalSpy refused(&session, &ScreenCastSession::refused);
        session.begin(options);
        QTRY_VERIFY2_WITH_TIMEOUT(gnome.hasFocusedWindow() || !refused.isEmpty(),
                                  qPrintable(gnome.logTails()), 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));

        // The person picks the monitor and presses Share: clicks through GNOME's own remote
        // desktop interface into the focused window, the dialog. Its layout (GTK 4,
        // xdg-desktop-portal-gnome 43): the monitor's row in the middle at y 230, Share at
        // the top right, in the dialog's pixels (shadows included). Both clicks may be
        // repeated (the first ones can be lost before the client has the seat's pointer).
        MutterScreenCastSession person(gnome.bus());
        QSignalSpy personGranted(&person, &ScreenCastSession::granted);
        person.begin({});
        QTRY_COMPARE_WITH_TIMEOUT(personGranted.count(), 1, 20000);
        const auto click = [&](QPointF at) {
            return person.notifyPointerMotionAbsolute(at) &&
                person.notifyPointerButton(BTN_LEFT, true) &&
                person.notifyPointerButton(BTN_LEFT, false);
        };
        QTRY_VERIFY_WITH_TIMEOUT(!granted.isEmpty() || !refused.isEmpty() ||
                                     (click({320, 230}) && click({533, 77}) && false),
                                 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
        QCOMPARE(granted.count(), 1);

        QVERIFY(session.stream().nodeId != 0);
        QCOMPARE(session.stream().type, ScreenCastStream::SourceType::Monitor);
        QCOMPARE(session.stream().size, kMonitorSize);
        QVERIFY(!session.canInject());
        QVERIFY(!session.notifyKeyboardKeycode(KEY_A, true));
        // ScreenCast version 4 hands out restore tokens (persist_mode 2).
        restoreToken = session.restoreToken();
        QVERIFY(!restoreToken.isEmpty());

        // The portal's PipeWire descriptor serves the stream: a picture of the monitor.
        const int fd = session.openPipeWireRemote(&error);
        QVERIFY2(fd >= 0, qPrintable(error));
        const auto stream = PipeWireStream::open(fd, session.stream().nodeId, &error);
        QVERIFY2(stream, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(stream->hasPicture(), 20000);
        QCOMPARE(stream->size(), kMonitorSize);
    }

    // The token skips the dialog: granted with nobody clicking.
    PortalScreenCastSession session(gnome.bus(), PortalScreenCastSession::Sources::Monitor);
    QSignalSpy granted(&session, &ScreenCastSession::granted);
    QSignalSpy refused(&session, &ScreenCastSession::refused);
    options.restoreToken = restoreToken;
    session.begin(options);
    QTRY_VERIFY_WITH_TIMEOUT(!granted.isEmpty() || !refused.isEmpty(), 20000);
    QVERIFY2(refused.isEmpty(),
             qPrintable(session.errorString() + QLatin1Char('\n') + gnome.logTails()));
    QCOMPARE(session.stream().type, ScreenCastStream::SourceType::Monitor);
    QCOMPARE(session.stream().size, kMonitorSize);
}

QTEST_GUILESS_MAIN(TstPortalScreenCast)
#include "tst_portalscreencast.moc"
