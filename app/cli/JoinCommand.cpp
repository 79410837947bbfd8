#include "JoinCommand.h"

#include "CliCommands.h"
#include "FrameTimingLog.h"
#include "InputProbe.h"
#include "LinkArgument.h"
#include "PictureDump.h"
#include "SignalNotifier.h"
#include "core/common/MonotonicClock.h"
#include "core/protocol/Capabilities.h"
#include "core/viewer/ViewerSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace baton::cli {
namespace {

// The viewer's picture as the window showed it: opaque RGB (a depth-24 window's fourth
// byte means nothing, and no cursor is drawn in).
QImage imageOf(const Frame &frame)
{
    QImage image(frame.data(), frame.width(), frame.height(), frame.strideBytes(),
                 QImage::Format_RGB32);
    return image.copy();
}

bool writeStats(const QString &path, const ViewerSession &session, const InputProbe *probe,
                const net::CloseInfo &info, QString *error)
{
    QJsonObject json = session.stats().toJson();
    if (probe) {
        const QJsonObject probed = probe->toJson();
        for (auto it = probed.begin(); it != probed.end(); ++it)
            json[it.key()] = it.value();
    }
    const auto &applied = session.applierStats();
    json[QStringLiteral("moves")] = double(applied.moves);
    json[QStringLiteral("fills")] = double(applied.fills);
    json[QStringLiteral("tiles")] = double(applied.tiles);
    json[QStringLiteral("bitmaps")] = double(applied.bitmaps);
    json[QStringLiteral("video_pictures")] = double(applied.videoPictures);
    json[QStringLiteral("width")] = session.framebuffer().width();
    json[QStringLiteral("height")] = session.framebuffer().height();
    json[QStringLiteral("end_reason")] = info.text();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(json).toJson()) < 0) {
        *error = file.errorString();
        return false;
    }
    return true;
}

std::optional<QPoint> parsePoint(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    bool xOk = false;
    bool yOk = false;
    const QPoint point(parts.value(0).toInt(&xOk), parts.value(1).toInt(&yOk));
    if (parts.size() != 2 || !xOk || !yOk || point.x() < 0 || point.y() < 0)
        return std::nullopt;
    return point;
}

} // namespace

int runJoin(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("URL"), QStringLiteral("The invite link (-: read it from standard input)."));
    parser.addOptions({
        {QStringLiteral("name"), QStringLiteral("Your name in the roster."), QStringLiteral("NAME"),
         QStringLiteral("baton-cli")},
        {QStringLiteral("duration"), QStringLiteral("Leave after S seconds (default: stay)."),
         QStringLiteral("S")},
        {QStringLiteral("stats"), QStringLiteral("Write statistics as JSON to FILE on leaving."),
         QStringLiteral("FILE")},
        {QStringLiteral("save-frame"), QStringLiteral("Write the final picture as PNG to FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("request-control"), QStringLiteral("Ask for the floor once joined.")},
        {QStringLiteral("type"), QStringLiteral("Once in control, type TEXT (\\n presses Return)."),
         QStringLiteral("TEXT")},
        {QStringLiteral("click"), QStringLiteral("Once in control, click the left button at X,Y."),
         QStringLiteral("X,Y")},
        {QStringLiteral("release"),
         QStringLiteral("Give the floor back after typing and clicking.")},
        {QStringLiteral("probe-input"),
         QStringLiteral("Once in control, type N letters one at a time, time each until the "
                        "picture shows it (input_to_photon_ms in --stats), then leave."),
         QStringLiteral("N")},
        {QStringLiteral("timing-log"),
         QStringLiteral("Write 'applied FRAME NS' for every picture to FILE (monotonic clock)."),
         QStringLiteral("FILE")},
        {QStringLiteral("dump-pictures"),
         QStringLiteral("Write the picture of every 30th frame, once applied, to DIR/FRAME.ppm "
                        "(bench e2e's PSNR)."),
         QStringLiteral("DIR")},
        {QStringLiteral("no-video"),
         QStringLiteral("Announce no video codec: the host sends video regions as exact tiles.")},
    });
    if (!parser.parse(QStringList{QStringLiteral("join")} + args)) {
        err << "baton-cli join: " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << "Usage: baton-cli join URL [OPTIONS]\n\n"
            << "Joins a share as a headless viewer until the host ends it, --duration passes,\n"
            << "or SIGINT/SIGTERM. Says on stderr when it joined, which windows the share\n"
            << "shows whenever they change ('windows: COUNT: ID KIND X,Y WxH; ...', topmost\n"
            << "first, in the picture's pixels) and why it left.\n\n"
            << parser.helpText().section(QLatin1Char('\n'), 2);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "baton-cli join: give exactly one invite link\n";
        return kExitUsage;
    }
    QString error;
    const auto link = linkArgument(parser.positionalArguments().first(), &error);
    if (!link) {
        err << "baton-cli join: " << error << '\n';
        return kExitUsage;
    }
    double durationS = -1;
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        durationS = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || durationS <= 0) {
            err << "baton-cli join: --duration takes a positive number of seconds\n";
            return kExitUsage;
        }
    }

    std::optional<QPoint> click;
    if (parser.isSet(QStringLiteral("click"))) {
        click = parsePoint(parser.value(QStringLiteral("click")));
        if (!click) {
            err << "baton-cli join: --click takes X,Y in the window's pixels\n";
            return kExitUsage;
        }
    }
    const bool requestControl = parser.isSet(QStringLiteral("request-control"));
    if (!requestControl &&
        (parser.isSet(QStringLiteral("type")) || click || parser.isSet(QStringLiteral("release")) ||
         parser.isSet(QStringLiteral("probe-input")))) {
        err << "baton-cli join: --type, --click, --release and --probe-input need "
               "--request-control\n";
        return kExitUsage;
    }
    int probeKeys = 0;
    if (parser.isSet(QStringLiteral("probe-input"))) {
        bool ok = false;
        probeKeys = parser.value(QStringLiteral("probe-input")).toInt(&ok);
        if (!ok || probeKeys < 1 || probeKeys > 10000) {
            err << "baton-cli join: --probe-input takes a number of keys from 1 to 10000\n";
            return kExitUsage;
        }
    }
    FrameTimingLog timingLog;
    if (parser.isSet(QStringLiteral("timing-log")) &&
        !timingLog.open(parser.value(QStringLiteral("timing-log")), &error)) {
        err << "baton-cli join: " << error << '\n';
        return kExitFailure;
    }
    PictureDump pictures;
    if (parser.isSet(QStringLiteral("dump-pictures")) &&
        !pictures.open(parser.value(QStringLiteral("dump-pictures")),
                       PictureDump::kDefaultEveryFrames, &error)) {
        err << "baton-cli join: " << error << '\n';
        return kExitFailure;
    }
    QString typed = parser.value(QStringLiteral("type"));
    typed.replace(QLatin1String("\\n"), QLatin1String("\n"));

    net::ViewerOptions options;
    options.displayName = parser.value(QStringLiteral("name")).toStdString();
    options.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    // Listing only the tile codec is what a browser without a video decoder does; listing
    // none would mean "every codec" to the host (docs/protocol.md §5).
    if (parser.isSet(QStringLiteral("no-video")))
        options.codecIds = {uint8_t(protocol::CodecId::ZstdTiles)};
    ViewerSession session(*link, options);
    std::unique_ptr<InputProbe> probe;
    if (probeKeys > 0)
        probe = std::make_unique<InputProbe>(session, probeKeys);
    int exitCode = kExitOk;
    bool leaving = false;
    if (timingLog.isOpen())
        QObject::connect(&session, &ViewerSession::frameApplied, [&timingLog](uint32_t frameId) {
            timingLog.write("applied", frameId, monotonicNowNs());
        });
    if (pictures.isOpen())
        QObject::connect(&session, &ViewerSession::frameApplied,
                         [&pictures, &session](uint32_t frameId) {
                             pictures.offer(frameId, session.framebuffer().view());
                         });
    QObject::connect(&session, &ViewerSession::joined, [&] {
        err << "joined " << session.hostName() << " as user " << session.userId() << '\n';
        err.flush();
    });
    QObject::connect(&session, &ViewerSession::sharedWindowsChanged, [&] {
        err << "windows: " << SharedWindowList::describe(session.sharedWindows()) << '\n';
        err.flush();
    });
    QObject::connect(&session, &ViewerSession::ended, [&](const net::CloseInfo &info) {
        const bool expected = leaving || info.reason == protocol::CloseReason::HostEnded ||
            info.reason == protocol::CloseReason::WindowClosed;
        err << "left: " << info.text() << '\n';
        if (!expected)
            exitCode = kExitFailure;
        if (parser.isSet(QStringLiteral("stats")) &&
            !writeStats(parser.value(QStringLiteral("stats")), session, probe.get(), info,
                        &error)) {
            err << "baton-cli join: cannot write the statistics: " << error << '\n';
            exitCode = kExitFailure;
        }
        if (parser.isSet(QStringLiteral("save-frame"))) {
            const QString path = parser.value(QStringLiteral("save-frame"));
            if (session.framebuffer().isNull() ||
                !imageOf(session.framebuffer()).save(path, "PNG")) {
                err << "baton-cli join: no picture written to " << path << '\n';
                exitCode = kExitFailure;
            }
        }
        err.flush();
        QCoreApplication::exit(exitCode);
    });
    bool asked = false;
    bool acted = false;
    QObject::connect(&session, &ViewerSession::framePresented, [&](const Region &) {
        if (!requestControl || asked)
            return;
        asked = true;
        session.requestControl();
    });
    QObject::connect(&session, &ViewerSession::floorDecision,
                     [&](protocol::FloorDecision decision, protocol::FloorDecisionReason reason) {
                         if (decision == protocol::FloorDecision::Denied)
                             err << "control denied (reason " << int(reason) << ")\n";
                         else if (decision == protocol::FloorDecision::Queued)
                             err << "control requested: waiting for the host\n";
                         err.flush();
                     });
    QObject::connect(&session, &ViewerSession::controlOffered, [&] {
        if (requestControl && !acted)
            session.requestControl(); // accept the offer
    });
    QObject::connect(&session, &ViewerSession::floorChanged, [&] {
        if (!requestControl || acted || !session.holdsFloor())
            return;
        acted = true;
        err << "in control\n";
        if (click) {
            session.sendPointer({PointerInput::Type::Move, *click, 0, 0, 0});
            session.sendPointer({PointerInput::Type::Press, *click, 1, 0, 0});
            session.sendPointer({PointerInput::Type::Release, *click, 1, 0, 0});
        }
        session.sendTypedText(typed);
        if (probe)
            probe->start();
        if (parser.isSet(QStringLiteral("release"))) {
            session.releaseControl();
            err << "released control\n";
        }
        err.flush();
    });
    QObject::connect(&session, &ViewerSession::floorRevoked,
                     [&](protocol::FloorRevokeReason reason) {
                         err << "control revoked (reason " << int(reason) << ")\n";
                         err.flush();
                     });
    SignalNotifier stopSignals;
    auto leave = [&] {
        leaving = true;
        session.leave();
    };
    QObject::connect(&stopSignals, &SignalNotifier::stopRequested, leave);
    if (probe)
        QObject::connect(probe.get(), &InputProbe::done, leave);
    if (durationS > 0)
        QTimer::singleShot(int(durationS * 1000), leave);
    session.start();
    return QCoreApplication::exec();
}

} // namespace baton::cli
