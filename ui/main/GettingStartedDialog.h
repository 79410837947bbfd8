#pragma once

#include <QDialog>

class QKeySequence;
class QLabel;

namespace baton::ui {

// Help ▸ Getting started: what sharing, joining and passing control take, in a few
// sentences each, for someone who opens Baton for the first time. The panic shortcut it
// names is the one the person has set.
class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    explicit GettingStartedDialog(const QKeySequence &panicShortcut, QWidget *parent = nullptr);

    // The text shown, as rich text: what tests read.
    QString text() const;

private:
    QLabel *text_;
};

} // namespace baton::ui
