#pragma once

#include "E2eHarness.h"

#include <QString>

#include <optional>

namespace baton::cli {

// The applications the e2e benchmark shares, started on the host's Xvfb:
//  typing    - a 100x40 xterm running cat; a fixed 300-character text typed through
//              xdotool (XTEST on the focused window) at about 20 characters per second;
//  scrolling - the same xterm printing a fixed 1000-line text at about 40 lines per second;
//  video     - ffplay playing ffmpeg's testsrc2 at 640x360, 30 frames per second;
//  video-file - ffplay looping an H.264 file of testsrc2 (640x360, 30 fps, 24 s, libx264),
//              generated once by ffmpeg (videoFile()): what a user plays;
//  idle      - the xterm, with nothing changing;
//  menus     - the xterm, its Ctrl+left-click menu opened and closed again and again (a popup
//              of the shared application: openMenus() in E2eMenus.h).
enum class E2eWorkload { Typing, Scrolling, Video, VideoFile, Idle, Menus };

const char *workloadName(E2eWorkload workload);
// video and video-file: the workloads whose pictures Baton sends as video.
bool isVideoWorkload(E2eWorkload workload);
std::optional<E2eWorkload> workloadNamed(const QString &name);

// The title of the workload's window.
extern const QString kE2eTitle;
// The typing workload's pace, 20 characters a second: a key's press or release every 25 ms
// (what xdotool's --delay 100 gives, measured).
constexpr int kTypingKeyEventMs = 25;

// What the workload's terminal runs (cat; for scrolling, perl printing scrollingText()
// from a file it writes to workDir), or nullopt with the reason.
std::optional<QStringList> terminalCommand(E2eWorkload workload, const QString &workDir,
                                           QString *error);

// The video-file workload's H.264 file: kept in the user's cache directory (the temporary
// one when there is none) and generated with ffmpeg when it is missing. nullopt with the
// reason when ffmpeg failed.
std::optional<QString> videoFile(E2eHarness &harness, QString *error);

// Starts the workload on DISPLAY (files it needs go to workDir) and returns the window
// to share, or nullopt with the reason. Its processes belong to the harness.
std::optional<uint64_t> startWorkload(E2eHarness &harness, const QString &display,
                                      E2eWorkload workload, const QString &workDir, QString *error);

// Starts typing into the workload's window (typing only; the others do nothing): called
// when the share is up, so the text lands in the measured seconds. Returns the typing
// process (owned by the harness), or null.
QProcess *startInput(E2eHarness &harness, const QString &display, E2eWorkload workload,
                     uint64_t window);

// The fixed texts, so every run and both systems see the same pixels.
QString typingText();
QByteArray scrollingText();

} // namespace baton::cli
