#pragma once

#include <QColor>
#include <QPolygon>
#include <QWidget>

#include <vector>

namespace baton::demo {

// A small drawing surface: drag with the left button to draw. Starts with a few
// strokes derived from the seed so an untouched canvas is not blank.
class DemoCanvas : public QWidget {
    Q_OBJECT
public:
    explicit DemoCanvas(quint32 seed, QWidget *parent = nullptr);

    int strokeCount() const { return static_cast<int>(strokes_.size()); }
    void clear();

    QSize sizeHint() const override { return {320, 200}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    struct Stroke {
        QColor color;
        QPolygon points;
    };
    std::vector<Stroke> strokes_;
    bool drawing_ = false;
};

} // namespace baton::demo
