#include "GlassToGlass.h"

#include "E2eWorkload.h"
#include "KeyToPixelProbe.h"
#include "core/common/InviteLink.h"
#include "core/common/Percentile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

#include <atomic>
#include <thread>

namespace baton::cli {
namespace {

constexpr uint32_t kAltKeysym = 0xffe9; // Alt_L
constexpr uint32_t kSKeysym = 0x73;
constexpr uint32_t kRKeysym = 0x72;
// From the viewer's start to its window showing the share, and per key at most.
constexpr int kWindowMs = 30000;
constexpr int kMsPerKey = 2500;
// For the first picture to be drawn after the window got its title, and between taking
// control and typing: the floor's grant is one round trip, the menu's closing a repaint.
constexpr int kPictureSettleMs = 500;
constexpr int kControlSettleMs = 500;
// Between the chords: the menu opens before its item's key comes.
constexpr int kMenuMs = 300;
// Keys typed: 30 for a run of a few seconds or more, 5 for a second's smoke test.
constexpr int kKeys = 30;
constexpr int kSmokeKeys = 5;
constexpr double kRunSeconds = 3;

// `baton` beside baton-cli (installed, or the build tree's app/baton/baton), else on PATH.
QString batonProgram()
{
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(QStringLiteral("baton")),
                                     here.filePath(QStringLiteral("../baton/baton"))}) {
        if (QFile::exists(candidate))
            return QDir::cleanPath(candidate);
    }
    return QStandardPaths::findExecutable(QStringLiteral("baton"));
}

} // namespace

GlassToGlassViewer batonViewer(const InviteLink &link, const QString &workDir)
{
    GlassToGlassViewer viewer;
    viewer.program = batonProgram();
    viewer.args = QStringList{link.toString()};
    const QString home = workDir + QStringLiteral("/glass-to-glass");
    // Qt wants the runtime directory (the single-instance socket's) the user's alone.
    const QString runtime = home + QStringLiteral("/run");
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    viewer.env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    viewer.env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    viewer.env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    viewer.env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    viewer.env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    // The title ViewerWindow gives a joined session: "TITLE on HOST — Baton".
    viewer.title = kE2eTitle + QStringLiteral(" on .*");
    viewer.takeControl = {{kAltKeysym, kSKeysym}, {kRKeysym}};
    return viewer;
}

GlassToGlassViewer tigerVncViewer(const QString &address, quint16 port)
{
    GlassToGlassViewer viewer;
    viewer.program = QStringLiteral("xtigervncviewer");
    viewer.args = QStringList{QStringLiteral("%1::%2").arg(address).arg(port)};
    viewer.title = QStringLiteral(".* - TigerVNC");
    return viewer;
}

int glassToGlassKeys(double seconds)
{
    return seconds >= kRunSeconds ? kKeys : kSmokeKeys;
}

int glassToGlassReferenceKeys(double seconds)
{
    return seconds >= kRunSeconds ? kKeys : 0;
}

namespace {

// measureGlassToGlass's work, or nullopt with the reason.
std::optional<GlassToGlassFigures> measure(E2eHarness &harness, const GlassToGlassViewer &viewer,
                                           int keys, QString *error)
{
    if (viewer.program.isEmpty()) {
        *error = QStringLiteral("the viewer is not built or installed");
        return std::nullopt;
    }
    const auto display = harness.startXvfb(error);
    if (!display)
        return std::nullopt;
    // In English whatever the person's language: the window's title and the menu's keys
    // are looked for as English has them.
    QProcessEnvironment env = viewer.env;
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    harness.start(*display, viewer.program, viewer.args, env);
    const auto window = harness.findWindow(*display, viewer.title, kWindowMs);
    if (!window) {
        *error = QStringLiteral("%1 showed no window named %2").arg(viewer.program, viewer.title);
        return std::nullopt;
    }
    auto probe = KeyToPixelProbe::open(*display, uint32_t(*window), error);
    if (!probe)
        return std::nullopt;
    E2eHarness::spin(kPictureSettleMs);
    probe->focus();
    for (const std::vector<uint32_t> &chord : viewer.takeControl) {
        const bool pressed = probe->pressChord(chord);
        if (!pressed) {
            *error = QStringLiteral("the viewer's display has no key for taking control");
            return std::nullopt;
        }
        E2eHarness::spin(kMenuMs);
    }
    if (!viewer.takeControl.empty())
        E2eHarness::spin(kControlSettleMs);
    // The probe blocks on the X server; the event loop meanwhile carries the session's
    // bytes through the bench's relays.
    std::optional<KeyToPixelProbe::Result> result;
    std::atomic<bool> done = false;
    std::jthread typist([&] {
        result = probe->measure(keys, error);
        done = true;
    });
    E2eHarness::spinUntil([&] { return done.load(); }, kWindowMs + kMsPerKey * keys);
    typist.join();
    if (!result)
        return std::nullopt;
    GlassToGlassFigures figures;
    figures.medianMs = nearestRankPercentile(result->delaysMs, 50);
    figures.p90Ms = nearestRankPercentile(result->delaysMs, 90);
    figures.samples = int(result->delaysMs.size());
    figures.lost = result->lost;
    return figures;
}

} // namespace

GlassToGlassFigures measureGlassToGlass(E2eHarness &harness, const GlassToGlassViewer &viewer,
                                        int keys)
{
    if (keys == 0)
        return {};
    QString error;
    const auto figures = measure(harness, viewer, keys, &error);
    if (!figures)
        QTextStream(stderr) << "baton-cli bench e2e: no glass-to-glass figures for "
                            << QFileInfo(viewer.program).fileName() << ": " << error << '\n';
    return figures.value_or(GlassToGlassFigures{});
}

} // namespace baton::cli
