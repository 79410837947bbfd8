#pragma once

#include <QWidget>

namespace baton::sharedapp {

// A frameless window with an alpha channel (a depth-32 ARGB visual on X11): side by side,
// a fully transparent band, red at half opacity, green at a quarter, and opaque blue.
// A share shows it composed over its neutral background.
class TranslucentWindow : public QWidget {
public:
    explicit TranslucentWindow(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace baton::sharedapp
