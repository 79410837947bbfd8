#pragma once

#include <QImage>
#include <QPointer>
#include <QWidget>

#include <optional>

namespace baton {

class Region;
class ViewerSession;

// Shows a ViewerSession's picture of the share: scaled to fit (keeping its
// aspect ratio, never above 1:1 unless asked: see Scaling), the host's pointer drawn over it, and a
// plain sentence instead of a frozen picture while the window is hidden or after the
// session ended. Where no shared window lies (the desktop between an application's
// windows) it paints a hatch rather than the picture, so that part reads as not shared.
// Repaints only what each presented frame changed, and only the old and new places of the
// pointer when it moves.
//
// 1:1 means one shared pixel per device pixel: on a HiDPI screen the picture takes
// fewer logical pixels (sizeHint() is the picture's size divided by devicePixelRatioF()).
class ViewerWidget : public QWidget {
    Q_OBJECT
public:
    enum class Scaling {
        ShrinkToFit, // smaller pictures stay 1:1 (the default: a desktop window)
        Fit, // fills the widget either way (a room screen)
        OneToOne, // never scaled: centred, cropped when larger than the widget
    };

    explicit ViewerWidget(ViewerSession *session, QWidget *parent = nullptr);

    // Shows another session (a reconnection): the last picture stays, dimmed, until the
    // new session presents its own.
    void setSession(ViewerSession *session);
    void setScaling(Scaling scaling);
    Scaling scaling() const { return scaling_; }
    // Without messages the picture is only dimmed when the window is hidden or the session
    // ended: for a window that tells the user in a message bar of its own.
    void setShowsMessages(bool shows);

    // The picture as received (1:1, without the pointer or the hatch): what tests compare.
    QImage image() const { return image_; }
    QSize sizeHint() const override;

    // Where a widget position falls in the shared window's pixels; nullopt outside the
    // picture unless clamped to its edge.
    std::optional<QPoint> toPicture(const QPointF &position, bool clamp = false) const;
    // The widget position of a shared window's pixel (its top-left corner).
    QPointF fromPicture(const QPoint &pixel) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onFramePresented(const Region &damage);
    void onResized(int width, int height);
    void onPointerChanged();
    QRectF pictureRect() const;
    QRect toWidget(const QRect &picture) const;
    // The picture's parts outside every shared window, in its pixels.
    QRegion unsharedRegion() const;
    void paintUnshared(QPainter &painter, const QRectF &target) const;
    // Where the pointer is drawn now, in widget coordinates; empty when it is not.
    QRect pointerRect() const;
    void drawPointer(QPainter &painter, const QRectF &target) const;

    QPointer<ViewerSession> session_;
    QImage image_;
    QString message_;
    Scaling scaling_ = Scaling::ShrinkToFit;
    bool showsMessages_ = true;
    QRect pointerDrawnAt_;
};

} // namespace baton
