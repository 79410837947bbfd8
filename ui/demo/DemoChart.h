#pragma once

#include <QRandomGenerator>
#include <QTimer>
#include <QWidget>

#include <deque>

namespace baton::demo {

// A moving line chart: the "animated area" of the demo, a region that changes on
// every frame. Its data is a seeded random walk advanced one sample per frame, so
// frame N looks the same on every run with the same seed.
class DemoChart : public QWidget {
    Q_OBJECT
public:
    static constexpr int kFrameIntervalMs = 33;
    static constexpr int kSamples = 120;

    explicit DemoChart(quint32 seed, QWidget *parent = nullptr);

    // Starts or stops advancing on a ~30 fps timer.
    void setRunning(bool running);
    bool isRunning() const { return timer_.isActive(); }
    // Moves the chart on by one frame, as the timer would.
    void advance();
    quint64 frameIndex() const { return frame_; }

    QSize sizeHint() const override { return {320, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRandomGenerator rng_;
    std::deque<double> samples_;
    quint64 frame_ = 0;
    QTimer timer_;
};

} // namespace baton::demo
