#include "HostCommand.h"

#include "CliCommands.h"
#include "FrameTimingLog.h"
#include "PictureDump.h"
#include "SignalNotifier.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/capture/WindowSourceFactory.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/session/ShareLauncher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

namespace baton::cli {
namespace {

constexpr int kSyntheticFrameIntervalMs = 33;
constexpr int kGoodbyeFlushMs = 300;

struct SourceChoice {
    std::unique_ptr<WindowSource> source;
    QString error;
    ShareScope scope = ShareScope::Window;
    // The desktop refused (the person cancelled its chooser): not a usage error.
    bool refused = false;
};

std::optional<SyntheticSceneKind> sceneNamed(const QString &name)
{
    if (name == QLatin1String("typing"))
        return SyntheticSceneKind::Typing;
    if (name == QLatin1String("scrolling"))
        return SyntheticSceneKind::Scrolling;
    if (name == QLatin1String("video"))
        return SyntheticSceneKind::Video;
    if (name == QLatin1String("idle"))
        return SyntheticSceneKind::Idle;
    return std::nullopt;
}

SourceChoice windowSource(const WindowInfo &window, ShareScope scope)
{
    WindowSourceFactory::Creation created = WindowSourceFactory::create(window, scope);
    if (!created.source)
        return {nullptr,
                QStringLiteral("no capture backend can share this window: ") +
                    created.refusals.join(QStringLiteral("; "))};
    return {std::move(created.source), {}, created.scope};
}

// The window the desktop's own chooser gives (Wayland), waiting for the person's choice.
SourceChoice desktopSource(WindowSourceFactory::Chooser which, const QString &restoreToken,
                           QTextStream &err)
{
    WindowSourceFactory::ChooserOptions options;
    options.chooser = which;
    options.restoreToken = restoreToken;
    WindowSourceFactory::Choosing choosing = WindowSourceFactory::chooser(options);
    if (!choosing.chooser)
        return {nullptr,
                QStringLiteral("this desktop has no window chooser: ") +
                    choosing.refusals.join(QStringLiteral("; "))};
    DesktopWindowChooser &chooser = *choosing.chooser;
    QEventLoop waiting;
    bool chosen = false;
    QObject::connect(&chooser, &DesktopWindowChooser::finished, &waiting, [&](bool ok) {
        chosen = ok;
        waiting.quit();
    });
    chooser.begin();
    waiting.exec();
    if (!chosen)
        return {nullptr, chooser.errorString(), ShareScope::Window, true};
    if (!chooser.restoreToken().isEmpty()) {
        err << "restore token: " << chooser.restoreToken()
            << " (--restore-token shares this window again without asking)\n";
        err.flush();
    }
    // A screen cast shows one window: the compositor draws the application's popups and
    // dialogs as windows of their own.
    return {chooser.takeSource(), {}, ShareScope::Window};
}

SourceChoice chooseSource(const QCommandLineParser &parser, QTextStream &err)
{
    if (parser.isSet(QStringLiteral("app")) && parser.isSet(QStringLiteral("only-window")))
        return {nullptr, QStringLiteral("choose one of --app and --only-window")};
    const ShareScope scope =
        parser.isSet(QStringLiteral("only-window")) ? ShareScope::Window : ShareScope::Application;
    const bool portal = parser.isSet(QStringLiteral("portal"));
    const bool gnomeFocused = parser.isSet(QStringLiteral("gnome-focused-window"));
    const int chosen = int(parser.isSet(QStringLiteral("window"))) +
        int(parser.isSet(QStringLiteral("title"))) + int(parser.isSet(QStringLiteral("demo"))) +
        int(parser.isSet(QStringLiteral("synthetic"))) + int(portal) + int(gnomeFocused);
    if (chosen != 1)
        return {nullptr,
                QStringLiteral("choose exactly one of --window, --title, --portal, "
                               "--gnome-focused-window, --demo and --synthetic")};
    if (parser.isSet(QStringLiteral("restore-token")) && !portal)
        return {nullptr, QStringLiteral("--restore-token goes with --portal")};
    if (portal || gnomeFocused)
        return desktopSource(portal ? WindowSourceFactory::Chooser::Portal
                                    : WindowSourceFactory::Chooser::GnomeFocusedWindow,
                             parser.value(QStringLiteral("restore-token")), err);

    if (parser.isSet(QStringLiteral("synthetic")) || parser.isSet(QStringLiteral("demo"))) {
        // --demo is the typing scene here: the widget demo lives in the desktop app.
        const QString name = parser.isSet(QStringLiteral("demo"))
            ? QStringLiteral("typing")
            : parser.value(QStringLiteral("synthetic"));
        const auto kind = sceneNamed(name);
        if (!kind)
            return {nullptr,
                    QStringLiteral("unknown synthetic scene '%1' (typing, scrolling, "
                                   "video, idle)")
                        .arg(name)};
        const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
        bool widthOk = false;
        bool heightOk = false;
        const int width = size.value(0).toInt(&widthOk);
        const int height = size.value(1).toInt(&heightOk);
        if (size.size() != 2 || !widthOk || !heightOk || !Frame::isValidSize(width, height))
            return {nullptr, QStringLiteral("--size takes WIDTHxHEIGHT, e.g. 1280x720")};
        return {std::make_unique<SyntheticWindowSource>(*kind, width, height, 1,
                                                        kSyntheticFrameIntervalMs),
                {}};
    }

    const WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
    if (parser.isSet(QStringLiteral("window"))) {
        bool ok = false;
        const QString text = parser.value(QStringLiteral("window"));
        const uint64_t id = text.toULongLong(&ok, 0);
        if (!ok)
            return {nullptr, QStringLiteral("--window takes a window id such as 0x2a00007")};
        for (const WindowInfo &window : listing.windows)
            if (window.id == id)
                return windowSource(window, scope);
        // Not every window is listed (child windows, override-redirect): try it anyway.
        WindowInfo window;
        window.id = id;
        return windowSource(window, scope);
    }
    const QRegularExpression pattern(parser.value(QStringLiteral("title")));
    if (!pattern.isValid())
        return {nullptr, QStringLiteral("--title: %1").arg(pattern.errorString())};
    for (const WindowInfo &window : listing.windows)
        if (pattern.match(window.title).hasMatch())
            return windowSource(window, scope);
    return {nullptr, QStringLiteral("no window's title matches '%1'").arg(pattern.pattern())};
}

// The share's settings from the options; false, with the usage error said, when one is
// out of range.
bool readSettings(const QCommandLineParser &parser, HostSessionConfig &config, QTextStream &err)
{
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "baton-cli host: --port takes a number from 0 to 65535\n";
        return false;
    }
    config.listener.port = quint16(port);
    if (parser.isSet(QStringLiteral("bind"))) {
        config.listener.bindAddress = QHostAddress(parser.value(QStringLiteral("bind")));
        if (config.listener.bindAddress.isNull()) {
            err << "baton-cli host: --bind takes an IP address\n";
            return false;
        }
    }
    config.maxFramesPerSecond = parser.value(QStringLiteral("max-fps")).toInt(&ok);
    if (!ok || config.maxFramesPerSecond < 1 || config.maxFramesPerSecond > 240) {
        err << "baton-cli host: --max-fps takes a number from 1 to 240\n";
        return false;
    }
    const auto codec = parseUpdateCodec(parser.value(QStringLiteral("codec")).toStdString());
    if (!codec) {
        err << "baton-cli host: --codec takes auto, lossless, t128, h264 or av1\n";
        return false;
    }
    const auto policy = parseFloorPolicy(parser.value(QStringLiteral("policy")).toStdString());
    if (!policy) {
        err << "baton-cli host: --policy takes ask, auto or collaborate\n";
        return false;
    }
    config.floor.policy = *policy;
    config.planner.codec = *codec;
    config.planner.framesPerSecond = config.maxFramesPerSecond;
    config.listener.policy.passcode = parser.value(QStringLiteral("passcode")).toStdString();
    config.listener.policy.hostName = QHostInfo::localHostName().toStdString();
    return true;
}

// The host's TLS identity: the certificate from a CA that --tls-cert and --tls-key name,
// or the host's own self-signed one. nullopt with a sentence in *error when neither works.
std::optional<net::CertificateStore::Identity> hostIdentity(const QCommandLineParser &parser,
                                                            QString *error)
{
    if (parser.isSet(QStringLiteral("tls-cert")))
        return net::CertificateStore::loadFromFiles(parser.value(QStringLiteral("tls-cert")),
                                                    parser.value(QStringLiteral("tls-key")), error);
    return net::CertificateStore(net::CertificateStore::defaultDirectory()).loadOrCreate(error);
}

void printUsage(QTextStream &out, const QCommandLineParser &parser)
{
    out << "Usage: baton-cli host (--window ID | --title REGEX | --portal | "
           "--gnome-focused-window | --demo | --synthetic KIND) [OPTIONS]\n\n"
        << "Shares a window with every viewer that joins: with --app (the default) the whole\n"
        << "application, that is the window with the menus, popups, dialogs and other windows\n"
        << "its program opens; with --only-window that window alone. The invite link is the\n"
        << "first line of stdout, its web form (for a browser) the second; the share runs\n"
        << "until SIGINT or SIGTERM and then tells the viewers. On a Wayland desktop the\n"
        << "desktop's own chooser (--portal) says which window: programs cannot list\n"
        << "each other's windows there.\n\n"
        << parser.helpText().section(QLatin1Char('\n'), 2);
}

} // namespace

int runHost(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("window"),
         QStringLiteral("Share the window with this id (baton-cli windows)."),
         QStringLiteral("ID")},
        {QStringLiteral("title"), QStringLiteral("Share the first window whose title matches."),
         QStringLiteral("REGEX")},
        {QStringLiteral("app"),
         QStringLiteral("Share the window's application: its menus, dialogs and other windows "
                        "too (the default).")},
        {QStringLiteral("only-window"),
         QStringLiteral("Share the window alone: its menus and dialogs stay on this screen.")},
        {QStringLiteral("portal"),
         QStringLiteral("Wayland: share the window chosen in the desktop's own dialog (the "
                        "ScreenCast portal).")},
        {QStringLiteral("restore-token"),
         QStringLiteral("With --portal: the token an earlier share printed, to share the same "
                        "window again without asking."),
         QStringLiteral("TOKEN")},
        {QStringLiteral("gnome-focused-window"),
         QStringLiteral("GNOME on Wayland: share the window that has the focus, through GNOME's "
                        "own screen cast interface, without a dialog.")},
        {QStringLiteral("demo"), QStringLiteral("Share the demo scene (text being typed).")},
        {QStringLiteral("synthetic"),
         QStringLiteral("Share a synthetic scene: typing, scrolling, video or idle."),
         QStringLiteral("KIND")},
        {QStringLiteral("size"), QStringLiteral("Size of a synthetic scene."),
         QStringLiteral("WxH"), QStringLiteral("1280x720")},
        {QStringLiteral("port"), QStringLiteral("TCP port to listen on."), QStringLiteral("N"),
         QString::number(InviteLink::kDefaultPort)},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default: all)."),
         QStringLiteral("ADDR")},
        {QStringLiteral("advertise"),
         QStringLiteral("Host name or address put in the invite link."), QStringLiteral("HOST")},
        {QStringLiteral("passcode"), QStringLiteral("Passcode viewers must give."),
         QStringLiteral("CODE")},
        {QStringLiteral("policy"), QStringLiteral("Floor policy: ask, auto or collaborate."),
         QStringLiteral("POLICY"), QStringLiteral("ask")},
        {QStringLiteral("max-fps"), QStringLiteral("Most captures per second."),
         QStringLiteral("N"), QStringLiteral("60")},
        {QStringLiteral("codec"), QStringLiteral("auto, lossless, t128, h264 or av1."),
         QStringLiteral("CODEC"), QStringLiteral("auto")},
        {QStringLiteral("tls-cert"),
         QStringLiteral("Use this PEM certificate (chain) from a CA instead of the host's own "
                        "self-signed one, so that browsers need no exception."),
         QStringLiteral("FILE")},
        {QStringLiteral("tls-key"),
         QStringLiteral("The unencrypted PEM key (RSA or EC) of --tls-cert."),
         QStringLiteral("FILE")},
        {QStringLiteral("timing-log"),
         QStringLiteral("Write 'captured FRAME NS' for every batch to FILE (monotonic clock)."),
         QStringLiteral("FILE")},
        {QStringLiteral("dump-pictures"),
         QStringLiteral("Write the picture of every 30th frame to DIR/FRAME.ppm (bench e2e's "
                        "PSNR)."),
         QStringLiteral("DIR")},
    });
    if (!parser.parse(QStringList{QStringLiteral("host")} + args)) {
        err << "baton-cli host: " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printUsage(out, parser);
        return kExitOk;
    }

    ShareRequest request;
    if (!readSettings(parser, request.config, err))
        return kExitUsage;
    request.advertise = parser.value(QStringLiteral("advertise"));
    SourceChoice choice = chooseSource(parser, err);
    if (!choice.source) {
        err << "baton-cli host: " << choice.error << '\n';
        return choice.refused ? kExitFailure : kExitUsage;
    }
    request.source = std::move(choice.source);
    request.scope = choice.scope;
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key"))) {
        err << "baton-cli host: --tls-cert and --tls-key go together\n";
        return kExitUsage;
    }

    QString error;
    const auto identity = hostIdentity(parser, &error);
    if (!identity) {
        err << "baton-cli host: " << error << '\n';
        return kExitFailure;
    }
    FrameTimingLog timingLog;
    PictureDump pictures;
    if ((parser.isSet(QStringLiteral("timing-log")) &&
         !timingLog.open(parser.value(QStringLiteral("timing-log")), &error)) ||
        (parser.isSet(QStringLiteral("dump-pictures")) &&
         !pictures.open(parser.value(QStringLiteral("dump-pictures")),
                        PictureDump::kDefaultEveryFrames, &error))) {
        err << "baton-cli host: " << error << '\n';
        return kExitFailure;
    }
    request.beforeStart = [&timingLog, &pictures](HostSession &session) {
        QObject::connect(&session, &HostSession::framePublished,
                         [&timingLog, &pictures, &session](uint32_t frameId, qint64 capturedAtNs) {
                             if (timingLog.isOpen())
                                 timingLog.write("captured", frameId, capturedAtNs);
                             pictures.offer(frameId, session.picture());
                         });
    };
    ShareLauncher::Launch launched = ShareLauncher(*identity).launch(std::move(request));
    if (!launched.session) {
        err << "baton-cli host: " << launched.error << '\n';
        return kExitFailure;
    }
    HostSession &session = *launched.session;
    QObject::connect(&session, &HostSession::linkMeasured,
                     [&timingLog](uint16_t viewer, const Broadcaster::LinkStats &link,
                                  int videoBitrateKbps) {
                         timingLog.writeNow(
                             "link", viewer,
                             QStringLiteral("rate_kbps=%1 min_rtt_ms=%2 queue_ms=%3 "
                                            "unacked_bytes=%4 window_bytes=%5 video_kbps=%6 "
                                            "batches=%7 missed=%8 catch_ups=%9")
                                 .arg(link.deliveryRateBytesPerSecond * 8 / 1000)
                                 .arg(link.minRoundTrip.count())
                                 .arg(link.queueDelay.count())
                                 .arg(link.unackedBytes)
                                 .arg(link.windowBytes)
                                 .arg(videoBitrateKbps)
                                 .arg(link.batchesSent)
                                 .arg(link.batchesMissed)
                                 .arg(link.catchUps)
                                 .toLatin1());
                     });
    const QString refusals = launched.inputRefusals.join(QStringLiteral("; "));
    if (launched.viewOnly && !refusals.isEmpty())
        err << "baton-cli host: viewers cannot take control: " << refusals << '\n';
    else if (!launched.watchesHostInput && !refusals.isEmpty())
        err << "baton-cli host: your own input will not take the floor back: " << refusals << '\n';
    // Before anything is printed: whoever reads "Ctrl+C ends the share" may signal at once,
    // and a SIGTERM before the handler is installed would kill the host without Goodbyes.
    SignalNotifier stopSignals;
    QObject::connect(&stopSignals, &SignalNotifier::stopRequested,
                     [&session] { session.stop(protocol::CloseReason::HostEnded); });
    // SIGUSR1 is the panic key of a headless host: the floor comes back at once.
    QObject::connect(&stopSignals, &SignalNotifier::user1,
                     [&session] { session.floor().revoke(); });
    out << session.inviteLink().toString() << '\n'
        << session.inviteLink().toWebString() << Qt::endl;
    const QString title = session.source()->window().title;
    if (launched.scope == ShareScope::Application)
        err << "Sharing the application of '" << title << "' (its menus and dialogs too)";
    else
        err << "Sharing the window '" << title << "' only";
    err << " on port " << session.port() << " with codec " << toString(session.planner().codec())
        << ". Ctrl+C ends the share.\n";
    err.flush();

    QObject::connect(&session, &HostSession::viewerJoined,
                     [&err](uint16_t id, const QString &name) {
                         err << "viewer " << id << " '" << name << "' joined\n";
                         err.flush();
                     });
    QObject::connect(&session, &HostSession::viewerLeft,
                     [&err](uint16_t id, const QString &reason) {
                         err << "viewer " << id << " left: " << reason << '\n';
                         err.flush();
                     });
    QObject::connect(&session, &HostSession::ended, [&](const QString &reason) {
        err << "share ended: " << reason << '\n';
        err.flush();
        // A moment for the Goodbyes to leave before the sockets go with the process.
        QTimer::singleShot(kGoodbyeFlushMs, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    QObject::connect(&session.floor(), &FloorArbiter::holderChanged,
                     [&err](uint16_t holder, uint16_t previous, const QString &cause) {
                         err << "floor: " << holder << " holds it (" << cause << ", from "
                             << previous << ")\n";
                         err.flush();
                     });
    QObject::connect(&session.floor(), &FloorArbiter::requestPending, [&err](uint16_t id) {
        err << "floor: viewer " << id << " asks for control (policy ask)\n";
        err.flush();
    });
    QCoreApplication::exec();
    return kExitOk;
}

} // namespace baton::cli
