#pragma once

#include "core/capture/WindowSource.h"

#include <QImage>
#include <QPointer>
#include <QRegion>
#include <QWidget>

namespace baton {

// Captures an in-process QWidget (the demo application, a test window) by rendering it
// into an image: no display server involved, so it works on the offscreen platform.
// Damage comes from the paint events of the widget and every descendant, and a capture
// re-renders only the damaged part. Events come from the widget's move, resize, show,
// hide and destruction. Lives on the widget's (GUI) thread.
class WidgetWindowSource final : public WindowSource {
    Q_OBJECT

public:
    explicit WidgetWindowSource(QWidget *widget, QObject *parent = nullptr);
    ~WidgetWindowSource() override;

    QString backendName() const override { return QStringLiteral("widget"); }
    bool start() override;
    void stop() override;
    bool isActive() const override { return active_; }
    QString errorString() const override { return error_; }
    WindowInfo window() const override;
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watch(QWidget *widget);
    void unwatch(QWidget *widget);
    void addDamage(const QRegion &region);
    void emitEvent(WindowEventKind kind);

    QPointer<QWidget> widget_;
    QImage image_;
    QRegion pendingDamage_;
    bool active_ = false;
    bool closed_ = false;
    bool rendering_ = false;
    uint64_t sequence_ = 0;
    QString error_;
};

} // namespace baton
