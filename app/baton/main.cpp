// baton: the desktop application.

#include "BatonVersion.h"
#include "DemoScreenshot.h"
#include "DisplayAgent.h"
#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "ui/demo/DemoWindow.h"
#include "ui/join/JoinPanel.h"
#include "ui/main/BatonDesktop.h"
#include "ui/main/DemoStory.h"
#include "ui/main/MainWindow.h"
#include "ui/main/SingleInstance.h"
#include "ui/settings/AppSettings.h"
#include "ui/viewer/ViewerWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLockFile>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include <memory>

namespace {

// The exit statuses `baton` documents (its man page and --help).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1; // no TLS identity; the running Baton refused the link
constexpr int kExitUsage = 2; // a bad option or a malformed invite link
// How long a starting Baton waits for another that is starting at the same moment.
constexpr int kStartupLockWaitMs = 10000;

// A malformed link is told in a window as well: a link clicked in a chat program has no
// terminal to print to.
int refuseLink(const QString &problem)
{
    QTextStream(stderr) << "baton: this invite link cannot be opened: " << problem << '\n';
    QMessageBox::critical(
        nullptr, QApplication::applicationDisplayName(),
        QApplication::translate("main", "This invite link cannot be opened.\n\n%1").arg(problem));
    return kExitUsage;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("baton"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(baton::kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(baton::kVersion));
    QApplication::setOrganizationName(QStringLiteral("Baton"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.baton.Baton"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/baton.svg")));
    QTranslator translator;
    if (baton::ui::BatonDesktop::loadTranslations(translator))
        QApplication::installTranslator(&translator);

    // `baton --agent [agent options]`: the agent takes the rest of the command line.
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == u"--agent")
        return baton::runDisplayAgent(arguments.mid(2));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "Baton: share one application window with many viewers.\n\n"
        "Without arguments, Baton opens its main window with nothing shared. With an "
        "invite link it opens a viewer on that share; when Baton already runs on this "
        "display, the link is handed to it.\n\n"
        "Exit status: 0 done (also when the running Baton took the link), 1 a failure "
        "(no TLS identity, the running Baton refused the link), 2 a bad option or a "
        "malformed invite link."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("LINK"),
        QApplication::translate("main", "An invite link (baton://HOST:PORT/SESSION?fp=…) to join."),
        QStringLiteral("[LINK]"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate(
            "main", "Open the demo application and share it, with a viewer that takes control."));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        QApplication::translate("main", "Seed for the demo's content (with --demo)."),
        QStringLiteral("N"), QString::number(baton::demo::DemoWindow::kDefaultSeed));
    const QCommandLineOption noShareOption(
        QStringLiteral("no-share"),
        QApplication::translate("main",
                                "With --demo: show the demo window only, without sharing it."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Write a PNG of Baton's windows to FILE, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption delayOption(
        QStringLiteral("screenshot-delay"),
        QApplication::translate("main", "Milliseconds to run before the screenshot."),
        QStringLiteral("MS"), QStringLiteral("3000"));
    const QCommandLineOption agentOption(
        QStringLiteral("agent"),
        QApplication::translate(
            "main",
            "Run the ISSD display agent that can show shares on this machine's screens; must "
            "come first, followed by its own options (baton --agent --help)."));
    const QCommandLineOption panicKeyOption(
        QStringLiteral("panic-key"),
        QApplication::translate(
            "main", "Shortcut that takes control back from any viewer (kept in the settings)."),
        QStringLiteral("KEYS"));
    parser.addOptions({demoOption, seedOption, noShareOption, screenshotOption, delayOption,
                       agentOption, panicKeyOption});
    parser.process(app);
    if (parser.isSet(agentOption)) {
        QTextStream(stderr) << "baton: --agent must be the first argument\n";
        return kExitUsage;
    }
    const bool demo = parser.isSet(demoOption);
    if (!demo && (parser.isSet(seedOption) || parser.isSet(noShareOption))) {
        QTextStream(stderr) << "baton: --seed and --no-share go with --demo\n";
        return kExitUsage;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (demo && !positional.isEmpty())) {
        QTextStream(stderr) << "baton: give one invite link, without --demo\n";
        return kExitUsage;
    }
    const QString link = positional.value(0);
    QString problem;
    if (!link.isEmpty() && !baton::InviteLink::parse(link.trimmed(), &problem))
        return refuseLink(problem);

    bool seedOk = false;
    const quint32 seed = parser.value(seedOption).toUInt(&seedOk);
    if (!seedOk) {
        QTextStream(stderr) << "baton: --seed takes a non-negative integer\n";
        return kExitUsage;
    }
    int screenshotDelayMs = 0;
    if (parser.isSet(screenshotOption)) {
        bool delayOk = false;
        screenshotDelayMs = parser.value(delayOption).toInt(&delayOk);
        if (!delayOk || screenshotDelayMs < 0) {
            QTextStream(stderr) << "baton: --screenshot-delay takes milliseconds\n";
            return kExitUsage;
        }
    }

    // One Baton per person and display: a later one hands its link (or "show yourself")
    // to it. The demo stands alone, so that it never takes someone's links. The lock is
    // held from asking until listening, so that two started at once (a double-click on a
    // link) settle on one; a lock left by a process that died is taken over.
    baton::ui::SingleInstance instance(baton::ui::SingleInstance::defaultName());
    QLockFile startup(instance.name() + QStringLiteral(".lock"));
    if (!demo) {
        startup.tryLock(kStartupLockWaitMs);
        baton::ui::SingleInstance::Request request;
        if (!link.isEmpty())
            request = {baton::ui::SingleInstance::Request::Kind::OpenLink, link};
        if (const auto answer = baton::ui::SingleInstance::send(instance.name(), request)) {
            if (parser.isSet(panicKeyOption) || parser.isSet(screenshotOption))
                QTextStream(stderr) << "baton: Baton is already running: --panic-key and "
                                       "--screenshot apply to a Baton that starts\n";
            if (answer->isEmpty())
                return kExitOk;
            QTextStream(stderr) << "baton: the running Baton could not open the link: " << *answer
                                << '\n';
            return kExitFailure;
        }
    }

    QSettings store; // the organisation and application names above
    baton::ui::AppSettings settings = baton::ui::AppSettings::load(store);
    if (parser.isSet(panicKeyOption)) {
        settings.panicShortcut = QKeySequence(parser.value(panicKeyOption));
        if (settings.panicShortcut.isEmpty()) {
            QTextStream(stderr) << "baton: --panic-key takes a shortcut such as Ctrl+Alt+Shift+B\n";
            return kExitUsage;
        }
        settings.save(store); // kept, as the option says
    }
    QString error;
    const auto identity =
        baton::net::CertificateStore(baton::net::CertificateStore::defaultDirectory())
            .loadOrCreate(&error);
    if (!identity) {
        QTextStream(stderr) << "baton: " << error << '\n';
        return kExitFailure;
    }

    // Baton decides when it is done (BatonDesktop): hidden in the tray while sharing,
    // gone once its last window closes.
    QApplication::setQuitOnLastWindowClosed(false);
    baton::ui::BatonDesktop desktop(store, settings, *identity);
    QObject::connect(&desktop, &baton::ui::BatonDesktop::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    if (!demo &&
        !instance.listen(
            [&desktop](const baton::ui::SingleInstance::Request &request) {
                if (desktop.isQuitting())
                    return QApplication::translate("main", "Baton is quitting");
                if (request.kind == baton::ui::SingleInstance::Request::Kind::OpenLink)
                    return desktop.openLink(request.link);
                desktop.showWindow();
                return QString();
            },
            &error))
        QTextStream(stderr) << "baton: links opened later will start another Baton: " << error
                            << '\n';

    startup.unlock(); // listening (or given up): a later Baton asks this one

    QList<QWidget *> shown;
    std::unique_ptr<baton::ui::DemoStory> story;
    if (demo) {
        desktop.showWindow();
        // The demo window, shared through the Share panel, and a viewer window that joins it
        // over loopback and takes control.
        story = std::make_unique<baton::ui::DemoStory>(desktop.sharePanel(), seed);
        if (!story->start(!parser.isSet(noShareOption), &error))
            QTextStream(stderr) << "baton: cannot share the demo: " << error << '\n';
        shown << desktop.window() << story->demoWindow();
        if (story->viewerWindow())
            shown << story->viewerWindow();
    } else if (!link.isEmpty()) {
        // Only the viewer: the person came to watch; the main window is a tray click away.
        if (const QString refused = desktop.openLink(link); !refused.isEmpty())
            return refuseLink(refused);
        for (baton::ui::ViewerWindow *viewer : desktop.joinPanel()->windows())
            shown << viewer;
    } else {
        desktop.showWindow();
        shown << desktop.window();
    }

    std::unique_ptr<baton::DemoScreenshot> screenshot;
    if (parser.isSet(screenshotOption))
        screenshot = std::make_unique<baton::DemoScreenshot>(shown, parser.value(screenshotOption),
                                                             screenshotDelayMs);
    const int status = QApplication::exec();
    story.reset(); // its windows before the desktop they belong with
    return status;
}
