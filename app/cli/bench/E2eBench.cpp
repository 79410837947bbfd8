#include "E2eBench.h"

#include "../CliCommands.h"
#include "BrowserViewers.h"
#include "E2eHarness.h"
#include "E2eMenus.h"
#include "E2eOptions.h"
#include "E2eTiming.h"
#include "E2eWorkload.h"
#include "GlassToGlass.h"
#include "LinkStage.h"
#include "PsnrProbe.h"
#include "app/cli/browser/HeadlessChromium.h"
#include "core/common/InviteLink.h"
#include "core/common/MonotonicClock.h"
#include "core/net/CertificateStore.h"

#if defined(BATON_HAVE_X11_CAPTURE)
#include "X11PopupWatcher.h"
#endif
#if defined(BATON_HAVE_WAYLAND_CAPTURE)
#include "E2eHosts.h"
#include "GnomeTypist.h"
#endif

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <vector>

namespace baton::cli {
namespace {

constexpr int kServerStartMs = 20000;
constexpr int kJoinMsPerViewer = 2000;
constexpr int kJoinMinMs = 20000;
// Input to photon: keys the probing viewer types, one at a time, after the measurement.
constexpr int kProbeKeys = 30;
constexpr int kProbeMs = 60000;

// The input-to-photon probe's keys (join --probe-input), -1 where it gave none.
struct ProbeFigures {
    double medianMs = -1;
    double p90Ms = -1;
    double p95Ms = -1;
};

// One relay's share of the measured seconds (one viewer's link with --link, every viewer's
// relay without): its bytes each way, and the kbit/s it handed its viewers in each whole
// second.
struct RelayFigures {
    QString link;
    qint64 bytesS2c = 0;
    qint64 bytesC2s = 0;
    std::vector<double> kbpsSeries;
};

// One link profile's figures (--link), over the viewers on it.
struct LinkFigures {
    QString link;
    int viewers = 0;
    qint64 bytesS2c = 0;
    qint64 bytesC2s = 0;
    // Baton only: capture to apply (timing logs) and, for typing, the probe's keys.
    DelayFigures updateDelay;
    double inputToPhotonMedianMs = -1;
    double inputToPhotonP95Ms = -1;
    // Frames applied per second, per viewer (Baton only), and kbit/s delivered per viewer,
    // over the measured seconds and (kbpsSeries) in each whole second of them.
    double framesPerSecond = -1;
    double kbps = -1;
    std::vector<double> kbpsSeries;
};

// What one system did in the measured seconds of one workload.
struct Measurement {
    qint64 bytesS2c = 0;
    qint64 bytesC2s = 0;
    double hostCpuS = 0;
    double viewerCpuS = 0;
    // --host wayland: the display server's (Xvfb's or mutter's) CPU seconds, -1 elsewhere.
    double compositorCpuS = -1;
    // Baton's viewers only: per batch, from its first PDU arriving to its picture
    // presented (join --stats), averaged over the viewers.
    double batchDelayMeanMs = -1;
    double batchDelayP90Ms = -1;
    // Baton only: per viewer, from its start to its first picture presented (a join: the
    // process's session start; a browser tab: its navigation to the web link).
    std::vector<double> firstPicturesMs;
    // --viewer browser: per tab, when its page and scripts had loaded, and from its Hello
    // to its first picture.
    std::vector<double> pagesLoadedMs;
    std::vector<double> picturesFromHelloMs;
    // The measured seconds on monotonicNowNs()'s clock.
    qint64 fromNs = 0;
    qint64 toNs = 0;
    // Baton only: from the host's capture to each viewer's apply (timing logs), and for
    // typing from a viewer's key to the picture showing it (join --probe-input).
    DelayFigures updateDelay;
    double inputToPhotonMedianMs = -1;
    double inputToPhotonP90Ms = -1;
    double inputToPhotonP95Ms = -1;
    // Per relay (viewer i on relays[i % size]), and with --link per link profile; the
    // probe's keys through each link (the first viewer's link is the line's own figure).
    std::vector<RelayFigures> relays;
    std::vector<LinkFigures> links;
    bool emulatedLinks = false;
    std::map<QString, ProbeFigures> probes;
    // Baton only: the host's estimates of its viewers' paths (its timing log's link lines).
    std::vector<HostLinkSample> hostLinks;
    // Baton only: frames applied per second, per viewer.
    double framesPerSecond = -1;
    // Typing: from a key pressed at a desktop viewer to its glyph on that viewer's display.
    GlassToGlassFigures glassToGlass;
    // Baton's menus only: the menu's showings on the host, and from each to the viewers.
    std::vector<PopupShowing> popups;
    PopupDelays menuDelay;
    // Baton only: the frames the host published in the measured seconds, and the video
    // pictures the --tile-viewers applied (0 when the host sent them tiles instead).
    int hostFrames = -1;
    double tileViewerVideoPictures = 0;
    // Baton's video workloads: the first viewer's pictures against the host's.
    PsnrFigures psnr;
};

// Everything the measurement needs from a running system.
struct Running {
    QProcess *server = nullptr;
    std::vector<QProcess *> viewers;
    // Viewer i connects through relays[i % relays.size()].
    std::vector<LinkRelay *> relays;
    // --link-step changes its links' rate during the measured seconds.
    LinkStage *links = nullptr;
    // --viewer browser: the tabs of one headless chromium instead of the processes.
    BrowserViewers *browsers = nullptr;
    // --host wayland: the display server the shared application draws on (0: not counted).
    qint64 compositorPid = 0;
};

// Waits for the share to settle, then counts bytes and CPU while drive() runs: the measured
// period. nullopt when drive() failed (it says why).
std::optional<Measurement> measure(const Running &running, const E2eOptions &options,
                                   const std::function<QString()> &drive, QString *error)
{
    E2eHarness::spin(int(options.settleSeconds * 1000));
    auto viewerCpu = [&] {
        double total = 0;
        for (QProcess *viewer : running.viewers)
            total += E2eHarness::cpuSeconds(viewer->processId());
        if (running.browsers)
            total += running.browsers->cpuSeconds();
        return total;
    };
    std::vector<std::pair<qint64, qint64>> relayBytes;
    for (const LinkRelay *relay : running.relays)
        relayBytes.emplace_back(relay->bytesServerToClient(), relay->bytesClientToServer());
    const double hostCpu = E2eHarness::cpuSeconds(running.server->processId());
    const double viewersCpu = viewerCpu();
    const double compositorCpu = E2eHarness::cpuSeconds(running.compositorPid);
    Measurement m;
    m.emulatedLinks = running.links && running.links->emulated();
    QString stepError;
    QTimer step;
    step.setSingleShot(true);
    QObject::connect(&step, &QTimer::timeout,
                     [&] { running.links->setRate(options.linkStepKbit, &stepError); });
    if (options.linkStepSeconds > 0 && running.links)
        step.start(int(options.linkStepSeconds * 1000));
    m.fromNs = monotonicNowNs();
    *error = drive();
    m.toNs = monotonicNowNs();
    if (options.linkStepSeconds > 0 && running.links && !step.isActive())
        running.links->setRate(0, &stepError);
    if (error->isEmpty())
        *error = stepError;
    if (!error->isEmpty())
        return std::nullopt;
    for (std::size_t i = 0; i < running.relays.size(); ++i) {
        const LinkRelay &relay = *running.relays[i];
        RelayFigures figures;
        figures.link = relay.profile().name;
        figures.bytesS2c = relay.bytesServerToClient() - relayBytes[i].first;
        figures.bytesC2s = relay.bytesClientToServer() - relayBytes[i].second;
        // Whole seconds: the measured period is options.seconds, give or take a timer's slack.
        const qint64 seconds = std::llround(double(m.toNs - m.fromNs) / 1e9);
        for (qint64 s = 0; s < seconds; ++s) {
            const qint64 from = m.fromNs + s * 1'000'000'000;
            figures.kbpsSeries.push_back(
                double(relay.bytesServerToClientBetween(from, from + 1'000'000'000)) * 8 / 1000);
        }
        m.bytesS2c += figures.bytesS2c;
        m.bytesC2s += figures.bytesC2s;
        m.relays.push_back(std::move(figures));
    }
    m.hostCpuS = E2eHarness::cpuSeconds(running.server->processId()) - hostCpu;
    m.viewerCpuS = viewerCpu() - viewersCpu;
    if (running.compositorPid != 0)
        m.compositorCpuS = E2eHarness::cpuSeconds(running.compositorPid) - compositorCpu;
    return m;
}

// What the measured period does: the menus workload opens its menu (and where popups is
// given, records each showing on the host's display), the others run by themselves (typing
// types) for options.seconds. Empty, or what went wrong.
QString drive(E2eHarness &harness, const QString &display, E2eWorkload workload,
              const E2eOptions &options, std::vector<PopupShowing> *popups)
{
    QString error;
    if (workload != E2eWorkload::Menus) {
        E2eHarness::spin(int(options.seconds * 1000));
        return error;
    }
#if defined(BATON_HAVE_X11_CAPTURE)
    std::unique_ptr<X11PopupWatcher> watcher;
    if (popups && !(watcher = X11PopupWatcher::start(display, &error)))
        return error;
    openMenus(harness, display, options.menuOpenings, &error);
    if (watcher)
        *popups = watcher->showings();
#else
    error = QStringLiteral("the menus workload watches the X server's windows: no X11 here");
#endif
    return error;
}

// Runs until every process printed its marker on stderr/stdout, or one of them died.
bool waitForOutput(const std::vector<QProcess *> &processes, const QByteArray &marker,
                   int timeoutMs, std::vector<QByteArray> *outputs)
{
    outputs->assign(processes.size(), {});
    return E2eHarness::spinUntil(
        [&] {
            bool all = true;
            for (std::size_t i = 0; i < processes.size(); ++i) {
                (*outputs)[i] += processes[i]->readAllStandardOutput();
                (*outputs)[i] += processes[i]->readAllStandardError();
                all = all && (*outputs)[i].contains(marker);
            }
            return all;
        },
        timeoutMs);
}

// One more viewer takes the floor (the host's policy is auto) and types into the idle
// xterm key by key, timing each until its picture arrives (join --probe-input).
ProbeFigures probeInputToPhoton(E2eHarness &harness, const QString &display, const InviteLink &link,
                                const QString &workDir)
{
    const QString statsPath = workDir + QStringLiteral("/probe.json");
    QProcess *probe =
        harness.start(display, QCoreApplication::applicationFilePath(),
                      {QStringLiteral("join"), link.toString(), QStringLiteral("--name"),
                       QStringLiteral("bench-probe"), QStringLiteral("--request-control"),
                       QStringLiteral("--probe-input"), QString::number(kProbeKeys),
                       QStringLiteral("--stats"), statsPath});
    E2eHarness::spinUntil([probe] { return probe->state() == QProcess::NotRunning; }, kProbeMs);
    QFile file(statsPath);
    ProbeFigures figures;
    if (!file.open(QIODevice::ReadOnly))
        return figures;
    const QJsonObject stats = QJsonDocument::fromJson(file.readAll()).object();
    figures.medianMs = stats.value(QLatin1String("input_to_photon_ms_median")).toDouble(-1);
    figures.p90Ms = stats.value(QLatin1String("input_to_photon_ms_p90")).toDouble(-1);
    figures.p95Ms = stats.value(QLatin1String("input_to_photon_ms_p95")).toDouble(-1);
    file.remove();
    return figures;
}

// BROWSERS tabs of a headless chromium join from the host's web link (its second line on
// stdout), through the proxy at PROXYPORT. The browser accepts the host's certificate, the
// one this user's baton-cli keeps, after checking it is the link's.
std::unique_ptr<BrowserViewers> joinBrowsers(QProcess &host, quint16 proxyPort, int browsers,
                                             QString *error)
{
    if (!E2eHarness::spinUntil(
            [&] { return host.canReadLine() || host.state() == QProcess::NotRunning; },
            kServerStartMs) ||
        !host.canReadLine()) {
        *error = QStringLiteral("baton-cli host gave no web link");
        return nullptr;
    }
    QUrl webLink(QString::fromUtf8(host.readLine()).trimmed());
    const QString fingerprint = webLink.fragment().section(QStringLiteral("fp="), 1).left(64);
    const auto identity =
        net::CertificateStore(net::CertificateStore::defaultDirectory()).loadOrCreate(error);
    if (!identity)
        return nullptr;
    if (QString::fromLatin1(identity->fingerprint.toHex()) != fingerprint) {
        *error = QStringLiteral("the web link's certificate is not the one in %1")
                     .arg(net::CertificateStore::defaultDirectory());
        return nullptr;
    }
    webLink.setPort(proxyPort);
    return BrowserViewers::join(webLink.toString(), identity->certificate, browsers,
                                std::max(kJoinMinMs, kJoinMsPerViewer * browsers), error);
}

// Where Baton's host runs and what it shares.
struct BatonHost {
    // The host's X display; empty on Wayland, where env says which desktop.
    QString display;
    QProcessEnvironment env;
    // What `baton-cli host` is told to share: --window ID, or --gnome-focused-window.
    QStringList shares;
    // Starts the typing workload's typing once the viewers joined, and returns what stops it.
    std::function<std::function<void()>(QString *error)> startTyping;
    // After the measurement, one more viewer types and times its own keys.
    bool probeInput = true;
    // --host wayland: the display server whose CPU time is counted too.
    qint64 compositorPid = 0;
};

// The X11 host sharing WINDOW on DISPLAY, xdotool typing into it.
BatonHost x11Host(E2eHarness &harness, const QString &display, uint64_t window,
                  E2eWorkload workload)
{
    BatonHost host;
    host.display = display;
    host.shares = QStringList{QStringLiteral("--window"), QString::number(window)};
    host.startTyping = [&harness, display, workload, window](QString *) {
        QProcess *typing = startInput(harness, display, workload, window);
        return std::function<void()>([typing] {
            if (typing) {
                typing->kill();
                typing->waitForFinished(5000);
            }
        });
    };
    return host;
}

// Baton's host with viewerCount baton-cli joins, or browserViewers tabs of one chromium;
// the joins and the probe run on DISPLAY.
std::optional<Measurement> runBaton(E2eHarness &harness, LinkStage &links, const QString &display,
                                    const BatonHost &host, E2eWorkload workload, int viewerCount,
                                    int browserViewers, const QString &workDir,
                                    const E2eOptions &options, QString *error)
{
    const QString self = QCoreApplication::applicationFilePath();
    Running running;
    running.server = harness.start(
        host.display, self,
        QStringList{QStringLiteral("host")} + host.shares +
            QStringList{QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--policy"),
                        QStringLiteral("auto"), QStringLiteral("--timing-log"),
                        workDir + QStringLiteral("/host-timing.log")} +
            pictureDumpArgs(isVideoWorkload(workload), workDir, QStringLiteral("host")),
        host.env);
    running.compositorPid = host.compositorPid;
    if (!E2eHarness::spinUntil(
            [&] {
                return running.server->canReadLine() ||
                    running.server->state() == QProcess::NotRunning;
            },
            kServerStartMs) ||
        !running.server->canReadLine()) {
        *error = QStringLiteral("baton-cli host gave no invite link: ") +
            QString::fromLocal8Bit(running.server->readAllStandardError());
        return std::nullopt;
    }
    auto link = InviteLink::parse(QString::fromUtf8(running.server->readLine()).trimmed(), error);
    if (!link)
        return std::nullopt;
    const auto relays = links.relaysFor(link->port, viewerCount + options.tileViewers, error);
    if (relays.empty())
        return std::nullopt;
    for (const auto &relay : relays)
        running.relays.push_back(relay.get());
    running.links = &links;
    // The invite through viewer i's relay.
    const auto linkOf = [&](std::size_t i) {
        InviteLink through = *link;
        through.host = relays[i % relays.size()]->address().toString();
        through.port = relays[i % relays.size()]->port();
        return through;
    };
    std::unique_ptr<BrowserViewers> browsers;
    if (browserViewers > 0 &&
        !(browsers = joinBrowsers(*running.server, relays.front()->port(), browserViewers, error)))
        return std::nullopt;
    running.browsers = browsers.get();
    for (int i = 0; i < viewerCount + options.tileViewers; ++i) {
        QStringList args{QStringLiteral("join"), linkOf(std::size_t(i)).toString()};
        args << QStringLiteral("--name") << QStringLiteral("bench-%1").arg(i)
             << QStringLiteral("--stats") << QStringLiteral("%1/join-%2.json").arg(workDir).arg(i)
             << QStringLiteral("--timing-log")
             << QStringLiteral("%1/join-%2-timing.log").arg(workDir).arg(i);
        if (i >= viewerCount)
            args << QStringLiteral("--no-video");
        if (i == 0)
            args << pictureDumpArgs(isVideoWorkload(workload), workDir, QStringLiteral("join"));
        running.viewers.push_back(harness.start(display, self, args));
    }
    std::vector<QByteArray> outputs;
    if (!waitForOutput(running.viewers, "joined ",
                       std::max(kJoinMinMs, kJoinMsPerViewer * int(running.viewers.size())),
                       &outputs)) {
        *error = QStringLiteral("not every baton-cli join joined");
        return std::nullopt;
    }
    std::function<void()> stopTyping;
    if (workload == E2eWorkload::Typing && !(stopTyping = host.startTyping(error)))
        return std::nullopt;
    std::vector<PopupShowing> popups;
    auto m = measure(
        running, options, [&] { return drive(harness, display, workload, options, &popups); },
        error);
    if (!m)
        return std::nullopt;
    m->popups = std::move(popups);
    if (browsers) {
        for (const BrowserViewers::Start &start : browsers->starts()) {
            m->firstPicturesMs.push_back(start.firstPictureMs);
            m->pagesLoadedMs.push_back(start.loadedMs);
            m->picturesFromHelloMs.push_back(start.fromHelloMs);
        }
    }
    if (stopTyping) {
        // The host's own typing would take the floor back from the probe: it stops first.
        stopTyping();
        // The probe is a native join: the browser tabs' run leaves it to the native run.
        // One probe through each link profile's first viewer's link, one after the other.
        for (std::size_t i = 0; browserViewers == 0 && host.probeInput && i < relays.size(); ++i) {
            const QString name = relays[i]->profile().name;
            if (!m->probes.count(name))
                m->probes[name] = probeInputToPhoton(harness, display, linkOf(i), workDir);
        }
        const ProbeFigures first = m->probes[relays.front()->profile().name];
        m->inputToPhotonMedianMs = first.medianMs;
        m->inputToPhotonP90Ms = first.p90Ms;
        m->inputToPhotonP95Ms = first.p95Ms;
#if defined(BATON_HAVE_X11_CAPTURE)
        if (browserViewers == 0 && host.probeInput)
            m->glassToGlass = measureGlassToGlass(harness, batonViewer(linkOf(0), workDir),
                                                  glassToGlassKeys(options.seconds));
#endif
    }
    return m;
}

// The frames each viewer applied per second (Baton: from the timing logs; the first
// videoViewers of them), and with --link each link profile's figures over its viewers
// (viewer i on relay i). x11vnc has no logs: its links have bytes and rates only.
void addViewerFigures(const QString &hostLog, const QStringList &viewerLogs, int videoViewers,
                      Measurement *m)
{
    const double seconds = double(m->toNs - m->fromNs) / 1e9;
    std::vector<double> framesPerSecond;
    for (int i = 0; i < std::min(videoViewers, int(viewerLogs.size())); ++i)
        framesPerSecond.push_back(framesApplied(viewerLogs[i], m->fromNs, m->toNs) / seconds);
    if (!framesPerSecond.empty())
        m->framesPerSecond = std::accumulate(framesPerSecond.begin(), framesPerSecond.end(), 0.0) /
            double(framesPerSecond.size());
    for (std::size_t i = 0; m->emulatedLinks && i < m->relays.size(); ++i) {
        const RelayFigures &relay = m->relays[i];
        auto figures = std::find_if(m->links.begin(), m->links.end(), [&](const LinkFigures &link) {
            return link.link == relay.link;
        });
        if (figures == m->links.end()) {
            figures = m->links.insert(m->links.end(), LinkFigures{});
            figures->link = relay.link;
            figures->kbpsSeries.assign(relay.kbpsSeries.size(), 0);
        }
        ++figures->viewers;
        figures->bytesS2c += relay.bytesS2c;
        figures->bytesC2s += relay.bytesC2s;
        for (std::size_t s = 0; s < figures->kbpsSeries.size(); ++s)
            figures->kbpsSeries[s] += relay.kbpsSeries[s];
    }
    for (LinkFigures &link : m->links) {
        QStringList logs;
        std::vector<double> rates;
        for (std::size_t i = 0; i < m->relays.size(); ++i) {
            if (m->relays[i].link != link.link)
                continue;
            if (i < std::size_t(viewerLogs.size()))
                logs << viewerLogs[int(i)];
            if (i < std::size_t(videoViewers) && i < framesPerSecond.size())
                rates.push_back(framesPerSecond[i]);
        }
        if (!logs.isEmpty())
            link.updateDelay = captureToApplyDelays(hostLog, logs, m->fromNs, m->toNs);
        if (!rates.empty())
            link.framesPerSecond =
                std::accumulate(rates.begin(), rates.end(), 0.0) / double(rates.size());
        link.kbps = double(link.bytesS2c) * 8 / 1000 / seconds / link.viewers;
        for (double &kbps : link.kbpsSeries)
            kbps /= link.viewers;
        const auto probe = m->probes.find(link.link);
        if (probe != m->probes.end()) {
            link.inputToPhotonMedianMs = probe->second.medianMs;
            link.inputToPhotonP95Ms = probe->second.p95Ms;
        }
    }
}

// Reads what the joins wrote on leaving (after harness.stopFrom terminated them), and
// pairs the host's and the viewers' timing logs. The viewers from videoViewers on are the
// --tile-viewers.
void readJoinStats(int viewerCount, int videoViewers, const QString &workDir, Measurement *m)
{
    m->hostFrames =
        framesPublished(workDir + QStringLiteral("/host-timing.log"), m->fromNs, m->toNs);
    QStringList viewerLogs;
    for (int i = 0; i < viewerCount; ++i)
        viewerLogs << QStringLiteral("%1/join-%2-timing.log").arg(workDir).arg(i);
    m->updateDelay = captureToApplyDelays(workDir + QStringLiteral("/host-timing.log"), viewerLogs,
                                          m->fromNs, m->toNs);
    m->menuDelay =
        popupToApplyDelays(workDir + QStringLiteral("/host-timing.log"), viewerLogs, m->popups);
    addViewerFigures(workDir + QStringLiteral("/host-timing.log"), viewerLogs, videoViewers, m);
    m->hostLinks =
        hostLinkSamples(workDir + QStringLiteral("/host-timing.log"), m->fromNs, m->toNs);
    m->psnr = takePictureComparison(workDir);
    QFile::remove(workDir + QStringLiteral("/host-timing.log"));
    for (const QString &log : viewerLogs)
        QFile::remove(log);

    double mean = 0;
    double p90 = 0;
    int read = 0;
    for (int i = 0; i < viewerCount; ++i) {
        QFile file(QStringLiteral("%1/join-%2.json").arg(workDir).arg(i));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject stats = QJsonDocument::fromJson(file.readAll()).object();
        if (i >= videoViewers)
            m->tileViewerVideoPictures += stats.value(QLatin1String("video_pictures")).toDouble();
        if (!stats.contains(QLatin1String("update_delay_mean_ms")))
            continue;
        mean += stats.value(QLatin1String("update_delay_mean_ms")).toDouble();
        p90 += stats.value(QLatin1String("update_delay_p90_ms")).toDouble();
        ++read;
        file.remove();
    }
    if (read > 0) {
        m->batchDelayMeanMs = mean / read;
        m->batchDelayP90Ms = p90 / read;
    }
}

// Each native viewer's first-picture time, from what the joins wrote on leaving (before
// readJoinStats takes their files away).
void readFirstPictures(int viewerCount, const QString &workDir, Measurement *m)
{
    for (int i = 0; i < viewerCount; ++i) {
        QFile file(QStringLiteral("%1/join-%2.json").arg(workDir).arg(i));
        if (file.open(QIODevice::ReadOnly))
            m->firstPicturesMs.push_back(QJsonDocument::fromJson(file.readAll())
                                             .object()
                                             .value(QLatin1String("first_picture_ms"))
                                             .toDouble(-1));
    }
}

std::optional<Measurement> runX11vnc(E2eHarness &harness, LinkStage &links, const QString &display,
                                     const QString &viewerDisplay, uint64_t window,
                                     E2eWorkload workload, int viewerCount,
                                     const E2eOptions &options, QString *error)
{
    // x11vnc is told its port: a free one the system hands out and takes back at once.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        *error = probe.errorString();
        return std::nullopt;
    }
    const quint16 port = probe.serverPort();
    probe.close();
    Running running;
    // -localhost also refuses every client but 127.0.0.1, and the link relays connect from
    // the links' own loopback addresses (LinkShaper::serverSide).
    const QStringList loopback = links.emulated()
        ? QStringList{QStringLiteral("-listen"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("-allow"), QStringLiteral("127.")}
        : QStringList{QStringLiteral("-localhost")};
    running.server =
        harness.start(display, QStringLiteral("x11vnc"),
                      QStringList{QStringLiteral("-display"), display, QStringLiteral("-id"),
                                  QString::number(window), QStringLiteral("-shared"),
                                  QStringLiteral("-forever")} +
                          loopback +
                          QStringList{QStringLiteral("-nopw"), QStringLiteral("-rfbport"),
                                      QString::number(port)});
    std::vector<QByteArray> outputs;
    if (!waitForOutput({running.server}, "PORT=", kServerStartMs, &outputs)) {
        *error = QStringLiteral("x11vnc did not start: ") +
            QString::fromLocal8Bit(outputs.front().right(2000));
        return std::nullopt;
    }
    const auto relays = links.relaysFor(port, viewerCount, error);
    if (relays.empty())
        return std::nullopt;
    for (const auto &relay : relays)
        running.relays.push_back(relay.get());
    running.links = &links;
    for (int i = 0; i < viewerCount; ++i) {
        const LinkRelay &relay = *relays[std::size_t(i) % relays.size()];
        running.viewers.push_back(harness.start(
            viewerDisplay, QStringLiteral("xtigervncviewer"),
            {QStringLiteral("%1::%2").arg(relay.address().toString()).arg(relay.port())}));
    }
    // Every viewer connected and the server answering; the settling seconds that follow
    // take the first pictures (an idle xterm's fits in a few hundred bytes).
    if (!E2eHarness::spinUntil(
            [&] {
                int connections = 0;
                for (const auto &relay : relays) {
                    if (relay->bytesServerToClient() == 0)
                        return false;
                    connections += relay->connections();
                }
                return connections >= viewerCount;
            },
            std::max(kJoinMinMs, kJoinMsPerViewer * viewerCount))) {
        *error = QStringLiteral("not every xtigervncviewer connected");
        return std::nullopt;
    }
    QProcess *typing = startInput(harness, display, workload, window);
    auto m = measure(
        running, options, [&] { return drive(harness, display, workload, options, nullptr); },
        error);
#if defined(BATON_HAVE_X11_CAPTURE)
    if (m && typing) {
        typing->kill();
        typing->waitForFinished(5000);
        const LinkRelay &relay = *relays.front();
        m->glassToGlass =
            measureGlassToGlass(harness, tigerVncViewer(relay.address().toString(), relay.port()),
                                glassToGlassReferenceKeys(options.seconds));
    }
#endif
    return m;
}

double ratio(double a, double b)
{
    return b > 0 ? a / b : -1;
}

QJsonValue orNull(double value)
{
    return value >= 0 ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// The value at PERCENT of the sorted values (the median at 50, the largest at 100); -1
// when there are none.
double percentile(std::vector<double> values, int percent)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, values.size() * std::size_t(percent) / 100)];
}

void print(QTextStream &out, const E2eOptions &options, const QJsonObject &line)
{
    if (options.json) {
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
    } else {
        // A name longer than the column keeps a space after it.
        const QString system = line.value(QLatin1String("system")).toString();
        out << system.leftJustified(std::max(13, int(system.size()) + 1))
            << line.value(QLatin1String("workload")).toString().leftJustified(10)
            << QString::number(line.value(QLatin1String("viewers")).toInt()).rightJustified(3)
            << QString::number(line.value(QLatin1String("bytes_s2c")).toDouble(), 'g', 6)
                   .rightJustified(13)
            << QString::number(line.value(QLatin1String("bytes_c2s")).toDouble(), 'g', 6)
                   .rightJustified(12)
            << QString::number(line.value(QLatin1String("host_cpu_s")).toDouble(), 'f', 2)
                   .rightJustified(10)
            << QString::number(line.value(QLatin1String("viewer_cpu_s")).toDouble(), 'f', 2)
                   .rightJustified(12)
            << '\n';
    }
    out.flush();
}

// The measured period's length: the menus workload's is as long as its openings took.
double measuredSeconds(E2eWorkload workload, const E2eOptions &options, const Measurement &m)
{
    return workload == E2eWorkload::Menus ? double(m.toNs - m.fromNs) / 1e9 : options.seconds;
}

// After --link-step, the seconds until the link's delivered rate stayed below 90 % of the
// new rate (the sender followed it: a sender that does not keeps the link full); -1 when
// it never did.
double secondsToFollowStep(const std::vector<double> &kbpsSeries, const E2eOptions &options)
{
    double followedAt = -1;
    for (std::size_t s = std::size_t(std::ceil(options.linkStepSeconds)); s < kbpsSeries.size();
         ++s) {
        if (kbpsSeries[s] >= 0.9 * options.linkStepKbit)
            followedAt = -1;
        else if (followedAt < 0)
            followedAt = double(s) - options.linkStepSeconds;
    }
    return followedAt;
}

// Baton's host's view of the links: per viewer (the host's numbering) its round trip and
// rate as last estimated and its queue, and the video bitrate cap in force at the end of
// each whole second; after --link-step, how long the cap took to come down to the new rate.
void addHostLinkFields(const E2eOptions &options, const Measurement &m, QJsonObject *line)
{
    std::map<uint32_t, std::vector<const HostLinkSample *>> byViewer;
    for (const HostLinkSample &sample : m.hostLinks)
        byViewer[sample.viewer].push_back(&sample);
    QJsonArray viewers;
    for (const auto &[viewer, samples] : byViewer) {
        std::vector<double> queues;
        for (const HostLinkSample *sample : samples)
            queues.push_back(sample->queueMs);
        QJsonObject figures;
        figures[QStringLiteral("viewer")] = double(viewer);
        figures[QStringLiteral("min_rtt_ms")] = samples.back()->minRttMs;
        figures[QStringLiteral("rate_kbps")] = samples.back()->rateKbps;
        figures[QStringLiteral("queue_ms_p95")] = percentile(queues, 95);
        figures[QStringLiteral("queue_ms_max")] = percentile(queues, 100);
        viewers.append(figures);
    }
    (*line)[QStringLiteral("host_links")] = viewers;
    QJsonArray caps;
    auto sample = m.hostLinks.begin();
    double cap = -1;
    for (qint64 end = m.fromNs + 1'000'000'000; end <= m.toNs + 500'000'000; end += 1'000'000'000) {
        for (; sample != m.hostLinks.end() && sample->ns < end; ++sample)
            cap = sample->videoKbps;
        caps.append(orNull(cap));
    }
    (*line)[QStringLiteral("host_video_kbps_series")] = caps;
    if (options.linkStepSeconds > 0) {
        const qint64 stepNs = m.fromNs + qint64(options.linkStepSeconds * 1e9);
        const auto followed =
            std::find_if(m.hostLinks.begin(), m.hostLinks.end(), [&](const HostLinkSample &s) {
                return s.ns >= stepNs && s.videoKbps <= options.linkStepKbit;
            });
        (*line)[QStringLiteral("video_cap_followed_s")] = followed == m.hostLinks.end()
            ? QJsonValue(QJsonValue::Null)
            : QJsonValue(double(followed->ns - stepNs) / 1e9);
    }
}

// --link's fields: the profiles, and each one's figures over its viewers.
void addLinkFields(E2eWorkload workload, const E2eOptions &options, const Measurement &m,
                   QJsonObject *line)
{
    QStringList names;
    for (const LinkProfile &profile : options.links)
        names << profile.name;
    (*line)[QStringLiteral("link")] = names.join(QLatin1Char(','));
    if (options.linkStepSeconds > 0) {
        (*line)[QStringLiteral("link_step_s")] = options.linkStepSeconds;
        (*line)[QStringLiteral("link_step_kbps")] = options.linkStepKbit;
    }
    QJsonArray links;
    for (const LinkFigures &figures : m.links) {
        QJsonObject link;
        link[QStringLiteral("link")] = figures.link;
        link[QStringLiteral("viewers")] = figures.viewers;
        link[QStringLiteral("bytes_s2c")] = double(figures.bytesS2c);
        link[QStringLiteral("bytes_c2s")] = double(figures.bytesC2s);
        link[QStringLiteral("update_delay_ms_median")] = orNull(figures.updateDelay.medianMs);
        link[QStringLiteral("update_delay_ms_p95")] = orNull(figures.updateDelay.p95Ms);
        if (workload == E2eWorkload::Typing) {
            link[QStringLiteral("input_to_photon_ms_median")] =
                orNull(figures.inputToPhotonMedianMs);
            link[QStringLiteral("input_to_photon_ms_p95")] = orNull(figures.inputToPhotonP95Ms);
        }
        link[QStringLiteral("viewer_fps")] = orNull(figures.framesPerSecond);
        link[QStringLiteral("viewer_kbps")] = figures.kbps;
        QJsonArray series;
        for (double kbps : figures.kbpsSeries)
            series.append(std::round(kbps * 10) / 10);
        link[QStringLiteral("viewer_kbps_series")] = series;
        const bool shaped = std::any_of(options.links.begin(), options.links.end(),
                                        [&](const LinkProfile &profile) {
                                            return profile.name == figures.link && profile.shaped();
                                        });
        if (options.linkStepSeconds > 0 && shaped)
            link[QStringLiteral("step_followed_s")] =
                orNull(secondsToFollowStep(figures.kbpsSeries, options));
        links.append(link);
    }
    (*line)[QStringLiteral("links")] = links;
    if (!m.hostLinks.empty())
        addHostLinkFields(options, m, line);
}

QJsonObject lineFor(const char *system, E2eWorkload workload, int viewers,
                    const E2eOptions &options, const Measurement &m)
{
    QJsonObject line;
    line[QStringLiteral("bench")] = QStringLiteral("e2e");
    line[QStringLiteral("system")] = QString::fromLatin1(system);
    line[QStringLiteral("workload")] = QString::fromLatin1(workloadName(workload));
    line[QStringLiteral("viewers")] = viewers;
    line[QStringLiteral("seconds")] = measuredSeconds(workload, options, m);
    line[QStringLiteral("bytes_s2c")] = double(m.bytesS2c);
    line[QStringLiteral("bytes_c2s")] = double(m.bytesC2s);
    line[QStringLiteral("host_cpu_s")] = m.hostCpuS;
    line[QStringLiteral("viewer_cpu_s")] = m.viewerCpuS;
    line[QStringLiteral("first_picture_ms_median")] = orNull(percentile(m.firstPicturesMs, 50));
    line[QStringLiteral("first_picture_ms_max")] = orNull(percentile(m.firstPicturesMs, 100));
    if (!m.pagesLoadedMs.empty()) {
        line[QStringLiteral("page_loaded_ms_median")] = orNull(percentile(m.pagesLoadedMs, 50));
        line[QStringLiteral("first_picture_from_hello_ms_median")] =
            orNull(percentile(m.picturesFromHelloMs, 50));
    }
    // Only Baton reports when it captured and applied a frame: x11vnc's figures stay
    // null rather than something measured another way.
    line[QStringLiteral("update_delay_ms_median")] = orNull(m.updateDelay.medianMs);
    line[QStringLiteral("update_delay_ms_p90")] = orNull(m.updateDelay.p90Ms);
    line[QStringLiteral("update_delay_ms_p95")] = orNull(m.updateDelay.p95Ms);
    // Per viewer: frames applied (Baton only) and kbit/s delivered in the measured seconds.
    line[QStringLiteral("viewer_fps")] = orNull(m.framesPerSecond);
    line[QStringLiteral("viewer_kbps")] =
        double(m.bytesS2c) * 8 / 1000 / (double(m.toNs - m.fromNs) / 1e9) / viewers;
    if (m.emulatedLinks)
        addLinkFields(workload, options, m, &line);
    if (workload == E2eWorkload::Typing) {
        line[QStringLiteral("input_to_photon_ms_median")] = orNull(m.inputToPhotonMedianMs);
        line[QStringLiteral("input_to_photon_ms_p90")] = orNull(m.inputToPhotonP90Ms);
        line[QStringLiteral("input_to_photon_ms_p95")] = orNull(m.inputToPhotonP95Ms);
        line[QStringLiteral("glass_to_glass_ms_median")] = orNull(m.glassToGlass.medianMs);
        line[QStringLiteral("glass_to_glass_ms_p90")] = orNull(m.glassToGlass.p90Ms);
        line[QStringLiteral("glass_to_glass_samples")] = m.glassToGlass.samples;
    }
    if (workload == E2eWorkload::Menus) {
        line[QStringLiteral("menu_shown_ms_median")] = orNull(m.menuDelay.shown.medianMs);
        line[QStringLiteral("menu_shown_ms_p90")] = orNull(m.menuDelay.shown.p90Ms);
        line[QStringLiteral("menu_settled_ms_median")] = orNull(m.menuDelay.settled.medianMs);
        line[QStringLiteral("menu_settled_ms_p90")] = orNull(m.menuDelay.settled.p90Ms);
    }
    if (QLatin1String(system) != QLatin1String("x11vnc")) {
        line[QStringLiteral("viewer_batch_delay_ms_mean")] = orNull(m.batchDelayMeanMs);
        line[QStringLiteral("viewer_batch_delay_ms_p90")] = orNull(m.batchDelayP90Ms);
        line[QStringLiteral("update_delay_samples")] = m.updateDelay.samples;
        line[QStringLiteral("frames")] = m.hostFrames;
        line[QStringLiteral("bytes_s2c_per_frame")] =
            orNull(ratio(double(m.bytesS2c), double(m.hostFrames)));
        if (options.tileViewers > 0) {
            line[QStringLiteral("tile_viewers")] = options.tileViewers;
            line[QStringLiteral("tile_viewer_video_pictures")] = m.tileViewerVideoPictures;
        }
        if (isVideoWorkload(workload)) {
            line[QStringLiteral("video_psnr_db")] = orNull(m.psnr.lumaDb);
            line[QStringLiteral("video_psnr_db_worst")] = orNull(m.psnr.worstLumaDb);
            line[QStringLiteral("video_psnr_rgb_db")] = orNull(m.psnr.rgbDb);
            line[QStringLiteral("video_psnr_samples")] = m.psnr.samples;
        }
        if (workload == E2eWorkload::Menus) {
            line[QStringLiteral("menu_openings")] = int(m.popups.size());
            line[QStringLiteral("menu_samples")] = m.menuDelay.shown.samples;
        }
    }
    return line;
}

// The line of the ratios of system A's figures to system B's, named "A/B".
QJsonObject ratioLine(const QString &name, E2eWorkload workload, int viewers,
                      const E2eOptions &options, const Measurement &a, const Measurement &b)
{
    QJsonObject line;
    line[QStringLiteral("bench")] = QStringLiteral("e2e");
    line[QStringLiteral("system")] = name;
    line[QStringLiteral("workload")] = QString::fromLatin1(workloadName(workload));
    line[QStringLiteral("viewers")] = viewers;
    // For menus both systems ran the same openings, which took about as long.
    line[QStringLiteral("seconds")] = measuredSeconds(workload, options, a);
    line[QStringLiteral("bytes_s2c")] = orNull(ratio(double(a.bytesS2c), double(b.bytesS2c)));
    line[QStringLiteral("bytes_c2s")] = orNull(ratio(double(a.bytesC2s), double(b.bytesC2s)));
    line[QStringLiteral("host_cpu_s")] = orNull(ratio(a.hostCpuS, b.hostCpuS));
    line[QStringLiteral("viewer_cpu_s")] = orNull(ratio(a.viewerCpuS, b.viewerCpuS));
    return line;
}

#if defined(BATON_HAVE_WAYLAND_CAPTURE)
// The host on the headless GNOME sharing its focused window; the typing comes from a
// RemoteDesktop session of the bench's own, as a person's at the host would.
BatonHost waylandHost(HeadlessGnome &gnome)
{
    BatonHost host;
    host.env = gnome.environment();
    host.shares = QStringList{QStringLiteral("--gnome-focused-window")};
    host.startTyping = [&gnome](QString *error) {
        std::shared_ptr<GnomeTypist> typist = GnomeTypist::start(
            gnome.bus(), typingText() + QLatin1Char('\n'), kTypingKeyEventMs, error);
        return typist ? std::function<void()>([typist]() mutable { typist.reset(); })
                      : std::function<void()>();
    };
    // The probe's keys would go nowhere: on Wayland they wait for a click into the window.
    host.probeInput = false;
    host.compositorPid = gnome.compositorPid();
    return host;
}

// One system of --host wayland: a fresh lxterminal for the workload on the X11 host's
// Xvfb or on the headless GNOME, shared by Baton's host there.
std::optional<Measurement> runOnHost(E2eHarness &harness, HeadlessGnome &gnome,
                                     const QString &display, bool wayland, E2eWorkload workload,
                                     int viewers, const QString &workDir, const E2eOptions &options,
                                     QString *error)
{
    const std::size_t mark = harness.mark();
    LinkStage links; // --host wayland has no --link: loopback through one counting relay
    std::optional<Measurement> m;
    if (wayland) {
        QProcess *app = startWaylandTerminal(gnome, workload, workDir, error);
        if (app)
            m = runBaton(harness, links, display, waylandHost(gnome), workload, viewers, 0, workDir,
                         options, error);
        harness.stopFrom(mark);
        if (app) {
            app->kill();
            app->waitForFinished(5000);
        }
    } else {
        const auto window = startX11Terminal(harness, display, workload, workDir, error);
        if (window) {
            BatonHost host = x11Host(harness, display, *window, workload);
            host.probeInput = false; // as on Wayland
            host.compositorPid = harness.xvfbPid(display);
            m = runBaton(harness, links, display, host, workload, viewers, 0, workDir, options,
                         error);
        }
        harness.stopFrom(mark);
    }
    if (m) {
        readFirstPictures(viewers, workDir, &*m);
        readJoinStats(viewers + options.tileViewers, viewers, workDir, &*m);
    }
    return m;
}

// --host wayland: per workload and viewer count, the X11 host and the Wayland host sharing
// the same application, and the ratios of the two. The joins run on the Xvfb either way.
int runHostComparison(const E2eOptions &options, QTextStream &out, QTextStream &err)
{
    QTemporaryDir workDir;
    E2eHarness harness;
    HeadlessGnome gnome;
    HeadlessGnome::Options desktop;
    desktop.monitor = QSize(1920, 1080); // as the Xvfb's screen
    QString error;
    const auto display = harness.startXvfb(&error);
    if (!display || !workDir.isValid() || !gnome.start(desktop, &error)) {
        err << "baton-cli bench e2e: " << (error.isEmpty() ? workDir.errorString() : error) << '\n';
        return kExitFailure;
    }
    if (!options.json)
        out << "system       workload  viewers  bytes_s2c   bytes_c2s  host_cpu_s  viewer_cpu_s"
            << " (" << options.seconds << " s after " << options.settleSeconds << " s)\n";
    for (E2eWorkload workload : options.workloads) {
        for (int viewers : options.viewers) {
            std::map<bool, Measurement> results;
            for (bool wayland : {false, true}) {
                const char *system = wayland ? "baton-wayland" : "baton-x11";
                const auto m = runOnHost(harness, gnome, *display, wayland, workload, viewers,
                                         workDir.path(), options, &error);
                if (!m) {
                    err << "baton-cli bench e2e: " << system << ' ' << workloadName(workload)
                        << ": " << error << '\n';
                    return kExitFailure;
                }
                results[wayland] = *m;
                QJsonObject line = lineFor(system, workload, viewers, options, *m);
                line[QStringLiteral("application")] = QStringLiteral("lxterminal");
                line[QStringLiteral("compositor_cpu_s")] = orNull(m->compositorCpuS);
                print(out, options, line);
            }
            const Measurement &wl = results[true];
            const Measurement &x11 = results[false];
            QJsonObject line =
                ratioLine(QStringLiteral("wayland/x11"), workload, viewers, options, wl, x11);
            line[QStringLiteral("compositor_cpu_s")] =
                orNull(ratio(wl.compositorCpuS, x11.compositorCpuS));
            line[QStringLiteral("update_delay_ms_median")] =
                orNull(ratio(wl.updateDelay.medianMs, x11.updateDelay.medianMs));
            print(out, options, line);
        }
    }
    return kExitOk;
}
#endif

} // namespace

int runE2eBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        out << e2eUsage();
        return kExitOk;
    }
    const auto options = parseE2eOptions(args, err);
    if (!options)
        return kExitUsage;
    QStringList needed{QStringLiteral("Xvfb"), QStringLiteral("xdotool"), QStringLiteral("perl")};
    needed << (options->waylandHost ? QStringLiteral("lxterminal") : QStringLiteral("xterm"));
    if (options->waylandHost)
        needed << QStringLiteral("mutter") << QStringLiteral("pipewire")
               << QStringLiteral("wireplumber") << QStringLiteral("dbus-daemon");
    if (std::find(options->workloads.begin(), options->workloads.end(), E2eWorkload::Video) !=
        options->workloads.end())
        needed << QStringLiteral("ffplay");
    if (std::find(options->workloads.begin(), options->workloads.end(), E2eWorkload::VideoFile) !=
        options->workloads.end())
        needed << QStringLiteral("ffplay") << QStringLiteral("ffmpeg");
    if (options->peer)
        needed << QStringLiteral("x11vnc") << QStringLiteral("xtigervncviewer");
    if (options->browserViewers)
        needed << QString::fromLatin1(HeadlessChromium::kProgram);
    for (const QString &program : needed) {
        if (QStandardPaths::findExecutable(program).isEmpty()) {
            err << "baton-cli bench e2e: " << program << " is not installed (tools/bootstrap"
                << (options->peer ? " bench" : "") << ")\n";
            return kExitFailure;
        }
    }
    if (options->waylandHost) {
#if defined(BATON_HAVE_WAYLAND_CAPTURE)
        return runHostComparison(*options, out, err);
#else
        err << "baton-cli bench e2e: this build has no Wayland host\n";
        return kExitFailure;
#endif
    }
    // --link: the whole benchmark, its X servers and processes included, in a network
    // namespace of its own with a shaped link per viewer.
    LinkStage links;
    QString error;
    if (!links.start(options->links,
                     *std::max_element(options->viewers.begin(), options->viewers.end()) +
                         options->tileViewers,
                     &error)) {
        err << "baton-cli bench e2e: " << error << '\n';
        return kExitFailure;
    }
    QTemporaryDir workDir;
    E2eHarness harness;
    const auto display = harness.startXvfb(&error);
    const auto viewerDisplay = options->peer ? harness.startXvfb(&error) : display;
    if (!display || !viewerDisplay || !workDir.isValid()) {
        err << "baton-cli bench e2e: " << (error.isEmpty() ? workDir.errorString() : error) << '\n';
        return kExitFailure;
    }
    if (!options->json)
        out << "system       workload  viewers  bytes_s2c   bytes_c2s  host_cpu_s  viewer_cpu_s"
            << " (" << options->seconds << " s after " << options->settleSeconds << " s)\n";
    for (E2eWorkload workload : options->workloads) {
        std::map<int, double> batonHostCpu;
        for (int viewers : options->viewers) {
            std::map<QString, Measurement> results;
            for (const char *system : {"baton", "baton-web", "x11vnc"}) {
                // baton-web: the same host with browser tabs for viewers (--viewer browser).
                const bool web = QLatin1String(system) == QLatin1String("baton-web");
                const bool baton = web || QLatin1String(system) == QLatin1String("baton");
                if ((web && !options->browserViewers) || (!baton && !options->peer))
                    continue;
                // A fresh application per system, so both see the same pixels from the start.
                const std::size_t mark = harness.mark();
                const auto window =
                    startWorkload(harness, *display, workload, workDir.path(), &error);
                std::optional<Measurement> m;
                if (window)
                    m = baton ? runBaton(harness, links, *display,
                                         x11Host(harness, *display, *window, workload), workload,
                                         web ? 0 : viewers, web ? viewers : 0, workDir.path(),
                                         *options, &error)
                              : runX11vnc(harness, links, *display, *viewerDisplay, *window,
                                          workload, viewers, *options, &error);
                harness.stopFrom(mark);
                if (!m) {
                    err << "baton-cli bench e2e: " << system << ' ' << workloadName(workload)
                        << ": " << error << '\n';
                    return kExitFailure;
                }
                if (baton && !web)
                    readFirstPictures(viewers, workDir.path(), &*m);
                if (baton)
                    readJoinStats(viewers + options->tileViewers, viewers, workDir.path(), &*m);
                else
                    addViewerFigures({}, {}, 0, &*m);
                results[QString::fromLatin1(system)] = *m;
                QJsonObject line = lineFor(system, workload, viewers, *options, *m);
                if (baton && !web) {
                    batonHostCpu[viewers] = m->hostCpuS;
                    if (viewers != 1 && batonHostCpu.count(1))
                        line[QStringLiteral("host_cpu_ratio_to_1_viewer")] =
                            orNull(ratio(m->hostCpuS, batonHostCpu[1]));
                }
                print(out, *options, line);
            }
            const auto baton = results.find(QStringLiteral("baton"));
            for (const char *other : {"x11vnc", "baton-web"}) {
                const auto found = results.find(QString::fromLatin1(other));
                if (baton == results.end() || found == results.end())
                    continue;
                // Baton against x11vnc, and the browser viewers against the native ones.
                print(out, *options,
                      QLatin1String(other) == QLatin1String("x11vnc")
                          ? ratioLine(QStringLiteral("baton/x11vnc"), workload, viewers, *options,
                                      baton->second, found->second)
                          : ratioLine(QStringLiteral("baton-web/baton"), workload, viewers,
                                      *options, found->second, baton->second));
            }
        }
    }
    return kExitOk;
}

} // namespace baton::cli
