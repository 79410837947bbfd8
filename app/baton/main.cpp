// baton: the desktop application.

#include "BatonVersion.h"
#include "DemoScreenshot.h"
#include "DemoShare.h"
#include "DisplayAgent.h"
#include "ui/demo/DemoWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

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
        QApplication::translate("main", "Run the ISSD display agent that can show shares on this "
                                        "machine's screens; must come first, followed by its own "
                                        "options (baton --agent --help)."));
    const QCommandLineOption panicKeyOption(
        QStringLiteral("panic-key"),
        QApplication::translate("main", "Shortcut that takes control back from any viewer."),
        QStringLiteral("KEYS"), QStringLiteral("Ctrl+Alt+Shift+B"));
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

    baton::demo::DemoWindow window(seed);
    window.show();

    // The demo shares itself with a viewer window joined over loopback.
    const QKeySequence panicKey(parser.value(panicKeyOption));
    if (panicKey.isEmpty()) {
        QTextStream(stderr) << "baton: --panic-key takes a shortcut such as Ctrl+Alt+Shift+B\n";
        return 2;
    }
    baton::DemoShare share(&window, panicKey);
    if (!parser.isSet(noShareOption)) {
        QString error;
        if (!share.start(&error)) {
            QTextStream(stderr) << "baton: cannot share the demo: " << error << '\n';
            return 1;
        }
    }

    std::unique_ptr<baton::DemoScreenshot> screenshot;
    if (parser.isSet(screenshotOption)) {
        bool delayOk = false;
        const int delayMs = parser.value(delayOption).toInt(&delayOk);
        if (!delayOk || delayMs < 0) {
            QTextStream(stderr) << "baton: --screenshot-delay takes milliseconds\n";
            return 2;
        }
        QList<QWidget *> shown{&window};
        if (share.viewerWindow())
            shown << share.viewerWindow();
        screenshot = std::make_unique<baton::DemoScreenshot>(shown, parser.value(screenshotOption),
                                                             delayMs);
    }
    return QApplication::exec();
}
