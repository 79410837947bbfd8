#pragma once

#include <QFrame>

class QLabel;

namespace baton::ui {

// Frames the picture and says when the viewer is in control: while active, a coloured
// border around the content and a "You are in control" chip above it, so nobody types
// into a remote window without knowing it.
class FloorIndicator : public QFrame {
    Q_OBJECT
public:
    // content: the picture (its scroll area), reparented into the frame.
    explicit FloorIndicator(QWidget *content, QWidget *parent = nullptr);

    void setActive(bool active);
    bool isActive() const { return active_; }
    // The chip, for tests and screen readers.
    QLabel *chip() const { return chip_; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyChipColours();

    QLabel *chip_;
    bool active_ = false;
};

} // namespace baton::ui
