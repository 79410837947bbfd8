#include "E2eWorkload.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <array>

namespace baton::cli {
namespace {

constexpr int kWindowWaitMs = 30000; // a loaded machine starts xterm slowly
// 20 characters per second: xdotool's --delay is per key, half after the press and
// half after the release (50 gave 39 characters a second, measured from the host's
// capture times).
constexpr int kTypingDelayMs = 100;
constexpr int kTypingRepeats = 20; // 300 s of text: longer than any measurement
constexpr int kScrollingLines = 1000;
constexpr double kScrollingLineS = 0.025; // 40 lines per second
static_assert(kTypingKeyEventMs * 4 == kTypingDelayMs);
// The video file: testsrc2 at the lavfi workload's size and rate, 24 s (longer than the
// usual measured seconds, so a loop's seam is rare), libx264 at its defaults (CRF 23,
// preset medium) in MP4, as a downloaded clip would be. Encoding it takes about 20 s of
// one core, once.
constexpr int kVideoFileSeconds = 24;
constexpr int kVideoFileEncodeMs = 300000;

constexpr std::array kWords = {"share", "window", "pixel",  "floor",  "viewer",  "tile",
                               "cache", "glyph",  "update", "damage", "capture", "session",
                               "codec", "stream", "region", "host"};

} // namespace

const QString kE2eTitle = QStringLiteral("baton-bench-e2e");

const char *workloadName(E2eWorkload workload)
{
    switch (workload) {
    case E2eWorkload::Typing:
        return "typing";
    case E2eWorkload::Scrolling:
        return "scrolling";
    case E2eWorkload::Video:
        return "video";
    case E2eWorkload::VideoFile:
        return "video-file";
    case E2eWorkload::Idle:
        return "idle";
    case E2eWorkload::Menus:
        return "menus";
    }
    return "?";
}

bool isVideoWorkload(E2eWorkload workload)
{
    return workload == E2eWorkload::Video || workload == E2eWorkload::VideoFile;
}

std::optional<E2eWorkload> workloadNamed(const QString &name)
{
    for (E2eWorkload workload : {E2eWorkload::Typing, E2eWorkload::Scrolling, E2eWorkload::Video,
                                 E2eWorkload::VideoFile, E2eWorkload::Idle, E2eWorkload::Menus})
        if (name == QLatin1String(workloadName(workload)))
            return workload;
    return std::nullopt;
}

QString typingText()
{
    // Four lines of prose (Return between them) that add up to exactly 300 characters.
    QString text;
    int word = 0;
    while (text.size() < 300) {
        const QString next = QString::fromLatin1(kWords[std::size_t(word % int(kWords.size()))]);
        ++word;
        const bool lineEnd = text.size() % 75 + next.size() + 1 > 75;
        text += lineEnd ? QStringLiteral("\n") : (text.isEmpty() ? QString() : QStringLiteral(" "));
        text += next;
    }
    return text.left(300);
}

QByteArray scrollingText()
{
    QByteArray text;
    for (int line = 0; line < kScrollingLines; ++line) {
        text += QByteArray::number(line).rightJustified(5, '0') + ' ';
        // A line of 40 to 95 characters whose words shift from line to line.
        const int words = 6 + (line * 7) % 10;
        for (int w = 0; w < words; ++w) {
            text += kWords[std::size_t((line + w * 3) % int(kWords.size()))];
            text += ' ';
        }
        text += '\n';
    }
    return text;
}

std::optional<QStringList> terminalCommand(E2eWorkload workload, const QString &workDir,
                                           QString *error)
{
    if (workload != E2eWorkload::Scrolling)
        return QStringList{QStringLiteral("cat")};
    const QString path = workDir + QStringLiteral("/scrolling.txt");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(scrollingText()) < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // perl paces the lines (select's timeout) without a process per line.
    const QString script =
        QStringLiteral("$|=1; while (1) { open(my $f, '<', $ARGV[0]) or die; "
                       "while (<$f>) { print; select(undef, undef, undef, %1); } }")
            .arg(kScrollingLineS);
    return QStringList{QStringLiteral("perl"), QStringLiteral("-e"), script, path};
}

std::optional<QString> videoFile(E2eHarness &harness, QString *error)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    dir += QStringLiteral("/baton/bench");
    const QString path =
        dir + QStringLiteral("/testsrc2-640x360-30fps-%1s.mp4").arg(kVideoFileSeconds);
    if (QFile::exists(path))
        return path;
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return std::nullopt;
    }
    // Written beside its place and renamed, so an interrupted run leaves no half file.
    const QString partial = path + QStringLiteral(".part.mp4");
    if (!harness.run(QString(), QStringLiteral("ffmpeg"),
                     {QStringLiteral("-nostdin"), QStringLiteral("-loglevel"),
                      QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=640x360:rate=30"), QStringLiteral("-t"),
                      QString::number(kVideoFileSeconds), QStringLiteral("-c:v"),
                      QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                      QStringLiteral("yuv420p"), partial},
                     kVideoFileEncodeMs, error) ||
        !QFile::rename(partial, path)) {
        QFile::remove(partial);
        if (error->isEmpty())
            *error = QStringLiteral("cannot rename %1 to %2").arg(partial, path);
        return std::nullopt;
    }
    return path;
}

std::optional<uint64_t> startWorkload(E2eHarness &harness, const QString &display,
                                      E2eWorkload workload, const QString &workDir, QString *error)
{
    const QStringList xterm{QStringLiteral("-geometry"), QStringLiteral("100x40+0+0"),
                            QStringLiteral("-T"), kE2eTitle, QStringLiteral("-e")};
    QProcess *app = nullptr;
    switch (workload) {
    case E2eWorkload::Typing:
    case E2eWorkload::Idle:
    case E2eWorkload::Menus:
    case E2eWorkload::Scrolling: {
        const auto command = terminalCommand(workload, workDir, error);
        if (!command)
            return std::nullopt;
        app = harness.start(display, QStringLiteral("xterm"), xterm + *command);
        break;
    }
    case E2eWorkload::Video:
    case E2eWorkload::VideoFile: {
        QStringList source{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("testsrc2=size=640x360:rate=30")};
        if (workload == E2eWorkload::VideoFile) {
            const auto file = videoFile(harness, error);
            if (!file)
                return std::nullopt;
            source = QStringList{QStringLiteral("-loop"), QStringLiteral("0"), *file};
        }
        QProcessEnvironment env;
        env.insert(QStringLiteral("SDL_AUDIODRIVER"), QStringLiteral("dummy"));
        app = harness.start(display, QStringLiteral("ffplay"),
                            QStringList{QStringLiteral("-loglevel"), QStringLiteral("error"),
                                        QStringLiteral("-nostats"), QStringLiteral("-an"),
                                        QStringLiteral("-window_title"), kE2eTitle,
                                        QStringLiteral("-left"), QStringLiteral("0"),
                                        QStringLiteral("-top"), QStringLiteral("0")} +
                                source,
                            env);
        break;
    }
    }
    const auto window = harness.findWindow(display, kE2eTitle, kWindowWaitMs);
    if (!window)
        *error = QStringLiteral("the %1 workload's window did not appear on %2 (%3)")
                     .arg(QLatin1String(workloadName(workload)), display,
                          app ? QString::fromLocal8Bit(app->readAllStandardError().right(1000))
                              : QString());
    return window;
}

QProcess *startInput(E2eHarness &harness, const QString &display, E2eWorkload workload,
                     uint64_t window)
{
    if (workload != E2eWorkload::Typing)
        return nullptr;
    // No window manager: focus the xterm, then type through XTEST (xterm ignores the
    // synthetic events xdotool's --window would send).
    QStringList args{QStringLiteral("windowfocus"), QStringLiteral("--sync"),
                     QString::number(window),       QStringLiteral("type"),
                     QStringLiteral("--delay"),     QString::number(kTypingDelayMs)};
    for (int i = 0; i < kTypingRepeats; ++i)
        args << typingText() + QStringLiteral("\n");
    return harness.start(display, QStringLiteral("xdotool"), args);
}

} // namespace baton::cli
