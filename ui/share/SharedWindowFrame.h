#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QRect>

#include <array>
#include <memory>

class QWidget;

namespace baton::ui {

// A coloured frame around the shared window on the host's own screen, so the person
// sharing always sees what the viewers see. Four thin frameless top-level strips just
// outside the window's rectangle: always on top, never focused, transparent for input
// (clicks go to whatever is below), and bypassing the window manager, so they are not
// decorated, not listed as shareable windows and not in the shared picture.
class SharedWindowFrame : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultThicknessPx = 4;

    explicit SharedWindowFrame(QColor colour, int thicknessPx = kDefaultThicknessPx,
                               QObject *parent = nullptr);
    ~SharedWindowFrame() override;

    // Places the frame around windowRect (screen pixels) and shows it; call again
    // whenever the window moves or changes size.
    void showAround(const QRect &windowRect);
    void hide();
    bool isShown() const { return shown_; }
    QColor colour() const { return colour_; }
    QRect around() const { return around_; }
    // The strips' screen rectangles: top, bottom, left, right.
    QList<QRect> edgeGeometries() const;

private:
    std::array<std::unique_ptr<QWidget>, 4> edges_;
    QColor colour_;
    int thicknessPx_;
    QRect around_;
    bool shown_ = false;
};

} // namespace baton::ui
