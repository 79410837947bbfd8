#pragma once

#include <QFrame>
#include <QList>

class QAction;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace baton::ui {

// The viewer window's message bar: one sentence about the session (the host ended it,
// the connection dropped, the shared window is hidden, control was declined) and the
// actions that answer it (Reconnect, Accept…), shown above the picture instead of a
// modal dialog so that the picture and the window stay usable. It can also ask for the
// session's passcode, in a field of its own. Screen readers hear each new message as an
// alert.
class ViewerStatusBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };

    explicit ViewerStatusBanner(QWidget *parent = nullptr);

    // Replaces the message; the actions become buttons, in order (not owned).
    void showMessage(Kind kind, const QString &text, const QList<QAction *> &actions = {});
    // Replaces the message with a question, an empty passcode field that takes the focus
    // and a Join button; Enter or Join (once something is typed) emits passcodeEntered.
    void askForPasscode(Kind kind, const QString &text);
    // Hides the bar and drops its buttons.
    void clear();
    // Hides the bar only if it still shows this message (a later one stays).
    void clearIf(const QString &text);

    QString text() const;
    Kind kind() const { return kind_; }
    // The buttons now shown, in order: what tests press.
    QList<QToolButton *> buttons() const { return buttons_; }
    // Shown only while the bar asks for the passcode.
    QLineEdit *passcodeField() const { return passcode_; }

signals:
    void passcodeEntered(const QString &passcode);

private:
    void present(Kind kind, const QString &text, const QList<QAction *> &actions, bool asking);
    void submitPasscode();
    void applyColours();
    void removeButtons();

    Kind kind_ = Kind::Information;
    QLabel *label_;
    QLineEdit *passcode_;
    QAction *join_;
    QHBoxLayout *buttonRow_;
    QToolButton *dismiss_;
    QList<QToolButton *> buttons_;
};

} // namespace baton::ui
