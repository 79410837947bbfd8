#pragma once

#include <QWidget>

class QListWidget;
class QPlainTextEdit;

namespace baton::demo {

class DemoCanvas;
class DemoChart;

// The application Baton shares by default: an editor with a few pages of text, a
// list, a drawing canvas and a ~30 fps chart. Everything it shows follows from the
// seed, so the same seed gives the same pixels.
class DemoWindow : public QWidget {
    Q_OBJECT
public:
    static constexpr quint32 kDefaultSeed = 1627;

    explicit DemoWindow(quint32 seed = kDefaultSeed, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return editor_; }
    QListWidget *list() const { return list_; }
    DemoCanvas *canvas() const { return canvas_; }
    DemoChart *chart() const { return chart_; }

    // Animation runs on a timer; tests stop it and step the chart by hand.
    void setAnimated(bool animated);

private:
    QPlainTextEdit *editor_;
    QListWidget *list_;
    DemoCanvas *canvas_;
    DemoChart *chart_;
};

} // namespace baton::demo
