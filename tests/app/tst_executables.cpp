// Runs the real executables as a user would and checks what they print.

#include "AppTestSupport.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result {
    int exitCode;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {-1, {}, QStringLiteral("timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

const QString kBaton = QStringLiteral(BATON_EXE);
const QString kCli = QStringLiteral(BATON_CLI_EXE);

} // namespace

class TestExecutables : public QObject {
    Q_OBJECT
private slots:
    void batonVersion()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Result r = run(kBaton, {QStringLiteral("--version")}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("^baton \\d+\\.\\d+\\.\\d+"))),
                 qPrintable(r.out));
    }

    void cliHelpListsEveryCommand()
    {
        const Result r = run(kCli, {QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *command : {"host", "join", "windows", "agent", "issd", "bench"}) {
            const QRegularExpression line(
                QStringLiteral("^  %1\\s+\\S.*$").arg(QLatin1String(command)),
                QRegularExpression::MultilineOption);
            QVERIFY2(
                r.out.contains(line),
                qPrintable(
                    QStringLiteral("no line for %1 in:\n%2").arg(QLatin1String(command), r.out)));
        }
    }

    // Each subcommand's help names the command as a person types it, not the binary's path.
    void cliSubcommandHelpNamesTheCommand()
    {
        for (const char *command : {"host", "join", "windows", "issd", "bench"}) {
            const Result r = run(kCli, {QString::fromLatin1(command), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.startsWith(
                         QStringLiteral("Usage: baton-cli %1 ").arg(QLatin1String(command))),
                     qPrintable(r.out.section(QLatin1Char('\n'), 0, 0)));
        }
    }

    // host --help tells what --app (the default) and --only-window share.
    void cliHostHelpExplainsTheScope()
    {
        const Result r = run(kCli, {QStringLiteral("host"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *text : {"with --app (the default) the whole", "--only-window that window",
                                 "  --app ", "  --only-window "})
            QVERIFY2(r.out.contains(QLatin1String(text)), qPrintable(r.out));
    }

    void cliUnknownCommandIsAUsageError()
    {
        const Result r = run(kCli, {QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QLatin1String("unknown command 'frobnicate'")));
        QCOMPARE(run(kCli, {}).exitCode, 2);
    }

    // baton-cli windows finds a real xterm by its title (needs the X server of the test
    // run), and says why it cannot list anything without a display.
    void cliWindowsListsAnXterm()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("needs an X server (xvfb-run)");
        const QString title =
            QStringLiteral("baton-cli-windows-%1").arg(QCoreApplication::applicationPid());
        QProcess xterm;
        xterm.start(QStringLiteral("xterm"), {QStringLiteral("-T"), title});
        QVERIFY(xterm.waitForStarted());
        QJsonObject found;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const Result r = run(kCli, {QStringLiteral("windows"), QStringLiteral("--json")});
                for (const QJsonValue &w : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
                    if (w.toObject().value(QLatin1String("title")).toString() == title)
                        found = w.toObject();
                }
                return r.exitCode == 0 && !found.isEmpty();
            }(),
            10000);
        QCOMPARE(found.value(QLatin1String("class")).toString(), QStringLiteral("XTerm"));
        QVERIFY(found.value(QLatin1String("width")).toInt() > 0);
        QVERIFY(found.value(QLatin1String("id")).toString().startsWith(QLatin1String("0x")));
        const Result table = run(kCli, {QStringLiteral("windows")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(title), qPrintable(table.out));
        xterm.kill();
        xterm.waitForFinished();

        QProcessEnvironment noDisplay = QProcessEnvironment::systemEnvironment();
        noDisplay.remove(QStringLiteral("DISPLAY"));
        const Result refused = run(kCli, {QStringLiteral("windows")}, noDisplay);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("x11: DISPLAY is not set")),
                 qPrintable(refused.err));
    }

    void cliBenchDiffPrintsJsonLines()
    {
        const Result r =
            run(kCli,
                {QStringLiteral("bench"), QStringLiteral("diff"), QStringLiteral("--json"),
                 QStringLiteral("--runs"), QStringLiteral("1"), QStringLiteral("--kernel"),
                 QStringLiteral("scalar")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6); // 2 sizes × 3 change rates
        for (const QString &line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QCOMPARE(o.value(QLatin1String("bench")).toString(), QStringLiteral("diff"));
            QCOMPARE(o.value(QLatin1String("kernel")).toString(), QStringLiteral("scalar"));
            for (const char *key : {"gbps", "memcmp_gbps", "ratio_vs_memcmp"})
                QVERIFY2(o.value(QLatin1String(key)).toDouble() > 0, key);
            const int pct = o.value(QLatin1String("changed_pct")).toInt();
            QVERIFY(pct == 0 || pct == 1 || pct == 25);
            QCOMPARE(o.value(QLatin1String("dirty_tiles")).toInt() == 0, pct == 0);
        }
    }

    // What `tools/dev run` does without a display: the demo, its share and its viewer,
    // side by side in one picture.
    void demoScreenshotOffscreen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.png"));
        QProcessEnvironment env = baton::test::privateEnvironment(dir);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Result r = run(kBaton,
                             {QStringLiteral("--demo"), QStringLiteral("--screenshot"), path,
                              QStringLiteral("--screenshot-delay"), QStringLiteral("500")},
                             env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(path), qPrintable(r.out + r.err));
        const QImage image(path);
        QVERIFY(!image.isNull());
        // Three windows: the main window, the demo and its viewer.
        QVERIFY2(image.width() >= 3 * 600 && image.height() >= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
        // A real picture, not a blank window: many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    }
};

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
