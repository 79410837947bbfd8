#pragma once

#include "core/capture/WindowSource.h"

#include <QImage>

class QTimer;

namespace baton {

// The portable fallback: QScreen::grabWindow() on a native window id, for platforms
// without a native backend yet. It needs a QGuiApplication. It knows no damage (every
// frame is hinted as fully damaged, the differ finds the real changes), sees covered
// parts as whatever covers them, and learns of resizes and closes only by polling.
class QtScreenWindowSource final : public WindowSource {
    Q_OBJECT

public:
    // info: the window as a lister described it (Qt cannot enumerate foreign windows).
    QtScreenWindowSource(const WindowInfo &info, int pollIntervalMs = 100,
                         QObject *parent = nullptr);

    static bool isSupported(QString *reason);

    QString backendName() const override { return QStringLiteral("qt"); }
    bool start() override;
    void stop() override;
    bool isActive() const override { return active_; }
    QString errorString() const override { return error_; }
    WindowInfo window() const override { return info_; }
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

private:
    WindowInfo info_;
    QTimer *timer_;
    QImage image_;
    bool active_ = false;
    bool closed_ = false;
    uint64_t sequence_ = 0;
    QString error_;
};

} // namespace baton
