// XTEST injection into real X clients under Xvfb, checked by the clients themselves:
// what bash wrote to a file, and what xev reported.

#include "core/input/Scancodes.h"
#include "core/input/x11/X11InputInjector.h"
#include "tests/core/capture/XtermFixture.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using baton::KeyInput;
using baton::PointerInput;
using baton::X11InputInjector;

namespace {

// A real X client started for one test and stopped with it.
class Client {
public:
    Client(const QString &program, const QStringList &args, const QString &title) : title_(title)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("PS1"), QStringLiteral("$ "));
        process_.setProcessEnvironment(env);
        process_.start(program, args);
    }
    ~Client()
    {
        process_.kill();
        process_.waitForFinished(5000);
    }

    // The X window id, found by title with xdotool (independent of Baton).
    uint32_t waitForWindow()
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            QProcess search;
            search.start(QStringLiteral("xdotool"),
                         {QStringLiteral("search"), QStringLiteral("--name"),
                          QStringLiteral("^%1$").arg(title_)});
            search.waitForFinished(5000);
            const QList<QByteArray> ids = search.readAllStandardOutput().trimmed().split('\n');
            if (!ids.first().isEmpty())
                return ids.last().toUInt();
            QTest::qWait(100);
        }
        return 0;
    }

    QString output()
    {
        output_ += QString::fromUtf8(process_.readAllStandardOutput());
        return output_;
    }

private:
    QString title_;
    QProcess process_;
    QString output_;
};

std::unique_ptr<Client> xev(const QString &title, const QString &geometry)
{
    // xev reports every button and key event with window coordinates; line-buffered.
    return std::make_unique<Client>(
        QStringLiteral("stdbuf"),
        QStringList{QStringLiteral("-oL"), QStringLiteral("xev"), QStringLiteral("-name"), title,
                    QStringLiteral("-geometry"), geometry, QStringLiteral("-event"),
                    QStringLiteral("button"), QStringLiteral("-event"), QStringLiteral("keyboard")},
        title);
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

std::unique_ptr<X11InputInjector> injectorFor(uint32_t window)
{
    QString error;
    auto injector = X11InputInjector::create({}, window, {}, &error);
    if (!injector)
        qWarning("injector: %s", qPrintable(error));
    return injector;
}

} // namespace

class TestX11InputInjector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
    }

    void scancodeTable()
    {
        QCOMPARE(baton::evdevFromScancode(0x1e, false), std::optional<uint16_t>(30)); // A
        QCOMPARE(baton::evdevFromScancode(0x48, true), std::optional<uint16_t>(103)); // Up
        QVERIFY(!baton::evdevFromScancode(0x00, false));
        QVERIFY(!baton::evdevFromScancode(0x1e, true));
        bool extended = false;
        QCOMPARE(baton::scancodeFromEvdev(103, &extended), std::optional<uint16_t>(0x48));
        QVERIFY(extended);
    }

    void typesIntoXtermAndBashRunsIt()
    {
        QTemporaryDir dir;
        const QString title = QStringLiteral("baton-inject-xterm");
        const QString ready = dir.filePath(QStringLiteral("ready"));
        Client xterm(QStringLiteral("xterm"),
                     QStringList{QStringLiteral("-u8"), QStringLiteral("-geometry"),
                                 QStringLiteral("80x24+0+0"), QStringLiteral("-title"), title} +
                         baton::test::bashArguments(ready),
                     title);
        const uint32_t window = xterm.waitForWindow();
        QVERIFY(window != 0);
        auto injector = injectorFor(window);
        QVERIFY(injector);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 20000);

        const QString ok = dir.filePath(QStringLiteral("ok"));
        QVERIFY2(injector->text(QStringLiteral("echo baton-ok > ") + ok),
                 qPrintable(injector->errorString()));
        // Return as a physical key: scancode 0x1C.
        QVERIFY(injector->key(KeyInput{0x1c, false, true}));
        QVERIFY(injector->key(KeyInput{0x1c, false, false}));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(ok), QStringLiteral("baton-ok\n"), 10000);

        // Characters the US layout lacks go through spare keycodes.
        const QString unicode = dir.filePath(QStringLiteral("unicode"));
        const QString text = QStringLiteral("printf '%s' 'ü€日本 Ab' > ") + unicode + u'\n';
        QVERIFY2(injector->text(text), qPrintable(injector->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(unicode), QStringLiteral("ü€日本 Ab"), 10000);
    }

    void clicksLandAtThePixelAndNeverBeside()
    {
        auto target = xev(QStringLiteral("baton-click-target"), QStringLiteral("200x150+100+300"));
        auto beside = xev(QStringLiteral("baton-click-beside"), QStringLiteral("200x150+300+300"));
        const uint32_t window = target->waitForWindow();
        QVERIFY(window != 0);
        QVERIFY(beside->waitForWindow() != 0);
        auto injector = injectorFor(window);
        QVERIFY(injector);
        QTest::qWait(200);

        QVERIFY(injector->pointer({PointerInput::Type::Press, {37, 21}, 1, 0, 0}));
        QVERIFY(injector->pointer({PointerInput::Type::Release, {37, 21}, 1, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("(37,21)")), 5000);
        QVERIFY(target->output().contains(QLatin1String("button 1")));

        // Far outside the window: clamped to its right edge, never into the neighbour.
        QVERIFY(injector->pointer({PointerInput::Type::Press, {5000, 40}, 3, 0, 0}));
        QVERIFY(injector->pointer({PointerInput::Type::Release, {5000, 40}, 3, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("(199,40)")), 5000);
        QVERIFY(target->output().contains(QLatin1String("button 3")));

        // Wheel up one notch is X button 4; back is button 8.
        QVERIFY(injector->pointer({PointerInput::Type::Wheel, {10, 10}, 0, 0, 120}));
        QVERIFY(injector->pointer({PointerInput::Type::Press, {10, 10}, 4, 0, 0}));
        QVERIFY(injector->pointer({PointerInput::Type::Release, {10, 10}, 4, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("button 4")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("button 8")), 5000);

        QTest::qWait(300);
        QVERIFY2(!beside->output().contains(QLatin1String("ButtonPress")),
                 qPrintable(beside->output()));
    }

    void coveredWindowIsRaisedBeforeTheClick()
    {
        auto target =
            xev(QStringLiteral("baton-covered-target"), QStringLiteral("200x150+600+300"));
        const uint32_t window = target->waitForWindow();
        QVERIFY(window != 0);
        auto cover = xev(QStringLiteral("baton-cover"), QStringLiteral("200x150+650+320"));
        QVERIFY(cover->waitForWindow() != 0);
        auto injector = injectorFor(window);
        QVERIFY(injector);
        QTest::qWait(300);

        QVERIFY2(injector->pointer({PointerInput::Type::Press, {100, 60}, 1, 0, 0}),
                 qPrintable(injector->errorString()));
        QVERIFY(injector->pointer({PointerInput::Type::Release, {100, 60}, 1, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("(100,60)")), 5000);
        QTest::qWait(200);
        QVERIFY(!cover->output().contains(QLatin1String("ButtonPress")));
    }

    void physicalKeysReachTheFocusedWindow()
    {
        auto target = xev(QStringLiteral("baton-keys"), QStringLiteral("200x150+900+300"));
        const uint32_t window = target->waitForWindow();
        QVERIFY(window != 0);
        auto injector = injectorFor(window);
        QVERIFY(injector);
        QTest::qWait(200);
        // Scancode 0x1E is the key labelled A: X keycode 38 on evdev keymaps.
        QVERIFY(injector->key(KeyInput{0x1e, false, true}));
        QVERIFY(injector->key(KeyInput{0x1e, false, false}));
        QTRY_VERIFY_WITH_TIMEOUT(target->output().contains(QLatin1String("keycode 38")), 5000);
        QVERIFY(!injector->key(KeyInput{0x00, false, true}));
        QVERIFY(!injector->errorString().isEmpty());
    }

    void goneWindowIsRefused()
    {
        QString error;
        QVERIFY(!X11InputInjector::create({}, 0x7ffffff0, {}, &error));
        QVERIFY(error.contains(QLatin1String("gone")));
    }
};

QTEST_GUILESS_MAIN(TestX11InputInjector)
#include "tst_x11inputinjector.moc"
