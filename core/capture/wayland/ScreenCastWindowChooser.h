#pragma once

#include "core/capture/DesktopWindowChooser.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <memory>

namespace baton {

// The Wayland chooser: asks a screen cast backend (the portal's dialog, or GNOME's focused
// window) for a stream and, once granted, wraps the session in a PipeWireWindowSource.
class ScreenCastWindowChooser : public DesktopWindowChooser {
    Q_OBJECT

public:
    // session: a backend's, not begun.
    ScreenCastWindowChooser(std::unique_ptr<ScreenCastSession> session, ScreenCastOptions options,
                            QObject *parent = nullptr);
    ~ScreenCastWindowChooser() override;

    void begin() override;
    std::unique_ptr<WindowSource> takeSource() override;
    QString errorString() const override { return error_; }
    QString restoreToken() const override { return restoreToken_; }

private:
    void onGranted();
    void onRefused(const QString &reason);

    std::unique_ptr<ScreenCastSession> session_;
    ScreenCastOptions options_;
    std::unique_ptr<WindowSource> source_;
    QString error_;
    QString restoreToken_;
};

} // namespace baton
