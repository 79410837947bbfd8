#pragma once

#include "core/display/DisplayTypes.h"

#include <QStringList>

namespace baton::display {

// The VCP features ISSD exposes (MCCS codes).
enum class VcpFeature : quint8 {
    Brightness = 0x10,
    Contrast = 0x12,
    InputSource = 0x60,
    PowerMode = 0xD6,
};

struct VcpValue {
    int current = 0;
    int maximum = 0;
};

// DDC/CI monitor control (MCCS over I2C) for displays that answer it. Optional.
// Every call talks to the monitor and may take tens of milliseconds; the
// implementation serialises access per monitor.
class DdcControl {
public:
    virtual ~DdcControl() = default;
    virtual QString name() const = 0;
    // Whether the display (matched by EDID, else connector) answers DDC.
    virtual bool reaches(const DisplayInfo &display) = 0;
    virtual std::optional<VcpValue> read(const DisplayInfo &display, VcpFeature feature,
                                         BackendResult *error) = 0;
    virtual BackendResult write(const DisplayInfo &display, VcpFeature feature, int value) = 0;
};

} // namespace baton::display
