// The desktop portal's screen cast path (org.freedesktop.portal.ScreenCast and
// RemoteDesktop) against a real xdg-desktop-portal with its GNOME backend on a headless
// mutter: Start shows GNOME's sharing dialog, which waits for someone to pick a window.
// The tests drive that dialog as a person would, with clicks and keys sent through
// mutter's own remote desktop interface into it: cancelled, and (a monitor: the dialog
// lists no windows without gnome-shell) granted, then restored by the token without it.
// Each test has a desktop of its own; the sessions are made on the fixture's connection.

#include "HeadlessGnome.h"
#include "ScreenCastTestSupport.h"
#include "core/capture/wayland/MutterScreenCastSession.h"
#include "core/capture/wayland/PipeWireStream.h"
#include "core/capture/wayland/PortalScreenCastSession.h"

#include <QDBusMessage>
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

// Starts gnome with the desktop portal, on a monitor of the given size.
bool startWithPortal(HeadlessGnome &gnome, QString *error,
                     QSize monitor = HeadlessGnome::Options().monitor)
{
    HeadlessGnome::Options options;
    options.portal = true;
    options.monitor = monitor;
    return gnome.start(options, error);
}

// Waits for the portal's dialog to show: the first focused window of a desktop without any
// other. False, with the reason in *error, when session was refused or no dialog came.
bool awaitTheDialog(HeadlessGnome &gnome, const ScreenCastSession &session,
                    const ScreenCastAnswers &answers, QString *error)
{
    if (!QTest::qWaitFor([&] { return gnome.hasFocusedWindow() || !answers.refused.isEmpty(); },
                         kScreenCastTimeoutMs)) {
        *error = QStringLiteral("No dialog came.\n") + gnome.logTails();
        return false;
    }
    *error = session.errorString();
    return answers.refused.isEmpty();
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
    QVERIFY2(startWithPortal(gnome, &error), qPrintable(error));
    // No window yet: the first one to take the focus is the portal's dialog.
    QVERIFY(!gnome.hasFocusedWindow());

    QString sessionHandle;
    {
        PortalScreenCastSession session(gnome.bus());
        ScreenCastAnswers answers(&session);
        ScreenCastOptions options;
        options.withInput = withInput;
        session.begin(options);
        // CreateSession answered, then SelectSources (and SelectDevices) and Start were
        // asked in turn: the dialog appears only on Start.
        QTRY_VERIFY_WITH_TIMEOUT(!session.sessionHandle().isEmpty() || !answers.refused.isEmpty(),
                                 kScreenCastTimeoutMs);
        QVERIFY2(answers.refused.isEmpty(), qPrintable(session.errorString()));
        sessionHandle = session.sessionHandle();
        QVERIFY(portalHasSession(gnome.bus(), sessionHandle));
        QVERIFY2(awaitTheDialog(gnome, session, answers, &error), qPrintable(error));
        // The dialog waits for the person: nobody answered Start.
        QCOMPARE(answers.granted.count(), 0);
        QVERIFY(!session.canInject());
        QCOMPARE(session.openPipeWireRemote(&error), -2);
    }
    // Giving up closes the request (the dialog goes) and the portal's session.
    QTRY_VERIFY_WITH_TIMEOUT(!portalHasSession(gnome.bus(), sessionHandle), kScreenCastTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(!gnome.hasFocusedWindow(), qPrintable(gnome.logTails()),
                              kScreenCastTimeoutMs);
}

void TstPortalScreenCast::cancellingTheChooserRefuses()
{
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(startWithPortal(gnome, &error), qPrintable(error));

    PortalScreenCastSession session(gnome.bus());
    ScreenCastAnswers answers(&session);
    session.begin({});
    QVERIFY2(awaitTheDialog(gnome, session, answers, &error), qPrintable(error));
    const QString sessionHandle = session.sessionHandle();

    // The person presses Escape in the dialog: typed through GNOME's own remote desktop
    // interface into the focused window, the dialog. The seat's keyboard comes with that
    // session and the first keys may be lost, so Escape is pressed until the answer comes.
    MutterScreenCastSession keyboard(gnome.bus());
    QVERIFY2(beginAndAwaitGrant(keyboard), qPrintable(keyboard.errorString()));
    QVERIFY(repeatUntil([&] { tapKey(keyboard, KEY_ESC); }, [&] { return answers.answered(); }));
    QCOMPARE(answers.reason(), QStringLiteral("The sharing dialog was cancelled"));
    QCOMPARE(session.errorString(), QStringLiteral("The sharing dialog was cancelled"));
    QCOMPARE(answers.granted.count(), 0);
    QCOMPARE(answers.refused.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!portalHasSession(gnome.bus(), sessionHandle), kScreenCastTimeoutMs);
}

void TstPortalScreenCast::grantedThroughTheChooserAndRestored()
{
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(startWithPortal(gnome, &error, kMonitorSize), qPrintable(error));
    // PipeWireStream connects through libpipewire, which finds its daemon by XDG_RUNTIME_DIR.
    gnome.useInThisProcess();

    // The monitor: with mutter alone the dialog lists no windows (its window list comes
    // from gnome-shell's Introspect interface).
    ScreenCastOptions options;
    options.withInput = false;
    QString restoreToken;
    {
        PortalScreenCastSession session(gnome.bus(), PortalScreenCastSession::Sources::Monitor);
        ScreenCastAnswers answers(&session);
        session.begin(options);
        QVERIFY2(awaitTheDialog(gnome, session, answers, &error), qPrintable(error));

        // The person picks the monitor and presses Share: clicks through GNOME's own remote
        // desktop interface into the focused window, the dialog. Its layout (GTK 4,
        // xdg-desktop-portal-gnome 43): the monitor's row in the middle at y 230, Share at
        // the top right, in the dialog's pixels (shadows included). Both clicks may be
        // repeated (the first ones can be lost before the client has the seat's pointer).
        MutterScreenCastSession person(gnome.bus());
        QVERIFY2(beginAndAwaitGrant(person), qPrintable(person.errorString()));
        QVERIFY(repeatUntil(
            [&] {
                if (click(person, {320, 230}))
                    click(person, {533, 77});
            },
            [&] { return answers.answered(); }));
        QVERIFY2(answers.refused.isEmpty(), qPrintable(session.errorString()));
        QCOMPARE(answers.granted.count(), 1);

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
        QTRY_VERIFY_WITH_TIMEOUT(stream->hasPicture(), kScreenCastTimeoutMs);
        QCOMPARE(stream->size(), kMonitorSize);
    }

    // The token skips the dialog: granted with nobody clicking.
    PortalScreenCastSession session(gnome.bus(), PortalScreenCastSession::Sources::Monitor);
    options.restoreToken = restoreToken;
    QVERIFY2(beginAndAwaitGrant(session, options),
             qPrintable(session.errorString() + QLatin1Char('\n') + gnome.logTails()));
    QCOMPARE(session.stream().type, ScreenCastStream::SourceType::Monitor);
    QCOMPARE(session.stream().size, kMonitorSize);
}

QTEST_GUILESS_MAIN(TstPortalScreenCast)
#include "tst_portalscreencast.moc"
