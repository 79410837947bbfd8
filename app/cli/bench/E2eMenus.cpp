#include "E2eMenus.h"

namespace baton::cli {
namespace {

// Far beyond a loaded machine's capture-to-apply delay, so each opening's frames (the
// menu's and then the closing's) are all applied before the next begins.
constexpr int kHoldMs = 500;
constexpr int kRestMs = 500;
constexpr int kXdotoolMs = 10000;
// On the xterm (at +0+0): xterm centres its menu on the pointer, the menu's title under it,
// so releasing the button picks no entry (Send KILL Signal, say), and from here the whole
// menu lies inside the xterm. One reaching past the window's edge would grow the share's
// picture: a new share generation, whose catch-up picture the host's timing log does not
// record, so that opening would go unmeasured.
const QString kPointerX = QStringLiteral("150");
const QString kPointerY = QStringLiteral("60");

} // namespace

bool openMenus(E2eHarness &harness, const QString &display, int openings, QString *error)
{
    const QString xdotool = QStringLiteral("xdotool");
    // --sync waits for the pointer to move, so it starts elsewhere (an earlier run may
    // have left it on the spot).
    if (!harness.run(display, xdotool,
                     {QStringLiteral("mousemove"), QStringLiteral("0"), QStringLiteral("0")},
                     kXdotoolMs, error) ||
        !harness.run(display, xdotool,
                     {QStringLiteral("mousemove"), QStringLiteral("--sync"), kPointerX, kPointerY},
                     kXdotoolMs, error))
        return false;
    for (int i = 0; i < openings; ++i) {
        if (!harness.run(display, xdotool,
                         {QStringLiteral("keydown"), QStringLiteral("ctrl"),
                          QStringLiteral("mousedown"), QStringLiteral("1")},
                         kXdotoolMs, error))
            return false;
        E2eHarness::spin(kHoldMs);
        if (!harness.run(display, xdotool,
                         {QStringLiteral("mouseup"), QStringLiteral("1"), QStringLiteral("keyup"),
                          QStringLiteral("ctrl")},
                         kXdotoolMs, error))
            return false;
        E2eHarness::spin(kRestMs);
    }
    return true;
}

} // namespace baton::cli
