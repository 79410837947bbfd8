// baton: the desktop application.

#include "BatonVersion.h"
#include "DemoScreenshot.h"
#include "DisplayAgent.h"
#include "core/net/CertificateStore.h"
#include "ui/demo/DemoWindow.h"
#include "ui/main/BatonDesktop.h"
#include "ui/main/DemoStory.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/AppSettings.h"
#include "ui/viewer/ViewerWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include <memory>

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
    parser.setApplicationDescription(
        QApplication::translate("main", "Baton: share one application window with many viewers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), QApplication::translate("main", "Seed for the demo's content."),
        QStringLiteral("N"), QString::number(baton::demo::DemoWindow::kDefaultSeed));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Write a PNG of the window to FILE, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption delayOption(
        QStringLiteral("screenshot-delay"),
        QApplication::translate("main", "Milliseconds to run before the screenshot."),
        QStringLiteral("MS"), QStringLiteral("3000"));
    const QCommandLineOption noShareOption(
        QStringLiteral("no-share"),
        QApplication::translate("main", "Show the demo window only, without sharing it."));
    const QCommandLineOption agentOption(
        QStringLiteral("agent"),
        QApplication::translate("main",
                                "Run the ISSD display agent that can show shares on this "
                                "machine's screens; must come first, followed by its own "
                                "options (baton --agent --help)."));
    const QCommandLineOption panicKeyOption(
        QStringLiteral("panic-key"),
        QApplication::translate("main",
                                "Shortcut that takes control back from any viewer "
                                "(kept in the settings)."),
        QStringLiteral("KEYS"));
    parser.addOptions(
        {seedOption, screenshotOption, delayOption, noShareOption, agentOption, panicKeyOption});
    parser.process(app);
    if (parser.isSet(agentOption)) {
        QTextStream(stderr) << "baton: --agent must be the first argument\n";
        return 2;
    }

    bool seedOk = false;
    const quint32 seed = parser.value(seedOption).toUInt(&seedOk);
    if (!seedOk) {
        QTextStream(stderr) << "baton: --seed takes a non-negative integer\n";
        return 2;
    }

    QSettings store; // the organisation and application names above
    baton::ui::AppSettings settings = baton::ui::AppSettings::load(store);
    if (parser.isSet(panicKeyOption)) {
        settings.panicShortcut = QKeySequence(parser.value(panicKeyOption));
        if (settings.panicShortcut.isEmpty()) {
            QTextStream(stderr) << "baton: --panic-key takes a shortcut such as Ctrl+Alt+Shift+B\n";
            return 2;
        }
    }
    QString error;
    const auto identity =
        baton::net::CertificateStore(baton::net::CertificateStore::defaultDirectory())
            .loadOrCreate(&error);
    if (!identity) {
        QTextStream(stderr) << "baton: " << error << '\n';
        return 1;
    }

    baton::ui::BatonDesktop desktop(store, settings, *identity);
    QObject::connect(&desktop, &baton::ui::BatonDesktop::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    desktop.showWindow();

    // The demo window, shared through the Share panel, and a viewer window that joins it
    // over loopback and takes control.
    baton::ui::DemoStory demo(desktop.sharePanel(), seed);
    if (!demo.start(!parser.isSet(noShareOption), &error))
        QTextStream(stderr) << "baton: cannot share the demo: " << error << '\n';

    std::unique_ptr<baton::DemoScreenshot> screenshot;
    if (parser.isSet(screenshotOption)) {
        bool delayOk = false;
        const int delayMs = parser.value(delayOption).toInt(&delayOk);
        if (!delayOk || delayMs < 0) {
            QTextStream(stderr) << "baton: --screenshot-delay takes milliseconds\n";
            return 2;
        }
        QList<QWidget *> shown{desktop.window(), demo.demoWindow()};
        if (demo.viewerWindow())
            shown << demo.viewerWindow();
        screenshot =
            std::make_unique<baton::DemoScreenshot>(shown, parser.value(screenshotOption), delayMs);
    }
    return QApplication::exec();
}
