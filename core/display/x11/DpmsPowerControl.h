#pragma once

#include "core/display/PowerControl.h"
#include "core/display/x11/XcbHandles.h"

#include <memory>

namespace baton::display::x11 {

// Monitor power through the X server's DPMS extension. DPMS acts on every monitor of
// the X screen at once; the agent says so by reporting power for all displays.
class DpmsPowerControl : public PowerControl {
public:
    // nullptr with a reason when the server has no DPMS or the hardware cannot do it.
    static std::unique_ptr<DpmsPowerControl> create(XcbConnection connection, QString *whyNot);

    QString name() const override { return QStringLiteral("x11-dpms"); }
    std::optional<PowerState> power() override;
    BackendResult setPower(PowerState state) override;
    bool offIsRecoverable() const override { return true; }

private:
    explicit DpmsPowerControl(XcbConnection connection) : connection_(std::move(connection)) { }
    XcbConnection connection_;
};

} // namespace baton::display::x11
