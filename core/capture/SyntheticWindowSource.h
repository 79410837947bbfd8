#pragma once

#include "core/capture/SyntheticScene.h"
#include "core/capture/WindowSource.h"

class QTimer;

namespace baton {

// A WindowSource over a SyntheticScene: each captureFrame() advances the scene one step
// and reports exactly what the step changed as damage. With a frame interval it also
// emits damaged() on a timer, like a live window; without one the consumer drives it.
class SyntheticWindowSource final : public WindowSource {
    Q_OBJECT

public:
    SyntheticWindowSource(SyntheticSceneKind kind, int32_t width, int32_t height, uint32_t seed = 1,
                          int frameIntervalMs = 0, QObject *parent = nullptr);

    QString backendName() const override { return QStringLiteral("synthetic"); }
    bool start() override;
    void stop() override;
    bool isActive() const override { return active_; }
    QString errorString() const override { return error_; }
    WindowInfo window() const override;
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

    const SyntheticScene &scene() const { return scene_; }

private:
    SyntheticScene scene_;
    QTimer *timer_ = nullptr;
    bool active_ = false;
    bool firstFrame_ = true;
    uint64_t sequence_ = 0;
    QString error_;
};

} // namespace baton
