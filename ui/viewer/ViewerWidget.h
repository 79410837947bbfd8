#pragma once

#include <QImage>
#include <QPointer>
#include <QWidget>

namespace baton {

class Region;
class ViewerSession;

// Shows a ViewerSession's picture of the shared window: scaled to fit (keeping its
// aspect ratio, never above 1:1 unless asked: see Scaling), the host's pointer drawn over it, and a
// plain sentence instead of a frozen picture while the window is hidden or after the
// session ended. Repaints only what each presented frame changed.
class ViewerWidget : public QWidget {
    Q_OBJECT
public:
    enum class Scaling {
        ShrinkToFit, // smaller pictures stay 1:1 (the default: a desktop window)
        Fit,         // fills the widget either way (a room screen)
        OneToOne,    // never scaled: centred, cropped when larger than the widget
    };

    explicit ViewerWidget(ViewerSession *session, QWidget *parent = nullptr);

    void setScaling(Scaling scaling);
    Scaling scaling() const { return scaling_; }

    // The picture as shown (1:1, without the pointer): what tests compare.
    QImage image() const { return image_; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onFramePresented(const Region &damage);
    void onResized(int width, int height);
    QRectF pictureRect() const;
    QRect toWidget(const QRect &picture) const;

    QPointer<ViewerSession> session_;
    QImage image_;
    QString message_;
    Scaling scaling_ = Scaling::ShrinkToFit;
};

} // namespace baton
