#include "HostCommand.h"

#include "CliCommands.h"
#include "FrameTimingLog.h"
#include "SignalNotifier.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/capture/WindowSourceFactory.h"
#include "core/input/x11/X11InputInjector.h"
#include "core/input/x11/X11LocalInputMonitor.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/session/SessionLogging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

namespace baton::cli {
namespace {

constexpr int kSyntheticFrameIntervalMs = 33;
constexpr int kGoodbyeFlushMs = 300;

struct SourceChoice {
    SourceChoice(std::unique_ptr<WindowSource> chosen, QString why, uint64_t x11 = 0)
        : source(std::move(chosen)), error(std::move(why)), x11Window(x11)
    {
    }
    std::unique_ptr<WindowSource> source;
    QString error;
    uint64_t x11Window; // the X11 window whose input an XTEST injector may drive
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

SourceChoice windowSource(const std::optional<WindowInfo> &window)
{
    if (!window)
        return {nullptr, {}};
    WindowSourceFactory::Creation created = WindowSourceFactory::create(*window);
    if (!created.source)
        return {nullptr, QStringLiteral("no capture backend can share this window: ") +
                             created.refusals.join(QStringLiteral("; ")), 0};
    const bool x11 = created.source->backendName() == QLatin1String("x11");
    return {std::move(created.source), {}, x11 ? window->id : 0};
}

SourceChoice chooseSource(const QCommandLineParser &parser)
{
    const int chosen = int(parser.isSet(QStringLiteral("window"))) +
        int(parser.isSet(QStringLiteral("title"))) + int(parser.isSet(QStringLiteral("demo"))) +
        int(parser.isSet(QStringLiteral("synthetic")));
    if (chosen != 1)
        return {nullptr, QStringLiteral("choose exactly one of --window, --title, --demo and "
                                        "--synthetic")};

    if (parser.isSet(QStringLiteral("synthetic")) || parser.isSet(QStringLiteral("demo"))) {
        // --demo is the typing scene here: the widget demo lives in the desktop app.
        const QString name = parser.isSet(QStringLiteral("demo"))
            ? QStringLiteral("typing")
            : parser.value(QStringLiteral("synthetic"));
        const auto kind = sceneNamed(name);
        if (!kind)
            return {nullptr, QStringLiteral("unknown synthetic scene '%1' (typing, scrolling, "
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
                return windowSource(window);
        // Not every window is listed (child windows, override-redirect): try it anyway.
        WindowInfo window;
        window.id = id;
        return windowSource(window);
    }
    const QRegularExpression pattern(parser.value(QStringLiteral("title")));
    if (!pattern.isValid())
        return {nullptr, QStringLiteral("--title: %1").arg(pattern.errorString())};
    for (const WindowInfo &window : listing.windows)
        if (pattern.match(window.title).hasMatch())
            return windowSource(window);
    return {nullptr, QStringLiteral("no window's title matches '%1'").arg(pattern.pattern())};
}

QString randomSessionId()
{
    QString id;
    for (int i = 0; i < 4; ++i)
        id += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return id;
}

void printUsage(QTextStream &out, const QCommandLineParser &parser)
{
    out << "Usage: baton-cli host (--window ID | --title REGEX | --demo | --synthetic KIND) "
           "[OPTIONS]\n\n"
        << "Shares one window with every viewer that joins. The invite link is the first line\n"
        << "of stdout; the share runs until SIGINT or SIGTERM and then tells the viewers.\n\n"
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
        {QStringLiteral("window"), QStringLiteral("Share the window with this id (baton-cli windows)."),
         QStringLiteral("ID")},
        {QStringLiteral("title"), QStringLiteral("Share the first window whose title matches."),
         QStringLiteral("REGEX")},
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
        {QStringLiteral("timing-log"),
         QStringLiteral("Write 'captured FRAME NS' for every batch to FILE (monotonic clock)."),
         QStringLiteral("FILE")},
    });
    if (!parser.parse(QStringList{QStringLiteral("host")} + args)) {
        err << "baton-cli host: " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printUsage(out, parser);
        return kExitOk;
    }

    HostSessionConfig config;
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "baton-cli host: --port takes a number from 0 to 65535\n";
        return kExitUsage;
    }
    config.listener.port = quint16(port);
    if (parser.isSet(QStringLiteral("bind"))) {
        config.listener.bindAddress = QHostAddress(parser.value(QStringLiteral("bind")));
        if (config.listener.bindAddress.isNull()) {
            err << "baton-cli host: --bind takes an IP address\n";
            return kExitUsage;
        }
    }
    config.maxFramesPerSecond = parser.value(QStringLiteral("max-fps")).toInt(&ok);
    if (!ok || config.maxFramesPerSecond < 1 || config.maxFramesPerSecond > 240) {
        err << "baton-cli host: --max-fps takes a number from 1 to 240\n";
        return kExitUsage;
    }
    const auto codec = parseUpdateCodec(parser.value(QStringLiteral("codec")).toStdString());
    if (!codec) {
        err << "baton-cli host: --codec takes auto, lossless, t128, h264 or av1\n";
        return kExitUsage;
    }
    const QString policy = parser.value(QStringLiteral("policy"));
    if (policy == QLatin1String("ask")) {
        config.floor.policy = FloorPolicy::Ask;
    } else if (policy == QLatin1String("auto")) {
        config.floor.policy = FloorPolicy::Auto;
    } else if (policy == QLatin1String("collaborate")) {
        config.floor.policy = FloorPolicy::Collaborate;
    } else {
        err << "baton-cli host: --policy takes ask, auto or collaborate\n";
        return kExitUsage;
    }
    config.planner.codec = *codec;
    config.planner.framesPerSecond = config.maxFramesPerSecond;
    config.planner.log = [](video::CodecLogLevel level, std::string_view line) {
        const QString text = QString::fromUtf8(line.data(), qsizetype(line.size()));
        if (level == video::CodecLogLevel::Warning)
            qCWarning(lcSession).noquote() << text;
        else
            qCInfo(lcSession).noquote() << text;
    };
    config.listener.policy.sessionId = randomSessionId().toStdString();
    config.listener.policy.passcode = parser.value(QStringLiteral("passcode")).toStdString();
    config.listener.policy.hostName = QHostInfo::localHostName().toStdString();
    if (parser.isSet(QStringLiteral("advertise")))
        config.advertisedHost = parser.value(QStringLiteral("advertise"));
    else if (parser.isSet(QStringLiteral("bind")) && !config.listener.bindAddress.isEqual(QHostAddress::Any) &&
             !config.listener.bindAddress.isEqual(QHostAddress::AnyIPv6))
        config.advertisedHost = config.listener.bindAddress.toString();
    else
        config.advertisedHost = QHostInfo::localHostName();

    SourceChoice choice = chooseSource(parser);
    if (!choice.source) {
        err << "baton-cli host: " << choice.error << '\n';
        return kExitUsage;
    }

    QString error;
    const auto identity = net::CertificateStore(net::CertificateStore::defaultDirectory())
                              .loadOrCreate(&error);
    if (!identity) {
        err << "baton-cli host: " << error << '\n';
        return kExitFailure;
    }

    HostSession session(std::move(choice.source), *identity, std::move(config));
    if (choice.x11Window != 0) {
        auto injector = X11InputInjector::create({}, uint32_t(choice.x11Window), &error);
        if (injector) {
            const X11InputInjector *sent = injector.get();
            session.setInputInjector(std::move(injector));
            auto monitor = X11LocalInputMonitor::create(
                {}, uint32_t(choice.x11Window), [sent] { return sent->pressesSent(); }, &error);
            if (monitor)
                session.setLocalInputMonitor(std::move(monitor));
            else
                err << "baton-cli host: your own input will not take the floor back: " << error
                    << '\n';
        } else {
            err << "baton-cli host: viewers cannot take control: " << error << '\n';
        }
    }
    FrameTimingLog timingLog;
    if (parser.isSet(QStringLiteral("timing-log"))) {
        if (!timingLog.open(parser.value(QStringLiteral("timing-log")), &error)) {
            err << "baton-cli host: " << error << '\n';
            return kExitFailure;
        }
        QObject::connect(&session, &HostSession::framePublished,
                         [&timingLog](uint32_t frameId, qint64 capturedAtNs) {
                             timingLog.write("captured", frameId, capturedAtNs);
                         });
    }
    if (!session.start(&error)) {
        err << "baton-cli host: " << error << '\n';
        return kExitFailure;
    }
    out << session.inviteLink().toString() << Qt::endl;
    err << "Sharing '" << session.source()->window().title << "' on port " << session.port()
        << " with codec " << toString(session.planner().codec()) << ". Ctrl+C ends the share.\n";
    err.flush();

    QObject::connect(&session, &HostSession::viewerJoined, [&err](uint16_t id, const QString &name) {
        err << "viewer " << id << " '" << name << "' joined\n";
        err.flush();
    });
    QObject::connect(&session, &HostSession::viewerLeft, [&err](uint16_t id, const QString &reason) {
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
    SignalNotifier stopSignals;
    QObject::connect(&stopSignals, &SignalNotifier::stopRequested,
                     [&session] { session.stop(protocol::CloseReason::HostEnded); });
    // SIGUSR1 is the panic key of a headless host: the floor comes back at once.
    QObject::connect(&stopSignals, &SignalNotifier::user1, [&session] { session.floor().revoke(); });
    QCoreApplication::exec();
    return kExitOk;
}

} // namespace baton::cli
