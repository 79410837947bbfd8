#pragma once

#include "core/display/DisplayTypes.h"

#include <QStringList>

namespace baton::display {

// Monitor power for a whole screen at once (X11 DPMS acts on every output of the
// X screen, not on one). Optional: created only where the server has it.
class PowerControl {
public:
    virtual ~PowerControl() = default;
    virtual QString name() const = 0;
    virtual std::optional<PowerState> power() = 0;
    virtual BackendResult setPower(PowerState state) = 0;
    // Whether a display in `Off` can be woken remotely again (DPMS: yes).
    virtual bool offIsRecoverable() const = 0;
};

} // namespace baton::display
