#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace baton::ui {

// What can be done with the chosen display besides changing its properties: make it
// show its number (Identify), look at it (Snapshot, shown here scaled down), put the
// person's current share on it and take it off again.
class DisplayActionsBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPreviewWidthPx = 480;
    static constexpr int kPreviewHeightPx = 270;

    explicit DisplayActionsBar(QWidget *parent = nullptr);

    // displaySelected: a display of a connected agent is chosen; canShare: its agent can
    // show shares; hasShare: the person is sharing now.
    void setAvailable(bool displaySelected, bool canShare, bool hasShare);
    void showSnapshot(const QImage &image);
    void clearSnapshot();

signals:
    void identifyRequested();
    void snapshotRequested();
    void showShareRequested();
    void takeOffRequested();

private:
    QPushButton *identify_;
    QPushButton *snapshot_;
    QPushButton *showShare_;
    QPushButton *takeOff_;
    QLabel *preview_;
};

} // namespace baton::ui
