#pragma once

#include <QJsonObject>
#include <QMainWindow>

class QAction;
class QComboBox;
class QLineEdit;
class QMenu;
class QPushButton;

namespace baton::sharedapp {

// The application a test shares: a menu bar (File ▸ Say hello, Open dialog…, Quit; Edit
// ▸ a few items), a text field, which has the keyboard focus, a combo box, a button with
// a tooltip and one that opens a modal dialog. Every effect is said on stdout: "picked:
// hello", "picked: ITEM" for the others, "text: TEXT" after every change of the field's
// text, "combo: TEXT", "dialog: accepted" or "dialog: rejected"; once the dialog is up,
// where its OK button lies, as {"dialog_ok": {"x": …, "y": …}} in this window's
// coordinates.
class SharedAppWindow : public QMainWindow {
public:
    // With a picturePath, the window's own picture (saveWindowPicture) is written there
    // before each "text: …" line, so that a test knows what the change looks like.
    explicit SharedAppWindow(const QString &picturePath = {}, QWidget *parent = nullptr);

    // Where a test clicks, as {"x": …, "y": …} centres in the window's own coordinates:
    // the File menu's title, the "Say hello" item as it will lie once File is open, the
    // text field, the combo box, the tooltip button and the dialog button. Valid once the window
    // has been laid out (shown).
    QJsonObject clickPoints() const;

private:
    QMenu *buildFileMenu();
    QMenu *buildEditMenu();
    QWidget *buildCentre();
    void openDialog();
    void sayText(const QString &text);

    QString picturePath_;
    QMenu *fileMenu_ = nullptr;
    QAction *sayHello_ = nullptr;
    QLineEdit *textField_ = nullptr;
    QComboBox *combo_ = nullptr;
    QPushButton *toolTipButton_ = nullptr;
    QPushButton *dialogButton_ = nullptr;
};

} // namespace baton::sharedapp
