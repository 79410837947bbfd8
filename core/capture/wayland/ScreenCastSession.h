#pragma once

#include <QObject>
#include <QPoint>
#include <QPointF>
#include <QSize>
#include <QString>

#include <cstdint>

namespace baton {

// The one stream a Wayland compositor granted for a share: a PipeWire video node showing
// the chosen window (or monitor, where the desktop offers no window capture).
struct ScreenCastStream {
    // As the ScreenCast portal numbers source types.
    enum class SourceType : uint32_t { Monitor = 1, Window = 2, Virtual = 4 };

    uint32_t nodeId = 0;
    SourceType type = SourceType::Window;
    // The stream's size and position in the compositor's logical space, when the
    // compositor says; empty / (0,0) otherwise (the PipeWire format then decides).
    QSize size;
    QPoint position;
};

// What a ScreenCast backend asks the compositor for.
struct ScreenCastOptions {
    // Also ask for keyboard and pointer input into the stream (RemoteDesktop).
    bool withInput = true;
    // The portal's restore token from an earlier share of the same window: the chooser is
    // skipped when the compositor still honours it. Empty: ask.
    QString restoreToken;
    // Ask the portal for a new restore token (persist_mode 2, "until revoked").
    bool persist = true;
    // GNOME's own interface: the window to record (mutter's window id); 0 records the
    // window that has the focus. The portal ignores it: its chooser decides.
    uint64_t windowId = 0;
};

// A granted screen cast (and, when asked and allowed, remote desktop) session with a
// Wayland compositor: through the desktop portal (org.freedesktop.portal.ScreenCast and
// RemoteDesktop) or GNOME's own interface (org.gnome.Mutter.ScreenCast and RemoteDesktop).
// A backend's session is created empty; begin() asks the compositor (the portal shows its
// chooser) and granted() or refused() follows exactly once. It lives on the thread that
// created it (D-Bus replies and signals arrive there). Destroying it ends the session.
//
// Input: Linux evdev key and button codes, absolute positions in the stream's pixels —
// the compositor routes them to the streamed window. The notify calls are sent without
// waiting for a reply, in order; they return false, with errorString() set, when input
// was not granted or the session is gone.
class ScreenCastSession : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~ScreenCastSession() override = default;

    // Asks the compositor for the stream (and input, when options say so).
    virtual void begin(const ScreenCastOptions &options) = 0;

    // "portal" or "mutter": for logs, statistics and WindowSource::backendName().
    virtual QString backendName() const = 0;
    // The rest is valid after granted().
    virtual ScreenCastStream stream() const = 0;
    // A new connection to the PipeWire daemon that serves the stream, for the caller to
    // own and close: the portal's OpenPipeWireRemote descriptor, or -1 meaning "the
    // default remote" (mutter's streams are on the user's own PipeWire daemon). -2 with
    // error set when it cannot be had.
    virtual int openPipeWireRemote(QString *error) = 0;
    // The restore token the portal handed out for this share (persist), empty otherwise.
    virtual QString restoreToken() const = 0;

    // Whether the compositor granted keyboard and pointer input into the stream.
    virtual bool canInject() const = 0;
    virtual bool notifyKeyboardKeycode(int evdevKey, bool pressed) = 0;
    // An X keysym (Unicode characters as 0x01000000 + code point), for text the
    // viewer's keyboard composed.
    virtual bool notifyKeyboardKeysym(uint32_t keysym, bool pressed) = 0;
    virtual bool notifyPointerMotionAbsolute(QPointF position) = 0;
    virtual bool notifyPointerButton(int evdevButton, bool pressed) = 0;
    // Wheel notches, positive = down / right (the evdev sense).
    virtual bool notifyPointerAxisDiscrete(Qt::Orientation axis, int steps) = 0;
    virtual QString errorString() const = 0;

signals:
    void granted();
    // A sentence for the person: the chooser was cancelled, the interface is missing...
    void refused(const QString &reason);
    // The compositor or the person ended the session (the portal's Closed signal,
    // mutter's Session.Closed, the D-Bus peer vanished): the stream is gone too.
    void closed(const QString &reason);
};

} // namespace baton
