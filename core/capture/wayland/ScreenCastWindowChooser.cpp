#include "core/capture/wayland/ScreenCastWindowChooser.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/wayland/PipeWireWindowSource.h"

namespace baton {

ScreenCastWindowChooser::ScreenCastWindowChooser(std::unique_ptr<ScreenCastSession> session,
                                                 ScreenCastOptions options, QObject *parent)
    : DesktopWindowChooser(parent), session_(std::move(session)), options_(std::move(options))
{
    connect(session_.get(), &ScreenCastSession::granted, this, &ScreenCastWindowChooser::onGranted);
    connect(session_.get(), &ScreenCastSession::refused, this, &ScreenCastWindowChooser::onRefused);
}

ScreenCastWindowChooser::~ScreenCastWindowChooser() = default;

void ScreenCastWindowChooser::begin()
{
    qCInfo(lcCapture).noquote() << "asking" << session_->backendName() << "for a window to share";
    session_->begin(options_);
}

std::unique_ptr<WindowSource> ScreenCastWindowChooser::takeSource()
{
    return std::move(source_);
}

void ScreenCastWindowChooser::onGranted()
{
    restoreToken_ = session_->restoreToken();
    const ScreenCastStream stream = session_->stream();
    qCInfo(lcCapture).noquote() << session_->backendName() << "granted PipeWire node"
                                << stream.nodeId << "of" << stream.size.width() << "x"
                                << stream.size.height();
    disconnect(session_.get(), nullptr, this, nullptr);
    source_ = std::make_unique<PipeWireWindowSource>(std::move(session_));
    emit finished(true);
}

void ScreenCastWindowChooser::onRefused(const QString &reason)
{
    error_ = reason;
    qCInfo(lcCapture).noquote() << session_->backendName() << "refused:" << reason;
    emit finished(false);
}

} // namespace baton
