#pragma once

#include "core/capture/WindowSource.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <memory>

namespace baton {

class PipeWireStream;

// A window shared on a Wayland desktop: the PipeWire stream of a granted screen cast
// session (ScreenCastSession, through the desktop portal or mutter), consumed on this
// thread by a PipeWireStream. The compositor decides what the stream shows (the window
// the person picked, or a monitor where the desktop offers no window capture), so
// sharedWindows() is the default: the one picture.
//
// captureFrame() returns false until the first picture arrived after start() (damaged()
// says when one has). The picture follows the window's size (Resized); the window's
// position is the session's, when the compositor said it, else (0, 0). The stream or the
// session ending is Closed. The cursor comes from the stream's cursor metadata (the
// backends ask for cursor mode "metadata").
class PipeWireWindowSource final : public WindowSource {
    Q_OBJECT

public:
    // Takes the granted session; it ends with the source.
    explicit PipeWireWindowSource(std::unique_ptr<ScreenCastSession> session,
                                  QObject *parent = nullptr);
    ~PipeWireWindowSource() override;

    QString backendName() const override;
    // Opens the session's PipeWire remote and the stream on the current thread.
    bool start() override;
    void stop() override;
    bool isActive() const override { return stream_ != nullptr; }
    QString errorString() const override { return error_; }
    WindowInfo window() const override;
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

    // The session, for input into the shared window (RemoteDesktopInputInjector).
    // Sending input does not change what the source captures, hence const.
    ScreenCastSession &session() const { return *session_; }

private:
    bool fail(const QString &message);
    void onFrameArrived();
    void close(const QString &reason);

    std::unique_ptr<ScreenCastSession> session_;
    std::unique_ptr<PipeWireStream> stream_;
    Rect geometry_;
    QString error_;
    bool closed_ = false;
    uint64_t sequence_ = 0;
};

} // namespace baton
