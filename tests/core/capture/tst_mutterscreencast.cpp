// GNOME's own screen cast path (org.gnome.Mutter.ScreenCast and RemoteDesktop) against a
// real headless mutter, PipeWire and a real Wayland client (foot). Each test has a desktop
// of its own; the sessions are made on the fixture's connection to it, not on this
// process's session bus.

#include "HeadlessGnome.h"
#include "ScreenCastTestSupport.h"
#include "core/capture/wayland/MutterScreenCastSession.h"

#include <QFile>
#include <QTest>

#include <linux/input-event-codes.h>

using namespace baton;
using namespace baton::test;

namespace {

// Mutter's window streams are as large as the window's monitor (a window may grow, a
// stream cannot); the window's own rectangle comes with each buffer (SPA_META_VideoCrop).
const QSize kMonitorSize(1024, 768);

// foot's shell writes what is typed into it to output once Return is pressed.
QStringList footArguments(const QString &output)
{
    return {QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("exec cat > '%1'").arg(output)};
}

HeadlessGnome::Options desktop()
{
    HeadlessGnome::Options options;
    options.monitor = kMonitorSize;
    return options;
}

// Starts gnome's desktop() with a foot window; gives the file that foot's shell writes what
// is typed into it to, or nothing (the reason in *error) when either did not start.
QString startWithFoot(HeadlessGnome &gnome, QString *error)
{
    if (!gnome.start(desktop(), error))
        return {};
    const QString typed = gnome.runtimeDir() + QStringLiteral("/typed.txt");
    return gnome.startClient(QStringLiteral("foot"), footArguments(typed), error) ? typed
                                                                                  : QString();
}

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TstMutterScreenCast : public QObject {
    Q_OBJECT

private slots:
    void grantsTheFocusedWindowWithInput();
    void grantsWithoutInput();
    void refusedWhenMutterIsNotThere_data();
    void refusedWhenMutterIsNotThere();
    void refusedWithoutFocusedWindow();
    void closedWhenMutterEnds();
};

void TstMutterScreenCast::grantsTheFocusedWindowWithInput()
{
    HeadlessGnome gnome;
    QString error;
    const QString typed = startWithFoot(gnome, &error);
    QVERIFY2(!typed.isEmpty(), qPrintable(error));

    MutterScreenCastSession session(gnome.bus());
    ScreenCastAnswers answers(&session);
    session.begin({});
    QTRY_VERIFY_WITH_TIMEOUT(answers.answered(), kScreenCastTimeoutMs);
    QVERIFY2(answers.refused.isEmpty(), qPrintable(session.errorString()));
    QCOMPARE(session.backendName(), QStringLiteral("mutter"));
    QVERIFY(session.stream().nodeId != 0);
    QCOMPARE(session.stream().type, ScreenCastStream::SourceType::Window);
    QCOMPARE(session.stream().size, kMonitorSize);
    QCOMPARE(session.openPipeWireRemote(&error), -1);
    QVERIFY(session.canInject());

    // Keys reach the recorded window. A headless mutter's seat has no keyboard until a
    // RemoteDesktop session brings one, and foot takes a moment to bind it: keys sent
    // before are lost, so Return is typed until a line reaches the file.
    QVERIFY(repeatUntil([&] { tapKey(session, KEY_ENTER); },
                        [&] { return readAll(typed).contains(QLatin1Char('\n')); }));
    // "hi" by evdev code, "!" by keysym, then Return.
    QVERIFY(tapKey(session, KEY_H));
    QVERIFY(tapKey(session, KEY_I));
    QVERIFY(session.notifyKeyboardKeysym(0x21 /* XK_exclam */, true));
    QVERIFY(session.notifyKeyboardKeysym(0x21, false));
    QVERIFY(tapKey(session, KEY_ENTER));
    QTRY_VERIFY2_WITH_TIMEOUT(readAll(typed).endsWith(QStringLiteral("\nhi!\n")),
                              qPrintable(readAll(typed)), kScreenCastTimeoutMs);
    QCOMPARE(answers.granted.count(), 1);
    QCOMPARE(answers.refused.count(), 0);
}

void TstMutterScreenCast::grantsWithoutInput()
{
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(!startWithFoot(gnome, &error).isEmpty(), qPrintable(error));

    MutterScreenCastSession session(gnome.bus());
    ScreenCastOptions options;
    options.withInput = false;
    QVERIFY2(beginAndAwaitGrant(session, options), qPrintable(session.errorString()));
    QVERIFY(session.stream().nodeId != 0);
    QCOMPARE(session.stream().size, kMonitorSize);
    QVERIFY(!session.canInject());
    QVERIFY(!session.notifyKeyboardKeycode(KEY_A, true));
    QVERIFY(!session.errorString().isEmpty());
}

void TstMutterScreenCast::refusedWhenMutterIsNotThere_data()
{
    QTest::addColumn<bool>("withInput");
    QTest::addColumn<QString>("missing");
    QTest::newRow("screen cast") << false << QStringLiteral("org.gnome.Mutter.ScreenCast");
    QTest::newRow("remote desktop") << true << QStringLiteral("org.gnome.Mutter.RemoteDesktop");
}

void TstMutterScreenCast::refusedWhenMutterIsNotThere()
{
    QFETCH(bool, withInput);
    QFETCH(QString, missing);
    // The desktop's bus, but mutter ended: its names are gone from it.
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(gnome.start(desktop(), &error), qPrintable(error));
    gnome.stopCompositor();

    MutterScreenCastSession session(gnome.bus());
    ScreenCastAnswers answers(&session);
    ScreenCastOptions options;
    options.withInput = withInput;
    session.begin(options);
    QTRY_COMPARE_WITH_TIMEOUT(answers.refused.count(), 1, kScreenCastTimeoutMs);
    const QString reason = answers.reason();
    QVERIFY2(reason.contains(missing) && reason.contains(QStringLiteral("not on the session bus")),
             qPrintable(reason));
    QCOMPARE(session.errorString(), reason);
    QCOMPARE(answers.granted.count(), 0);
}

void TstMutterScreenCast::refusedWithoutFocusedWindow()
{
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(gnome.start(desktop(), &error), qPrintable(error));

    MutterScreenCastSession session(gnome.bus());
    ScreenCastAnswers answers(&session);
    session.begin({});
    QTRY_COMPARE_WITH_TIMEOUT(answers.refused.count(), 1, kScreenCastTimeoutMs);
    const QString reason = answers.reason();
    QVERIFY2(reason.startsWith(QStringLiteral("Recording the focused window failed")),
             qPrintable(reason));
    QCOMPARE(answers.granted.count(), 0);
}

void TstMutterScreenCast::closedWhenMutterEnds()
{
    HeadlessGnome gnome;
    QString error;
    QVERIFY2(!startWithFoot(gnome, &error).isEmpty(), qPrintable(error));

    MutterScreenCastSession session(gnome.bus());
    ScreenCastAnswers answers(&session);
    QVERIFY2(beginAndAwaitGrant(session), qPrintable(session.errorString()));
    QVERIFY(answers.closed.isEmpty());

    gnome.stopCompositor();
    QTRY_COMPARE_WITH_TIMEOUT(answers.closed.count(), 1, kScreenCastTimeoutMs);
    QVERIFY(!answers.closed.at(0).at(0).toString().isEmpty());
    QVERIFY(!session.canInject());
    QVERIFY(!session.notifyKeyboardKeycode(KEY_A, true));
    QCOMPARE(session.openPipeWireRemote(&error), -2);
}

QTEST_GUILESS_MAIN(TstMutterScreenCast)
#include "tst_mutterscreencast.moc"
