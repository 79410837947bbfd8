// `baton` as a person launches it, under the test run's X server, each case with a fresh
// HOME: started bare it shows its main window, no demo and no listening socket; an invite
// link opens a viewer whose picture is the host's, pixel for pixel; a second link goes to
// the Baton already running; the installed desktop entry makes `xdg-open LINK` do the
// same; a malformed link is refused in a window and with exit status 2.

#include "AppTestSupport.h"
#include "core/capture/SyntheticScene.h"
#include "tests/core/capture/XtermFixture.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 30000;
constexpr int kSceneWidthPx = 320;
constexpr int kSceneHeightPx = 200;
// The host steps its scene 30 times a second; no test runs long enough to pass this.
constexpr int kMaxSceneSteps = 20000;

const QString kBaton = QStringLiteral(BATON_EXE);
const QString kCli = QStringLiteral(BATON_CLI_EXE);

QString run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess process;
    process.start(program, args);
    const bool finished = process.waitForFinished(10000);
    if (exitCode)
        *exitCode =
            finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromUtf8(process.readAllStandardOutput());
}

// The visible windows of process pid whose title matches pattern, as xdotool finds them.
QStringList windowsOf(qint64 pid, const QString &pattern)
{
    return run(QStringLiteral("xdotool"),
               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("--onlyvisible"),
                QStringLiteral("--pid"), QString::number(pid), QStringLiteral("--name"), pattern})
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The TCP sockets of process pid in the LISTEN state, read from /proc by inode.
QStringList listeningSockets(qint64 pid)
{
    QSet<QString> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QFileInfo &fd : fds.entryInfoList(QDir::Files | QDir::System)) {
        static const QRegularExpression socket(QStringLiteral("^socket:\\[(\\d+)\\]$"));
        const auto match = socket.match(fd.symLinkTarget().section(QLatin1Char('/'), -1));
        if (match.hasMatch())
            inodes.insert(match.captured(1));
    }
    QStringList listening;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        file.readLine(); // the column names
        while (!file.atEnd()) {
            const QStringList fields =
                QString::fromLatin1(file.readLine()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            constexpr int kState = 3;
            constexpr int kInode = 9;
            if (fields.size() > kInode && fields.at(kState) == QLatin1String("0A") &&
                inodes.contains(fields.at(kInode)))
                listening << fields.at(1);
        }
    }
    return listening;
}

// The picture a viewer window shows, without the pointer, through its Copy picture
// command and the X clipboard, as a person would paste it.
QImage copiedPicture(const QString &windowId)
{
    if (!test::xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), windowId}) ||
        !test::xdotool({QStringLiteral("key"), QStringLiteral("--clearmodifiers"),
                        QStringLiteral("ctrl+shift+c")}))
        return {};
    QProcess xclip;
    xclip.start(QStringLiteral("xclip"),
                {QStringLiteral("-selection"), QStringLiteral("clipboard"), QStringLiteral("-t"),
                 QStringLiteral("image/png"), QStringLiteral("-o")});
    if (!xclip.waitForFinished(10000) || xclip.exitCode() != 0)
        return {};
    return QImage::fromData(xclip.readAllStandardOutput(), "PNG");
}

// The step of `baton-cli host --synthetic typing`'s scene that picture shows exactly, or
// -1: the host's framebuffer is the scene after some number of steps.
int sceneStepShown(const QImage &picture)
{
    if (picture.size() != QSize(kSceneWidthPx, kSceneHeightPx))
        return -1;
    const QImage argb = picture.convertToFormat(QImage::Format_ARGB32);
    SyntheticScene scene(SyntheticSceneKind::Typing, kSceneWidthPx, kSceneHeightPx);
    for (int step = 0; step <= kMaxSceneSteps; ++step) {
        bool same = true;
        for (int y = 0; y < kSceneHeightPx && same; ++y)
            same =
                std::equal(scene.frame().view().row(y).begin(), scene.frame().view().row(y).end(),
                           reinterpret_cast<const uint32_t *>(argb.constScanLine(y)));
        if (same)
            return step;
        scene.step();
    }
    return -1;
}

} // namespace

class TestDesktopApp : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        home_ = std::make_unique<QTemporaryDir>();
        QVERIFY(home_->isValid());
        env_ = test::privateEnvironment(*home_);
        env_.remove(QStringLiteral("QT_QPA_PLATFORM")); // the real X server
    }

    void cleanup()
    {
        for (QProcess *process : std::as_const(processes_)) {
            process->kill();
            process->waitForFinished(5000);
        }
        qDeleteAll(processes_);
        processes_.clear();
    }

    // `baton` alone: a window titled Baton, no demo, nothing listening.
    void launchShowsTheMainWindowOnly()
    {
        QProcess *baton = start(kBaton, {});
        QTRY_COMPARE_WITH_TIMEOUT(windowsOf(baton->processId(), QStringLiteral("^Baton$")).size(),
                                  1, kTimeoutMs);
        QVERIFY(windowsOf(baton->processId(), QStringLiteral("Demo")).isEmpty());
        QTest::qWait(500); // a listener opened while starting up would be there by now
        QCOMPARE(listeningSockets(baton->processId()), QStringList());
        QCOMPARE(baton->state(), QProcess::Running);

        // `baton` again: the running one comes forward, the new one is gone at once.
        QProcess again;
        again.setProcessEnvironment(env_);
        again.start(kBaton, {});
        QVERIFY(again.waitForFinished(kTimeoutMs));
        QCOMPARE(again.exitCode(), 0);
        QCOMPARE(windowsOf(baton->processId(), QStringLiteral("^Baton$")).size(), 1);
    }

    // baton LINK against a real host: the viewer's picture is the host's framebuffer; a
    // second link, the web form a browser would open, opens a second native viewer in the
    // same process.
    void linksOpenViewersInTheRunningBaton()
    {
        const QString typing = host(QStringLiteral("typing"));
        const QString idle = host(QStringLiteral("idle"), Form::Web);
        QVERIFY(!typing.isEmpty() && !idle.isEmpty());

        QProcess *baton = start(kBaton, {typing});
        QStringList viewers;
        QTRY_VERIFY_WITH_TIMEOUT(
            (viewers = windowsOf(baton->processId(), QStringLiteral("^Synthetic scene on ")))
                    .size() == 1,
            kTimeoutMs);
        int step = -1;
        QImage picture;
        QTRY_VERIFY_WITH_TIMEOUT(
            (step = sceneStepShown(picture = copiedPicture(viewers.first()))) >= 0, kTimeoutMs);
        qInfo("the viewer showed the host's picture after %d steps", step);

        QProcess second;
        second.setProcessEnvironment(env_);
        second.start(kBaton, {idle});
        QVERIFY(second.waitForFinished(kTimeoutMs));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
        QTRY_COMPARE_WITH_TIMEOUT(
            windowsOf(baton->processId(), QStringLiteral("^Synthetic scene on ")).size(), 2,
            kTimeoutMs);
        QCOMPARE(baton->state(), QProcess::Running);
    }

    // The desktop entry installed for this user makes xdg-open hand baton:// links to Baton.
    void xdgOpenOpensTheViewer()
    {
        const QString link = host(QStringLiteral("idle"));
        QVERIFY(!link.isEmpty());
        const QString applications =
            env_.value(QStringLiteral("XDG_DATA_HOME")) + QStringLiteral("/applications");
        QVERIFY(QDir().mkpath(applications));
        QVERIFY(QFile::copy(QStringLiteral(BATON_DESKTOP_ENTRY),
                            applications + QStringLiteral("/io.github.baton.Baton.desktop")));
        int status = -1;
        run(QStringLiteral("update-desktop-database"), {applications}, &status);
        QCOMPARE(status, 0);
        // Exec=baton %u: the one on the PATH, this build's.
        env_.insert(QStringLiteral("PATH"),
                    QFileInfo(kBaton).absolutePath() + QLatin1Char(':') +
                        env_.value(QStringLiteral("PATH")));
        // No desktop environment: xdg-open's generic path, which reads the entry.
        for (const char *name : {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                                 "GNOME_DESKTOP_SESSION_ID", "BROWSER"})
            env_.remove(QString::fromLatin1(name));

        QProcess *opener = start(QStringLiteral("xdg-open"), {link});
        qint64 pid = 0;
        QTRY_VERIFY_WITH_TIMEOUT((pid = viewerOfThisHome()) > 0, kTimeoutMs);
        QCOMPARE(QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget(),
                 QFileInfo(kBaton).canonicalFilePath());
        run(QStringLiteral("kill"), {QString::number(pid)});
        QVERIFY(opener->waitForFinished(kTimeoutMs));
    }

    // A malformed link: a message in a window, a line on stderr, exit status 2.
    void malformedLinkIsRefused()
    {
        QProcess *baton = start(kBaton, {QStringLiteral("baton://example.org:1627/")});
        QStringList boxes;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(boxes = windowsOf(baton->processId(), QStringLiteral("^Baton$"))).isEmpty(),
            kTimeoutMs);
        QVERIFY(test::xdotool(
            {QStringLiteral("windowfocus"), QStringLiteral("--sync"), boxes.first()}));
        QVERIFY(test::xdotool({QStringLiteral("key"), QStringLiteral("Return")}));
        QVERIFY(baton->waitForFinished(kTimeoutMs));
        QCOMPARE(baton->exitStatus(), QProcess::NormalExit);
        QCOMPARE(baton->exitCode(), 2);
        const QByteArray err = baton->readAllStandardError();
        QVERIFY2(err.contains("this invite link cannot be opened"), err.constData());
    }

private:
    // The process of a visible viewer window started with this test's HOME (other tests
    // may show viewers on the same X server); 0 when there is none.
    qint64 viewerOfThisHome() const
    {
        const QStringList windows =
            run(QStringLiteral("xdotool"),
                {QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                 QStringLiteral("--name"), QStringLiteral("^Synthetic scene on ")})
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QByteArray home = "HOME=" + home_->path().toUtf8();
        for (const QString &window : windows) {
            const qint64 pid =
                run(QStringLiteral("xdotool"), {QStringLiteral("getwindowpid"), window})
                    .trimmed()
                    .toLongLong();
            QFile environment(QStringLiteral("/proc/%1/environ").arg(pid));
            if (pid > 0 && environment.open(QIODevice::ReadOnly) &&
                environment.readAll().split('\0').contains(home))
                return pid;
        }
        return 0;
    }

    QProcess *start(const QString &program, const QStringList &args)
    {
        auto *process = new QProcess;
        processes_ << process;
        process->setProcessEnvironment(env_);
        // Gone with the test even when the test crashes.
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        process->start(program, args);
        return process;
    }

    enum class Form { Native, Web };

    // A `baton-cli host --synthetic KIND` on loopback; its invite link in that form, empty
    // on failure.
    QString host(const QString &kind, Form form = Form::Native)
    {
        QProcess *cli = start(
            kCli,
            {QStringLiteral("host"), QStringLiteral("--synthetic"), kind, QStringLiteral("--size"),
             QStringLiteral("%1x%2").arg(kSceneWidthPx).arg(kSceneHeightPx),
             QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--policy"), QStringLiteral("auto")});
        const test::HostLinks links = test::readHostLinks(*cli, kTimeoutMs);
        if (!links.native.startsWith(QLatin1String("baton://")) ||
            !links.web.startsWith(QLatin1String("https://")))
            return {};
        return form == Form::Web ? links.web : links.native;
    }

    std::unique_ptr<QTemporaryDir> home_;
    QProcessEnvironment env_;
    QList<QProcess *> processes_;
};

QTEST_GUILESS_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
