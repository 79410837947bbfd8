#pragma once

#include "core/display/DdcControl.h"
#include "core/display/DisplayBackend.h"
#include "core/display/PowerControl.h"

#include <memory>

namespace baton::display {

// Everything the agent can do with this machine's displays: a layout backend (always
// present, possibly read-only), and power and DDC/CI control when available.
struct DisplaySystem {
    std::unique_ptr<DisplayBackend> layout;
    std::unique_ptr<PowerControl> power;
    std::unique_ptr<DdcControl> ddc;
    QStringList refusals; // why each backend that was tried did not start, for INFO and logs
};

struct DisplaySystemOptions {
    QString x11Display;                           // empty: $DISPLAY
    QString ddcutilProgram = QStringLiteral("ddcutil"); // empty: no DDC/CI
};

// Tries, in order: X11 RandR (+ DPMS), then the read-only QScreen backend; DDC/CI via
// ddcutil on top of either. Logs why each refused. nullopt when no layout backend
// could start at all (no X server and no QGuiApplication).
std::optional<DisplaySystem> createDisplaySystem(const DisplaySystemOptions &options, QString *whyNot);

} // namespace baton::display
