#pragma once

#include "E2eHarness.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace baton {
struct InviteLink;
} // namespace baton

namespace baton::cli {

// A desktop viewer as a person starts it, for glass-to-glass timing.
struct GlassToGlassViewer {
    QString program;
    QStringList args;
    QProcessEnvironment env;
    // Its window's title once it shows the share (a regular expression, for findWindow).
    QString title;
    // The chords (X keysyms) that take control once the picture is there: none where the
    // viewer forwards keys from the start.
    std::vector<std::vector<uint32_t>> takeControl;
};

// Keypress to pixel on the viewer's own display: median and p90 over the keys seen.
struct GlassToGlassFigures {
    double medianMs = -1;
    double p90Ms = -1;
    int samples = 0;
    int lost = 0;
};

// Baton's desktop viewer, `baton LINK`, with settings, TLS identity and single-instance
// socket of its own under workDir (the bench never touches the person's). Takes control
// from its Session menu (Alt+S, R), as a person would without a mouse.
GlassToGlassViewer batonViewer(const InviteLink &link, const QString &workDir);
// xtigervncviewer on ADDRESS::PORT: it forwards keys from the start.
GlassToGlassViewer tigerVncViewer(const QString &address, quint16 port);

// How many keys a run of SECONDS measured seconds types: 30, 5 for a smoke test's second.
int glassToGlassKeys(double seconds);
// The same for a reference system (x11vnc): none in a smoke test, which has no seconds to
// spare for it.
int glassToGlassReferenceKeys(double seconds);

// Glass to glass: starts VIEWER on a fresh Xvfb of the harness (its processes belong to the
// harness), takes control, and types KEYS letters into its window at the shared terminal's
// cursor, timing each from its XTEST press to its glyph's cell changing on the viewer's
// display (KeyToPixelProbe, on a thread of its own while the event loop keeps the bench's
// relays going). No keys, nothing measured. When the viewer never showed a typed key it says
// why on stderr and the figures stay -1: the other figures of the run still count.
GlassToGlassFigures measureGlassToGlass(E2eHarness &harness, const GlassToGlassViewer &viewer,
                                        int keys);

} // namespace baton::cli
