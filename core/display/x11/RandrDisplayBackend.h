#pragma once

#include "core/display/DisplayBackend.h"
#include "core/display/x11/XcbHandles.h"

#include <QHash>

#include <xcb/randr.h>

#include <memory>

class QSocketNotifier;

namespace baton::display::x11 {

// Displays of an X screen through RandR 1.3+: outputs with their EDID identity,
// modes, position, rotation, primary flag and enabled state. applyLayout() changes
// CRTCs, the screen size and the primary output under a server grab and puts the
// previous configuration back when any step fails.
class RandrDisplayBackend : public DisplayBackend {
    Q_OBJECT
public:
    // nullptr with a reason when the server lacks RandR 1.3.
    static std::unique_ptr<RandrDisplayBackend> create(XcbConnection connection, QString *whyNot);
    ~RandrDisplayBackend() override;

    QString name() const override { return QStringLiteral("x11-randr"); }
    QList<DisplayInfo> displays() override;
    bool canChangeLayout() const override { return true; }
    BackendResult applyLayout(const QList<LayoutChange> &changes) override;
    // False once the X server is gone: its changes can no longer be followed.
    bool followsChanges() const;

private:
    struct Crtc {
        xcb_randr_crtc_t id = 0;
        int x = 0;
        int y = 0;
        xcb_randr_mode_t mode = 0;
        quint16 rotation = XCB_RANDR_ROTATION_ROTATE_0;
        quint16 rotations = XCB_RANDR_ROTATION_ROTATE_0;
        QList<xcb_randr_output_t> outputs;
        friend bool operator==(const Crtc &a, const Crtc &b)
        {
            return a.x == b.x && a.y == b.y && a.mode == b.mode && a.rotation == b.rotation &&
                   a.outputs == b.outputs;
        }
    };
    struct Output {
        xcb_randr_output_t id = 0;
        QString name;
        bool connected = false;
        xcb_randr_crtc_t crtc = 0;
        QList<xcb_randr_mode_t> modes;
        int preferredCount = 0;
        QList<xcb_randr_crtc_t> possibleCrtcs;
        QSize sizeMm;
    };
    struct State {
        xcb_timestamp_t configTimestamp = 0;
        QHash<xcb_randr_mode_t, DisplayMode> modes;
        QList<Output> outputs;
        QHash<xcb_randr_crtc_t, Crtc> crtcs;
        QList<xcb_randr_crtc_t> crtcOrder;
        xcb_randr_output_t primary = 0;
        QSize screenPx;
        QSize screenMm;
    };

    RandrDisplayBackend(XcbConnection connection, xcb_window_t root, quint8 firstEvent);
    std::optional<State> readState(QString *error);
    QByteArray readEdid(xcb_randr_output_t output);
    BackendResult plan(const State &current, const QList<LayoutChange> &changes, State &target);
    bool applyState(const State &from, const State &to, QString *error);
    void drainEvents();

    XcbConnection connection_;
    xcb_window_t root_;
    quint8 firstEvent_;
    xcb_atom_t edidAtom_ = XCB_ATOM_NONE;
    QSocketNotifier *notifier_ = nullptr;
};

} // namespace baton::display::x11
