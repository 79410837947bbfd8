// Input into a real Wayland client through mutter's RemoteDesktop interface, on a headless
// GNOME of the test's own (HeadlessGnome): the mutter path of the Wayland host (the portal's
// chooser cannot be driven headless). The client is foot, a terminal, and tells what it got
// by itself: what cat wrote to a file for keys, and for the pointer the xterm mouse reports
// (SGR, any-event tracking) that the terminal writes into cat's input.

#include "core/capture/wayland/MutterScreenCastSession.h"
#include "core/input/wayland/IdleTimeLocalInputMonitor.h"
#include "core/input/wayland/RemoteDesktopInputInjector.h"
#include "tests/core/capture/HeadlessGnome.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using baton::IdleTimeLocalInputMonitor;
using baton::MutterScreenCastSession;
using baton::PointerInput;
using baton::RemoteDesktopInputInjector;
using baton::test::HeadlessGnome;

namespace {

constexpr int kTimeoutMs = 30000;
// foot's window, which is the stream's picture (mutter records a window at its size).
constexpr QSize kWindowSize(700, 500);

// foot's character cells, in pixels, and how many of them there are.
struct Grid {
    QSize cell;
    QSize cells;
    bool isValid() const { return !cell.isEmpty() && !cells.isEmpty(); }
};

QString report(int code, int column, int row, bool press)
{
    return QStringLiteral("%1;%2;%3%4").arg(code).arg(column).arg(row).arg(press ? 'M' : 'm');
}

// Another client of mutter's RemoteDesktop: stands for the person at the host's keyboard.
class Host {
public:
    explicit Host(const QString &busAddress)
        : bus_(QDBusConnection::connectToBus(busAddress, QStringLiteral("host")))
    {
    }
    ~Host() { QDBusConnection::disconnectFromBus(QStringLiteral("host")); }

    bool start()
    {
        const QDBusMessage created = bus_.call(QDBusMessage::createMethodCall(
            kRemoteDesktop, QStringLiteral("/org/gnome/Mutter/RemoteDesktop"), kRemoteDesktop,
            QStringLiteral("CreateSession")));
        if (created.type() != QDBusMessage::ReplyMessage || created.arguments().isEmpty())
            return fail(created);
        session_ = created.arguments().constFirst().value<QDBusObjectPath>().path();
        return call(QStringLiteral("Start"), {});
    }
    bool tapShift()
    {
        constexpr uint kEvdevLeftShift = 42;
        return call(QStringLiteral("NotifyKeyboardKeycode"), {kEvdevLeftShift, true}) &&
            call(QStringLiteral("NotifyKeyboardKeycode"), {kEvdevLeftShift, false});
    }
    const QString &error() const { return error_; }

private:
    bool call(const QString &method, const QVariantList &arguments)
    {
        QDBusMessage message = QDBusMessage::createMethodCall(
            kRemoteDesktop, session_, kRemoteDesktop + QStringLiteral(".Session"), method);
        message.setArguments(arguments);
        const QDBusMessage reply = bus_.call(message);
        return reply.type() == QDBusMessage::ReplyMessage || fail(reply);
    }
    bool fail(const QDBusMessage &reply)
    {
        error_ = reply.errorMessage();
        return false;
    }

    const QString kRemoteDesktop = QStringLiteral("org.gnome.Mutter.RemoteDesktop");
    QDBusConnection bus_;
    QString session_;
    QString error_;
};

} // namespace

class TestRemoteDesktopInput : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        gnome_ = std::make_unique<HeadlessGnome>();
        QString error;
        QVERIFY2(gnome_->start({}, &error), qPrintable(error));
        QVERIFY(dir_.isValid());
        file_ = dir_.filePath(QStringLiteral("typed-%1").arg(++run_));
        grid_ = {};
    }
    void cleanup()
    {
        injector_.reset();
        session_.reset();
        if (QTest::currentTestFailed())
            qInfo("%s", qPrintable(gnome_->logTails(30)));
        gnome_.reset();
    }

    void typesKeysAndText()
    {
        startFootAndShare(QStringLiteral("exec cat > '%1'").arg(file_));
        if (!injector_)
            return;
        // Keys wait for a click into the window, which gives it the keyboard focus.
        QVERIFY(!tap(0x1E));
        QVERIFY(injector_->errorString().contains(QLatin1String("click into the shared window")));
        clickInside();
        wakeKeyboard();

        for (const uint16_t scancode : {0x1E, 0x30}) // a b
            QVERIFY(tap(scancode));
        QVERIFY(injector_->key({0x2A, false, true})); // Shift
        QVERIFY(tap(0x2E)); // C
        QVERIFY(injector_->key({0x2A, false, false}));
        QVERIFY(tap(0x39)); // space
        QVERIFY2(injector_->text(QStringLiteral("Z!-x")), qPrintable(injector_->errorString()));
        QVERIFY(tap(0x1C)); // Return
        const QString line = QStringLiteral("abC Z!-x\n");
        QTRY_VERIFY_WITH_TIMEOUT(readFile().endsWith(line), kTimeoutMs);
        // The empty lines of wakeKeyboard(), then exactly what was typed.
        QVERIFY2(QRegularExpression(QStringLiteral("^\n+") + line + QLatin1Char('$'))
                     .match(readFile())
                     .hasMatch(),
                 qPrintable(readFile()));

        QVERIFY(!injector_->key({0x00, false, true}));
        QVERIFY(!injector_->errorString().isEmpty());
        // The floor changing hands: the next holder clicks too.
        injector_->releaseAll();
        QVERIFY(!injector_->text(QStringLiteral("y")));
        QVERIFY(!tap(0x1E));
    }

    void pointer()
    {
        // No decorations: foot's grid starts at the window's top-left, which is the
        // stream's (0, 0). It answers the cell and text area sizes (CSI 16 t, 14 t) into
        // cat's input first.
        startFootAndShare(QStringLiteral("printf '\\033[?1003h\\033[?1006h\\033[16t\\033[14t'; "
                                         "stty raw -echo; exec cat > '%1'")
                              .arg(file_),
                          {QStringLiteral("-o"), QStringLiteral("csd.preferred=none")});
        if (!injector_)
            return;
        QTRY_VERIFY_WITH_TIMEOUT(grid_.isValid() || readGrid(), kTimeoutMs);
        const QSize picture = kWindowSize;
        const QSize cell = grid_.cell;
        const QSize cells = grid_.cells;
        const auto at = [&](int column, int row) {
            return QPoint((column - 1) * cell.width() + cell.width() / 2,
                          (row - 1) * cell.height() + cell.height() / 2);
        };
        // The picture's bottom-right pixel: the last cell, or the margin past it.
        const QPoint corner(std::min(cells.width(), (picture.width() - 1) / cell.width() + 1),
                            std::min(cells.height(), (picture.height() - 1) / cell.height() + 1));
        wakePointer(at(1, 1), at(2, 1));

        // Every button, where it was asked for.
        click(at(11, 6), 1);
        click(at(37, 20), 3);
        click(at(2, 3), 2);
        click(at(5, 5), 4);
        click(at(6, 5), 5);
        QVERIFY(wheel(at(7, 5), 0, 120)); // up
        QVERIFY(wheel(at(7, 5), 0, -240)); // down
        QVERIFY(wheel(at(7, 5), 120, 0)); // right
        QVERIFY(wheel(at(7, 5), -120, 0)); // left
        // Half a notch scrolls nothing until the other half comes.
        QVERIFY(wheel(at(7, 5), 0, 60));
        click(at(8, 5), 1);
        QVERIFY(wheel(at(7, 5), 0, 60));
        click(at(8, 5), 1);
        // Nothing outside the picture; a held button's release goes, clamped inside.
        const QPoint outside(picture.width() + 50, picture.height() / 2);
        QVERIFY(!injector_->pointer({PointerInput::Type::Press, outside, 1}));
        QVERIFY(!injector_->errorString().isEmpty());
        QVERIFY(!injector_->pointer({PointerInput::Type::Wheel, outside, 0, 0, 120}));
        QVERIFY(!injector_->pointer({PointerInput::Type::Release, outside, 1}));
        QVERIFY(!injector_->pointer({PointerInput::Type::Press, {-1, 10}, 1}));
        QVERIFY(injector_->pointer({PointerInput::Type::Press, at(9, 9), 1}));
        QVERIFY(injector_->pointer({PointerInput::Type::Move, {100000, 100000}}));
        QVERIFY(injector_->pointer({PointerInput::Type::Release, {100000, 100000}, 1}));
        // releaseAll() lets go of what is held.
        QVERIFY(injector_->pointer({PointerInput::Type::Press, at(12, 12), 3}));
        injector_->releaseAll();
        click(at(13, 13), 1); // the end

        const QStringList expected{report(0, 11, 6, true),
                                   report(0, 11, 6, false),
                                   report(2, 37, 20, true),
                                   report(2, 37, 20, false),
                                   report(1, 2, 3, true),
                                   report(1, 2, 3, false),
                                   report(128, 5, 5, true),
                                   report(128, 5, 5, false),
                                   report(129, 6, 5, true),
                                   report(129, 6, 5, false),
                                   report(64, 7, 5, true),
                                   report(65, 7, 5, true),
                                   report(67, 7, 5, true),
                                   report(66, 7, 5, true),
                                   report(0, 8, 5, true),
                                   report(0, 8, 5, false),
                                   report(64, 7, 5, true),
                                   report(0, 8, 5, true),
                                   report(0, 8, 5, false),
                                   report(0, 9, 9, true),
                                   report(32, corner.x(), corner.y(), true),
                                   report(0, corner.x(), corner.y(), false),
                                   report(2, 12, 12, true),
                                   report(2, 12, 12, false),
                                   report(0, 13, 13, true),
                                   report(0, 13, 13, false)};
        QTRY_COMPARE_WITH_TIMEOUT(mouseReports().size(), expected.size(), kTimeoutMs);
        QCOMPARE(mouseReports(), expected);
    }

    // The person at the host is another RemoteDesktop session, on a D-Bus connection of
    // its own: to mutter, input like a real keyboard's.
    void localInputMonitor()
    {
        startFootAndShare(QStringLiteral("exec cat > '%1'").arg(file_));
        if (!injector_)
            return;
        const RemoteDesktopInputInjector *injector = injector_.get();
        QString error;
        const auto monitor = IdleTimeLocalInputMonitor::create(
            gnome_->bus(), [injector] { return injector->lastSentAt(); }, &error);
        QVERIFY2(monitor, qPrintable(error));
        QSignalSpy local(monitor.get(), &IdleTimeLocalInputMonitor::localInput);

        // The injector's own click and key: seen as activity, not as the host's.
        clickInside();
        QVERIFY(tap(0x2A));
        QTRY_VERIFY_WITH_TIMEOUT(monitor->activitySeen() > 0, kTimeoutMs);
        QCOMPARE(local.count(), 0);

        Host host(gnome_->busAddress());
        QVERIFY2(host.start(), qPrintable(host.error()));
        QTRY_VERIFY_WITH_TIMEOUT(IdleTimeLocalInputMonitor::Clock::now() - injector->lastSentAt() >
                                     IdleTimeLocalInputMonitor::kOwnInputMargin,
                                 kTimeoutMs);
        const uint64_t seen = monitor->activitySeen();
        QVERIFY2(host.tapShift(), qPrintable(host.error()));
        QTRY_VERIFY_WITH_TIMEOUT(!local.isEmpty(), kTimeoutMs);
        QVERIFY(monitor->activitySeen() > seen);

        // And the injector's again, right after.
        const auto localCount = local.count();
        const uint64_t seenByNow = monitor->activitySeen();
        QVERIFY(tap(0x2A));
        QTRY_VERIFY_WITH_TIMEOUT(monitor->activitySeen() > seenByNow, kTimeoutMs);
        QCOMPARE(local.count(), localCount);
    }

    void refusals()
    {
        startFootAndShare(QStringLiteral("exec cat"));
        if (!injector_)
            return;
        QString error;

        MutterScreenCastSession viewOnly(gnome_->bus());
        QSignalSpy granted(&viewOnly, &MutterScreenCastSession::granted);
        baton::ScreenCastOptions options;
        options.withInput = false;
        viewOnly.begin(options);
        QTRY_VERIFY_WITH_TIMEOUT(!granted.isEmpty(), kTimeoutMs);
        QVERIFY(!RemoteDesktopInputInjector::create(viewOnly, {}, &error));
        QVERIFY2(error.contains(QLatin1String("did not grant input")), qPrintable(error));

        // The compositor gone: the session closes, the injector says so.
        QSignalSpy closed(session_.get(), &MutterScreenCastSession::closed);
        gnome_->stopCompositor();
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kTimeoutMs);
        QVERIFY(!tap(0x1E));
        QVERIFY(!injector_->errorString().isEmpty());
        QVERIFY(!injector_->pointer({PointerInput::Type::Move, {1, 1}}));

        // No idle monitor on a bus without mutter: KDE's or wlroots' desktop.
        error.clear();
        QVERIFY(!IdleTimeLocalInputMonitor::create(gnome_->bus(), {}, &error));
        QVERIFY2(error.contains(QLatin1String("org.gnome.Mutter.IdleMonitor")), qPrintable(error));
    }

private:
    // Leaves injector_ null (and the test failed) when anything is refused.
    void startFootAndShare(const QString &script, const QStringList &options = {})
    {
        QString error;
        const QString size = QStringLiteral("initial-window-size-pixels=%1x%2")
                                 .arg(kWindowSize.width())
                                 .arg(kWindowSize.height());
        QVERIFY2(
            gnome_->startClient(QStringLiteral("foot"),
                                options +
                                    QStringList{QStringLiteral("-o"), size, QStringLiteral("-e"),
                                                QStringLiteral("sh"), QStringLiteral("-c"), script},
                                &error),
            qPrintable(error));
        // On the fixture's own connection, so that each test has a desktop of its own
        // (sessionBus() would stay on the first).
        session_ = std::make_unique<MutterScreenCastSession>(gnome_->bus());
        QSignalSpy granted(session_.get(), &MutterScreenCastSession::granted);
        QSignalSpy refused(session_.get(), &MutterScreenCastSession::refused);
        session_->begin({}); // the focused window: foot's
        QTRY_VERIFY_WITH_TIMEOUT(!granted.isEmpty() || !refused.isEmpty(), kTimeoutMs);
        QVERIFY2(refused.isEmpty(), qPrintable(refused.value(0).value(0).toString()));
        injector_ = RemoteDesktopInputInjector::create(
            *session_, [] { return kWindowSize; }, &error);
        QVERIFY2(injector_, qPrintable(error));
    }

    // The first keys after the session starts never reach the client here (a headless
    // mutter's seat has no keyboard until a RemoteDesktop session brings one): Return is
    // typed until an empty line reaches the file.
    void clickInside()
    {
        const QPoint inside(20, 20);
        QVERIFY(injector_->pointer({PointerInput::Type::Press, inside, 1, 0, 0}));
        QVERIFY(injector_->pointer({PointerInput::Type::Release, inside, 1, 0, 0}));
    }

    void wakeKeyboard()
    {
        QTRY_VERIFY_WITH_TIMEOUT(tap(0x1C) && readFile().contains(QLatin1Char('\n')), kTimeoutMs);
    }

    // foot's answers to CSI 16 t and 14 t: the cell's and the text area's size.
    bool readGrid()
    {
        static const QRegularExpression cellAnswer(QStringLiteral("\\x1b\\[6;(\\d+);(\\d+)t"));
        static const QRegularExpression areaAnswer(QStringLiteral("\\x1b\\[4;(\\d+);(\\d+)t"));
        const QString text = readFile();
        const QRegularExpressionMatch cell = cellAnswer.match(text);
        const QRegularExpressionMatch area = areaAnswer.match(text);
        if (!cell.hasMatch() || !area.hasMatch())
            return false;
        grid_.cell = QSize(cell.captured(2).toInt(), cell.captured(1).toInt());
        grid_.cells = QSize(area.captured(2).toInt() / grid_.cell.width(),
                            area.captured(1).toInt() / grid_.cell.height());
        return grid_.isValid();
    }

    // Like the keyboard's, the first pointer events may be lost: the pointer goes back and
    // forth between two cells (foot reports a move only into another cell) until foot
    // reports one.
    void wakePointer(QPoint one, QPoint other)
    {
        bool there = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            injector_->pointer({PointerInput::Type::Move, (there = !there) ? other : one}) &&
                readFile().contains(QLatin1String("\x1b[<35;")),
            kTimeoutMs);
    }

    void click(QPoint position, int button)
    {
        QVERIFY2(injector_->pointer({PointerInput::Type::Press, position, button}) &&
                     injector_->pointer({PointerInput::Type::Release, position, button}),
                 qPrintable(injector_->errorString()));
    }

    bool wheel(QPoint position, int deltaX, int deltaY)
    {
        return injector_->pointer({PointerInput::Type::Wheel, position, 0, deltaX, deltaY});
    }

    // foot's SGR mouse reports ("button;column;row" and M for a press, m for a release),
    // without motion alone (35), with a wheel notch as one press: foot writes a press per
    // line it scrolls, and a release for some.
    QStringList mouseReports() const
    {
        static const QRegularExpression pattern(
            QStringLiteral("\\x1b\\[<(\\d+);(\\d+);(\\d+)([Mm])"));
        QStringList reports;
        for (const QRegularExpressionMatch &match : pattern.globalMatch(readFile())) {
            const int code = match.captured(1).toInt();
            const bool wheel = code >= 64 && code < 68;
            const QString text = match.captured(0).mid(3);
            if (code == 35 || (wheel && match.captured(4) == QLatin1String("m")))
                continue;
            if (wheel && !reports.isEmpty() && reports.last() == text)
                continue;
            reports.append(text);
        }
        return reports;
    }

    bool tap(uint16_t scancode)
    {
        return injector_->key({scancode, false, true}) && injector_->key({scancode, false, false});
    }

    QString readFile() const
    {
        QFile file(file_);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

    QTemporaryDir dir_;
    Grid grid_;
    int run_ = 0;
    QString file_;
    std::unique_ptr<HeadlessGnome> gnome_;
    std::unique_ptr<MutterScreenCastSession> session_;
    std::unique_ptr<RemoteDesktopInputInjector> injector_;
};

QTEST_GUILESS_MAIN(TestRemoteDesktopInput)
#include "tst_remotedesktopinput.moc"
