#pragma once

#include <QObject>

namespace baton::sharedapp {

// Says on stdout whenever a popup or dialog shows: "menu: shown TITLE" for a menu,
// "combo popup: shown" for a combo box's list, "tooltip: shown" for a tooltip,
// "dialog: shown" for a dialog. Installed on the application, it sees the windows Qt
// creates itself (the tooltip, the combo box's list), which have no signal of their own.
// A window is said when Qt shows it; its pixels reach the screen a moment later.
class PopupReporter : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace baton::sharedapp
