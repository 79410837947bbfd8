#include "core/capture/wayland/PipeWireWindowSource.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/wayland/PipeWireStream.h"

namespace baton {

PipeWireWindowSource::PipeWireWindowSource(std::unique_ptr<ScreenCastSession> session,
                                           QObject *parent)
    : WindowSource(parent), session_(std::move(session))
{
    const ScreenCastStream stream = session_->stream();
    geometry_ = {stream.position.x(), stream.position.y(), stream.size.width(),
                 stream.size.height()};
    connect(session_.get(), &ScreenCastSession::closed, this,
            [this](const QString &reason) { close(reason); });
}

PipeWireWindowSource::~PipeWireWindowSource() = default;

QString PipeWireWindowSource::backendName() const
{
    return session_->backendName();
}

bool PipeWireWindowSource::fail(const QString &message)
{
    error_ = message;
    qCWarning(lcCapture).noquote() << backendName() << "window:" << message;
    return false;
}

bool PipeWireWindowSource::start()
{
    if (stream_)
        return true;
    if (closed_)
        return fail(error_);
    error_.clear();
    QString error;
    const int fd = session_->openPipeWireRemote(&error);
    if (fd == -2)
        return fail(QStringLiteral("no PipeWire remote: %1").arg(error));
    stream_ = PipeWireStream::open(fd, session_->stream().nodeId, &error);
    if (!stream_)
        return fail(error);
    connect(stream_.get(), &PipeWireStream::frameArrived, this,
            &PipeWireWindowSource::onFrameArrived);
    connect(stream_.get(), &PipeWireStream::cursorChanged, this, &WindowSource::cursorChanged);
    connect(stream_.get(), &PipeWireStream::failed, this,
            [this](const QString &reason) { close(reason); });
    sequence_ = 0;
    qCDebug(lcCapture).noquote() << backendName() << "window: capturing PipeWire node"
                                 << session_->stream().nodeId;
    return true;
}

void PipeWireWindowSource::stop()
{
    stream_.reset();
}

WindowInfo PipeWireWindowSource::window() const
{
    WindowInfo info;
    info.id = session_->stream().nodeId;
    info.title = QStringLiteral("Wayland window");
    info.geometry = geometry_;
    info.visible = !closed_;
    return info;
}

void PipeWireWindowSource::onFrameArrived()
{
    const QSize size = stream_->size();
    if (size.width() != geometry_.width || size.height() != geometry_.height) {
        // The session may not have said the size: the first picture does, no resize.
        const bool first = geometry_.isEmpty();
        geometry_.width = size.width();
        geometry_.height = size.height();
        if (!first)
            emit windowEvent({WindowEventKind::Resized, geometry_});
    }
    emit damaged();
}

void PipeWireWindowSource::close(const QString &reason)
{
    if (closed_)
        return;
    closed_ = true;
    error_ = QStringLiteral("window closed: %1").arg(reason);
    qCInfo(lcCapture).noquote() << backendName() << error_;
    // Destroyed later: this may run inside the stream's own signal. Its signals stop here.
    if (stream_) {
        stream_->disconnect(this);
        stream_.release()->deleteLater();
    }
    emit windowEvent({WindowEventKind::Closed, geometry_});
}

bool PipeWireWindowSource::captureFrame(CapturedFrame &frame)
{
    if (!stream_)
        return fail(error_.isEmpty() ? QStringLiteral("not started") : error_);
    if (!stream_->hasPicture()) {
        error_ = QStringLiteral("no picture yet"); // not a failure: damaged() will come
        return false;
    }
    frame.pixels = stream_->pixels();
    frame.damage = stream_->takeDamage();
    frame.sequence = ++sequence_;
    error_.clear();
    return true;
}

CursorState PipeWireWindowSource::cursor()
{
    return stream_ ? stream_->cursor() : CursorState{};
}

} // namespace baton
