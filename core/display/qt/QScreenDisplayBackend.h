#pragma once

#include "core/display/DisplayBackend.h"

#include <memory>

namespace baton::display {

// Read-only displays from QScreen, for window systems without a writable backend
// (Wayland, or no RandR). Needs a QGuiApplication; layout changes answer Unsupported.
class QScreenDisplayBackend : public DisplayBackend {
    Q_OBJECT
public:
    // nullptr with a reason when the process has no QGuiApplication.
    static std::unique_ptr<QScreenDisplayBackend> create(QString *whyNot);

    QString name() const override { return QStringLiteral("qt-qscreen"); }
    QList<DisplayInfo> displays() override;
    bool canChangeLayout() const override { return false; }
    BackendResult applyLayout(const QList<LayoutChange> &changes) override;

private:
    QScreenDisplayBackend();
};

} // namespace baton::display
