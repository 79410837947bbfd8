#pragma once

#include "core/issd/ScreenSnapshotter.h"

#include <memory>

namespace baton::issd {

// Grabs a display's area of the X root window with xcb GetImage and scales it down
// with QImage (Qt Gui, no widgets), for the headless agent.
class XcbScreenSnapshotter : public ScreenSnapshotter {
public:
    // nullptr with a reason when there is no X server or its root is not 24/32 bit.
    static std::unique_ptr<XcbScreenSnapshotter> create(const QString &displayName, QString *whyNot);
    ~XcbScreenSnapshotter() override;

    std::optional<Snapshot> snapshot(const display::DisplayInfo &display, QSize maxSize, Format format,
                                     int quality, display::BackendResult *error) override;

private:
    struct Connection;
    explicit XcbScreenSnapshotter(std::unique_ptr<Connection> connection);
    std::unique_ptr<Connection> connection_;
};

} // namespace baton::issd
