#pragma once

#include "core/display/DisplayTypes.h"

#include <QByteArray>
#include <QSize>

#include <optional>

namespace baton::issd {

// SNAPSHOT: what one display shows, as an encoded thumbnail no larger than maxSize
// (aspect ratio kept). The headless agent grabs through xcb; `baton --agent` may
// supply a QScreen-based one. Called on the agent's thread; blocks for one grab.
class ScreenSnapshotter {
public:
    enum class Format { Png, Jpeg };
    struct Snapshot {
        QByteArray bytes; // encoded PNG or JPEG
        QSize size;
    };
    virtual ~ScreenSnapshotter() = default;
    virtual std::optional<Snapshot> snapshot(const display::DisplayInfo &display, QSize maxSize,
                                             Format format, int quality,
                                             display::BackendResult *error) = 0;
};

} // namespace baton::issd
